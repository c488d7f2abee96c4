import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BotApp } from '../../src/app.js';
import type { Sandbox } from '../../src/sandboxMode.js';
import { startSandboxBot } from '../helpers/sandboxBot.js';

/** Chromium flags for a quiet, offline, headless run (no update checks, no sync, no first-run pages). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

export interface ConsoleRun {
  url: string;
  sandbox: Sandbox;
  bot: BotApp;
  browser: Browser;
  page: Page;
  /** Console errors, uncaught page errors and requests to any host but the bot's: each is a test failure. */
  problems: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real bot in sandbox mode (test/helpers/sandboxBot.ts) and one Chromium page on its /console.
 */
export async function startConsole(executablePath: string, env: NodeJS.ProcessEnv = {}): Promise<ConsoleRun> {
  const { url, sandbox, bot, close } = await startSandboxBot(env);
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS }); // a fresh profile of its own each launch
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:')) problems.push(`request to another host: ${r.url()}`);
  });
  await page.goto(`${url}/console`);
  await page.waitForSelector('body[data-ready="true"]');
  mkdirSync('test-output', { recursive: true });
  return {
    url, sandbox, bot, browser, page, problems,
    screenshot: async (name) => {
      await page.screenshot({ path: join('test-output', `${name}.png`), fullPage: true });
    },
    close: async () => {
      await browser.close();
      await close();
    },
  };
}

/** Types into the composer and picks `name` from the @mention picker. */
export async function mention(page: Page, typed: string, openId: string): Promise<void> {
  await page.locator('#composer').pressSequentially(`@${typed}`);
  await page.locator(`#mention-picker li[data-open-id="${openId}"]`).click();
}

/** The newest bot card in the timeline. */
export const lastCard = (page: Page) => page.locator('.msg.bot .card').last();
