// Lint: typescript-eslint's recommended rules plus the architecture rules of docs/ARCHITECTURE.md.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench-results/**', '.test-results/**', '**/*.geo.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Packages never depend on apps; everything imports a package through its public entry.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**', '@cityioc/ingest', '@cityioc/dashboard', '@cityioc/simulator'], message: 'packages never import apps' }] },
      ],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@cityioc/*/src/*', '**/packages/*/src/**'], message: 'import a package through its public entry (@cityioc/x)' },
            { group: ['**/apps/ingest/**'], message: 'apps meet only in @cityioc/contracts' },
          ],
        },
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
