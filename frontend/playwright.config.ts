import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (apt-get install chromium); Playwright downloads nothing.
// E2E_PORT lets two runs share a machine (each has its own server and folder).
const PORT = Number(process.env.E2E_PORT ?? 8765);
process.env.E2E_PORT = String(PORT);
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// `make test` runs this smoke part (the foundation: sign-in, Home, Quick add, offline,
// languages, themes, phones); `make e2e` runs every screen's tests.
const SMOKE = ['journey', 'home', 'account', 'reset', 'offline', 'i18n', 'a11y', 'mobile'];

export default defineConfig({
  testDir: 'e2e',
  testMatch: process.env.E2E_SMOKE ? SMOKE.map((name) => `${name}.spec.ts`) : '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: 'bash e2e/server.sh',
    url: `http://127.0.0.1:${PORT}/health/`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: { E2E_PORT: String(PORT) },
  },
});
