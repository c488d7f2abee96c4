import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createBotApp, type BotApp } from '../../src/app.js';
import { closeServer, listen } from '../../src/lifecycle.js';
import { silentLogger } from '../../src/observe/log.js';
import { startSandbox, type Sandbox } from '../../src/sandboxMode.js';
import { FAST_RETRY } from '../helpers/harness.js';

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
 * The real bot in sandbox mode as main.ts wires it (the sandbox's emulator, config and console routes, the
 * HTTP listener on a free port), and one Chromium page on its /console.
 */
export async function startConsole(executablePath: string, env: NodeJS.ProcessEnv = {}): Promise<ConsoleRun> {
  const sandbox = await startSandbox({ STORE_URL: 'memory:', ...env });
  const bot = createBotApp({ config: sandbox.config, log: silentLogger, retry: FAST_RETRY, emulatorUrl: sandbox.emulator.url, consoleRoutes: sandbox.console });
  const server: Server = await listen(bot.listener, 0);
  bot.transport.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
      await closeServer(server);
      await bot.bot.idle();
      await bot.transport.close();
      await sandbox.emulator.close();
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
