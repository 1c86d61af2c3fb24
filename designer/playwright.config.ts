// Drives the built designer in real Chromium against a real Weft (its own
// embedded PostgreSQL and sandboxes) in a throw-away data folder.
import { execSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { E2E_ADMIN } from './e2e/e2e-admin';
import { E2E_PORT, E2E_SMTP_PORT } from './e2e/e2e-ports';

const repo = fileURLToPath(new URL('..', import.meta.url));
const PORT = E2E_PORT;

// This file is evaluated by the runner and again by each worker: only the
// first evaluation creates the data folder and builds; workers inherit the env.
if (!process.env.WEFT_E2E_DATA_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  chmodSync(dir, 0o755); // embedded PostgreSQL runs as the `postgres` user when we are root
  process.env.WEFT_E2E_DATA_DIR = dir;
  // The server serves dist/designer as built; build it so the spec tests this code.
  if (!process.env.WEFT_E2E_SKIP_BUILD) execSync('npm run build --silent', { cwd: repo, stdio: 'inherit' });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  outputDir: join(repo, 'test-results/designer'),
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1600, height: 1000 },
    launchOptions: { executablePath: process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node bin/weft.mjs start',
    cwd: repo,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // Embedded PostgreSQL, as a newcomer's `npm start`: CI's DATABASE_URL is not for this server.
    env: {
      WEFT_DATA_DIR: process.env.WEFT_E2E_DATA_DIR!,
      PORT: String(PORT),
      DATABASE_URL: '',
      WEFT_ADMIN_EMAIL: E2E_ADMIN.email,
      WEFT_ADMIN_PASSWORD: E2E_ADMIN.password,
      WEFT_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      WEFT_MAIL_FROM: 'weft@e2e.example',
    },
  },
});
