import { defineConfig } from '@playwright/test';

/**
 * e2e against a running origin: the real gateway (default) or, with E2E_PREVIEW=1, the built SPA
 * served by `vite preview` for the tests that need no backend. Tests tagged @stack need the real
 * stack and only run in the "stack" project.
 */
const preview = process.env.E2E_PREVIEW === '1';
const baseURL = process.env.E2E_BASE_URL ?? (preview ? 'http://127.0.0.1:4173' : 'http://127.0.0.1:8000');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium only: this machine never downloads a browser build.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'spa', grepInvert: /@stack/ },
    // review.spec moves the demo's 菊陽町 plan out of the prefecture's queue, which
    // rollup-kpis.spec reads: it runs after every other stack test.
    { name: 'stack', grep: /@stack/, testIgnore: /review\.spec\.ts/ },
    { name: 'stack-last', grep: /@stack/, testMatch: /review\.spec\.ts/, dependencies: ['stack'] },
  ],
  ...(preview
    ? {
        webServer: {
          command: 'npm run preview',
          url: 'http://127.0.0.1:4173/login',
          reuseExistingServer: !process.env.CI,
          timeout: 30_000,
        },
      }
    : {}),
});
