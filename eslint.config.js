// Lint: typescript-eslint's recommended rules plus the architecture rules of docs/ARCHITECTURE.md.
import tseslint from 'typescript-eslint';

/** Packages never depend on apps. */
const NO_APPS = { group: ['**/apps/**', '@cityioc/ingest', '@cityioc/dashboard', '@cityioc/simulator'], message: 'packages never import apps' };
/** Apps use a package only through its public entry, and meet only in the contracts. */
const APP_IMPORTS = [
  { group: ['@cityioc/*/src/*', '**/packages/*/src/**'], message: 'import a package through its public entry (@cityioc/x)' },
  { group: ['**/apps/ingest/**'], message: 'apps meet only in @cityioc/contracts' },
];

/** Files that only hold data (exempt from max-lines): i18n resources, catalogues, geo data, *.data.ts. */
const DATA_FILES = ['**/i18n/resources.ts', 'packages/domain/src/catalogue/indicators.ts', 'packages/domain/src/geo/can-tho.ts', '**/*.data.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench-results/**', '.test-results/**', '**/*.geo.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // a cast to never silences the type checker instead of typing the value (type providers, unknown + a check)
      'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSNeverKeyword', message: 'no `as never`: type the value instead' }],
    },
  },
  {
    // Source files stay small enough to read; data files are exempt (JSON and CSS are not linted).
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: [...DATA_FILES],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['packages/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_APPS] }] },
  },
  {
    // The contracts hold schemas and types only: they never depend on the domain.
    files: ['packages/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_APPS, { group: ['@cityioc/domain', '**/domain/**'], message: 'contracts never import the domain (apps → domain → contracts)' }] },
      ],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: APP_IMPORTS }] },
  },
  {
    // Routes are transport: they reach data through services, never the store.
    files: ['apps/ingest/src/routes/**/*.ts', '**/*.routes.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...APP_IMPORTS, { group: ['**/store/**'], message: 'routes never import the store: go through a service' }] },
      ],
    },
  },
  {
    // Domain logic is pure: the clock is passed in.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass the clock in (now: number)' },
        { object: 'Math', property: 'random', message: 'pass a seeded RNG in' },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch'],
    },
  },
);
