import { defineConfig } from '@playwright/test';

/**
 * e2e: Playwright drives Debian's Chromium (never a downloaded browser) against the browser host;
 * the Electron spec runs only where an Electron binary exists.
 */
export const CHROMIUM_PATH = process.env.SKM_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    screenshot: 'only-on-failure',
    // The console keeps still for people who ask their system for less motion; the specs ask too, so that no step
    // waits out a slide or a fade (Chromium here renders every frame in software, on 2 cores shared by two workers).
    reducedMotion: 'reduce',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'browser-host', testIgnore: /electron\.spec\.ts/ },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
