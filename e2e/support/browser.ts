// Debian's Chromium driven by playwright-core, in a fresh profile, with a record of every request the page made
// outside its own origin and of every failed same-origin request.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.EDC_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** URLs requested outside the app's origin. */
  readonly foreign: string[];
  /** Same-origin responses with an error status (favicon.ico excepted). */
  readonly failed: string[];
  /** Uncaught page errors, and console errors (a CSP violation is reported there). */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(origin: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'edc-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'it-IT',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const foreign: string[] = [];
  const failed: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) foreign.push(request.url());
  });
  context.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin && response.status() >= 400 && url.pathname !== '/favicon.ico') failed.push(`${response.status()} ${url.pathname}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) pageErrors.push(`console: ${message.text()}`);
  });
  return { context, page, foreign, failed, pageErrors, close: () => context.close() };
}
