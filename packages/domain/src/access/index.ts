export * from './roles.ts';
export * from './scope.ts';
export * from './grant.ts';
export * from './session-expiry.ts';
export * from './oidc-claims.ts';
