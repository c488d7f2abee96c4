import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_MEMBER } from '../../src/sandbox/state.js';
import { EXAMPLE_B } from '../unit/cardRulesExamples.js';
import { lastCard, mention, startConsole, type ConsoleRun } from './consoleBrowser.js';

const executablePath = inject('chromium');

describe.skipIf(!executablePath)('the sandbox console in Chromium', () => {
  let run: ConsoleRun;
  beforeAll(async () => {
    run = await startConsole(executablePath as string);
  }, 30_000);
  afterAll(async () => {
    await run?.close();
  });

  it('sends /help with Enter and shows the answer as a card', async () => {
    const { page } = run;
    await page.locator('#composer').fill('/help');
    await page.locator('#composer').press('Enter');
    const card = lastCard(page);
    await card.waitFor();
    await expect(card.locator('.card-title').textContent()).resolves.toMatch(/Ops Bot|help/i);
    expect(await card.locator('.card-header').getAttribute('class')).toMatch(/tpl-\w+/);
    await run.screenshot('console-help');
  });

  it('switches the card language: the same card reads in Chinese', async () => {
    const { page } = run;
    const before = await lastCard(page).innerText();
    await page.selectOption('#lang-select', 'zh_cn');
    await expect.poll(() => lastCard(page).innerText()).not.toBe(before);
    expect(await lastCard(page).innerText()).toMatch(/[\u4e00-\u9fff]/);
    // The console's own words follow the switch too.
    expect(await page.locator('#send').innerText()).toBe('发送');
    await run.screenshot('console-help-zh');
    await page.selectOption('#lang-select', 'en_us');
    await expect.poll(() => lastCard(page).innerText()).toBe(before);
  });

  it('/status open with people from the mention picker: progress, then the result; Undo → toast, card changes', async () => {
    const { page, sandbox } = run;
    // Slow calls, so that the progress card is seen before the result (a poll every 300 ms).
    sandbox.emulator.state.latencyMs = 600;
    onTestFinished(() => {
      sandbox.emulator.state.latencyMs = 0;
    });
    await page.locator('#composer').fill('/status open 出差 ');
    await mention(page, 'Ann', SANDBOX_ADMIN);
    await mention(page, 'Ming', SANDBOX_MEMBER);
    expect(await page.locator('#composer').inputValue()).toBe('/status open 出差 @Ann Admin @Ming Member ');
    await page.locator('#composer').press('Enter');
    // The message event carried real mentions: the user's bubble shows the names back.
    await expect.poll(() => page.locator('.msg.user').last().innerText()).toContain('@Ann Admin @Ming Member');
    // The progress card, then the same message patched in place with the result.
    const progress = page.locator('.msg.bot', { hasText: /Running[\s\S]*Done \d \/ 2/ }).last();
    await progress.waitFor({ timeout: 10_000 });
    const id = await progress.getAttribute('data-message-id');
    sandbox.emulator.state.latencyMs = 0;
    const card = page.locator(`.msg.bot[data-message-id="${id}"] .card`);
    await card.locator('button', { hasText: /Undo/ }).waitFor({ timeout: 10_000 });
    expect(await card.innerText()).toContain('Succeeded');
    expect(await card.locator('.card-header').getAttribute('class')).toContain('tpl-green');
    await card.locator('button', { hasText: /Undo/ }).click();
    await page.locator('#confirm-ok').click();
    await page.locator('.toast').first().waitFor();
    await expect.poll(() => lastCard(page).innerText(), { timeout: 10_000 }).toMatch(/Undone|Undo ·/);
    await run.screenshot('console-status-undo');
  });

  it('a member clicking an admin button in the group sees the refusal toast', async () => {
    const { page } = run;
    await page.locator('[data-chat="group"]').click();
    await mention(page, 'Ops', BOT_OPEN_ID);
    await page.locator('#composer').pressSequentially('/status open 出差 ');
    await mention(page, 'Colleague', 'ou_user00000000000000000000000001');
    await page.locator('#composer').press('Enter');
    const card = lastCard(page);
    await card.locator('button', { hasText: /Undo/ }).waitFor({ timeout: 10_000 });
    await page.selectOption('#as-select', SANDBOX_MEMBER);
    await page.locator('#toasts').evaluate((el) => el.replaceChildren());
    await lastCard(page).locator('button', { hasText: /Undo/ }).click();
    await page.locator('#confirm-ok').click();
    await expect.poll(() => page.locator('.toast').first().innerText()).toMatch(/admin/i);
    await page.selectOption('#as-select', SANDBOX_ADMIN);
  });

  it('/okr draws its chart with VChart: a canvas inside the chart element', async () => {
    const { page } = run;
    await page.locator('[data-chat="p2p"]').click();
    await page.locator('#composer').fill('/okr');
    await page.locator('#composer').press('Enter');
    const chart = page.locator('.msg.bot .card .el-chart').last();
    await chart.waitFor({ timeout: 10_000 });
    await chart.locator('canvas').waitFor({ timeout: 10_000 });
    const box = await chart.locator('canvas').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(50);
    await run.screenshot('console-okr');
  });

  it('fault switches: a 5xx for the next reply shows as a failed call and its retry (#2); Export CSV lists a file to download', async () => {
    const { page } = run;
    await page.selectOption('#fault-api', 'im.message.reply');
    await page.locator('#fault-times').fill('1');
    await page.locator('button.fault[data-kind="5xx"]').click();
    await expect.poll(() => page.locator('#fault-state').innerText()).toMatch(/1/);
    await page.locator('#composer').fill('/help');
    await page.locator('#composer').press('Enter');
    const failed = page.locator('#calls tbody tr.failed', { hasText: '503' }).first();
    await failed.waitFor({ timeout: 10_000 });
    await page.locator('#calls tbody tr', { hasText: '#2' }).first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('#fault-state').innerText()).toBe('');
    // The Undo result card from earlier has Export CSV.
    await page.locator('.msg.bot .card button', { hasText: 'Export CSV' }).first().click();
    const link = page.locator('#files a').first();
    await link.waitFor({ timeout: 10_000 });
    expect(await link.innerText()).toMatch(/\.csv/);
    const href = (await link.getAttribute('href')) ?? '';
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv).toContain('ou_');
    await run.screenshot('console-faults-files');
  });

  it('the card preview draws a pasted card (the chart of cards.md Example B) and says whether the emulator accepts it', async () => {
    const preview = await run.browser.newPage();
    const errors: string[] = [];
    preview.on('pageerror', (err) => errors.push(err.message));
    preview.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await preview.goto(`${run.url}/console/preview`);
    await preview.waitForSelector('body[data-ready="true"]');
    await preview.locator('#card-json').fill(JSON.stringify(EXAMPLE_B));
    await preview.locator('#render').click();
    await preview.locator('#preview .el-chart canvas').waitFor({ timeout: 10_000 });
    await expect.poll(() => preview.locator('#verdict').innerText()).toContain('accepts');
    expect(await preview.locator('#preview .card-title').innerText()).toBe('OKR · 王五');
    await preview.screenshot({ path: 'test-output/console-preview.png' });
    await preview.locator('#card-json').fill(JSON.stringify({ ...EXAMPLE_B, header: { ...EXAMPLE_B.header, colour: 'blue' } }));
    await preview.locator('#render').click();
    await expect.poll(() => preview.locator('#verdict').innerText()).toMatch(/Refused[\s\S]*colour/);
    expect(errors).toEqual([]);
    await preview.close();
  });

  it('lists the upstream calls the bot made, and left no error on the page nor asked any other host', async () => {
    const { page } = run;
    await expect.poll(() => page.locator('#calls tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('#calls tbody').innerText()).toContain('/open-apis/im/v1/messages');
    expect(run.problems).toEqual([]);
  });
});
