import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../../src/features/index.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { uid } from '../status/helpers.js';

/**
 * Every example line of the README and of the commands' own help, typed as an admin and as a member, with
 * the @names as real mentions and as plain text (a name typed without picking the person). The harness holds
 * every card to one language per reader and no advice twice; here, no error card may offer the very line
 * that failed as its example, and an admin's README example is never refused as a wrong argument.
 */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The lines inside the README's fenced blocks. */
function fencedLines(text: string): string[] {
  let inside = false;
  return text.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      inside = !inside;
      return false;
    }
    return inside;
  });
}
/** Lines a user would type: not the usage syntax (`<status>`, `[--chat]`, `a|b`). */
const typed = (line: string) => line.startsWith('/') && !/[<[…]|\|\w+\|/.test(line);
const readmeLines = [...new Set(fencedLines(readme).map((l) => l.trim()).filter(typed))];
const helpLines = [...new Set(features.flatMap((f) => f.commands).flatMap((c) => c.examples))];

let h: Harness;
/** 10:00 in Shanghai when the file starts, time then running on: 今天18:00 is still ahead. */
const offset = Date.UTC(2026, 11, 1, 2, 0, 0) - Date.now();
beforeAll(async () => {
  h = await startHarness({ now: () => Date.now() + offset });
});
afterAll(() => h.close());

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** `@Ann` → a mention key with a real person behind it, as the Feishu client sends a picked name. */
function withMentions(line: string) {
  const mentions: Array<{ key: string; openId: string; name: string }> = [];
  const text = line.replace(/@(?!_user_)([^\s@"]+)/g, (_all, name: string) => {
    const key = `@_user_${mentions.length + 2}`;
    mentions.push({ key, openId: uid(mentions.length + 1), name });
    return key;
  });
  return { text, mentions };
}

/** The example an error card offers, in each language. */
function examplesOn(r: Recorded): string[] {
  return [cardText(r, 'en_us').match(/Example: `([^`]*)`/)?.[1], cardText(r, 'zh_cn').match(/示例：`([^`]*)`/)?.[1]].filter((x): x is string => x !== undefined);
}

async function run(line: string, as: string, picked: boolean): Promise<Recorded[]> {
  const { text, mentions } = picked ? withMentions(line) : { text: line, mentions: [] };
  // `--chat` means the members of a group: typed where it means something.
  const sent = (await h.say(text, { as, mentions, group: line.includes('--chat') })).filter((r) => r.card !== undefined);
  for (const r of sent) for (const example of examplesOn(r)) expect(same(example, line), `"${line}" is offered back as its own example:\n${cardText(r)}`).toBe(false);
  return sent;
}

describe('README examples', () => {
  it('finds the examples to try', () => {
    expect(readmeLines).toContain('/status open 出差 @Ann @Ming --until 3d');
    expect(readmeLines.length).toBeGreaterThan(10);
  });

  it.each(readmeLines)('%s — as an admin, picked names: no wrong-argument card', async (line) => {
    const sent = await run(line, ADMIN, true);
    for (const r of sent) expect(cardText(r), line).not.toContain('Wrong argument');
  });

  it.each(readmeLines)('%s — as an admin, names typed as text, and as a member', async (line) => {
    await run(line, ADMIN, false);
    await run(line, MEMBER, true);
  });
});

describe('help examples', () => {
  it.each(helpLines)('%s — as an admin and a member: never its own example', async (line) => {
    await run(line, ADMIN, true);
    await run(line, MEMBER, false);
  });
});

/** Issue 14's input as a Chinese-speaking admin types it: read as meant, never a wrong-argument card. */
const forgiving = [
  `/status open 出差 ${uid(7)} ——until 2小时`,
  `/status open 出差 ${uid(7)} —until 明天9点`,
  `/status open 出差 ${uid(7)} －－until 今天18:00`,
  `/status open 出差 ${uid(7)}，${uid(8)}、${uid(9)};${uid(10)} --until 18点`,
  `/status open 出差 ${uid(7)},${uid(8)} --until "2 hours"`,
  '/okr --period 十二月',
  '/okr --period Q4',
];

describe('forgiving input', () => {
  it.each(forgiving)('%s — an admin gets no wrong-argument card, in either language', async (line) => {
    const sent = await run(line, ADMIN, true);
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) {
      expect(cardText(r), line).not.toContain('Wrong argument');
      expect(cardText(r, 'zh_cn'), line).not.toContain('参数有误');
    }
  });

  it('/help stauts suggests /help status, in both languages', async () => {
    const [r] = await run('/help stauts', MEMBER, false);
    expect(cardText(r)).toContain('status');
    expect(cardText(r, 'zh_cn')).toContain('status');
  });
});
