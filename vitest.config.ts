import { defineConfig } from 'vitest/config';

/**
 * Tests run the TypeScript sources: workspace packages resolve through their "@cityioc/source"
 * export condition (Vite's resolver), and so does Node's own resolver in the workers
 * (import.meta.resolve). Processes the tests start (server-process.ts) run the compiled build
 * instead, exactly as production does: the integration and e2e projects bring it up to date first.
 */
const SOURCE = '@cityioc/source';
const source = {
  resolve: { conditions: [SOURCE, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE, 'module', 'node', 'development|production'] } },
};
const execArgv = [`--conditions=${SOURCE}`];

/** Three tiers: unit tests next to the code, integration against real processes, e2e in Chromium. */
export default defineConfig({
  test: {
    projects: [
      {
        ...source,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          execArgv,
          // some unit tests generate a month of demo data: generous on a loaded 2-core CI machine
          testTimeout: 30_000,
        },
      },
      {
        ...source,
        test: {
          name: 'integration',
          include: [
            'apps/*/src/**/*.int.test.ts',
            'apps/*/test/**/*.int.test.ts',
            'test-support/**/*.int.test.ts',
            'docker/**/*.int.test.ts',
            'scripts/*.int.test.ts',
          ],
          execArgv,
          globalSetup: ['test-support/build.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...source,
        test: {
          name: 'e2e',
          include: ['apps/dashboard/e2e/**/*.e2e.test.ts'],
          execArgv,
          globalSetup: ['test-support/build.global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
