import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards-kit/render.js';
import { buildCommands } from '../../src/features/index.js';
import { needsAdmin } from '../../src/framework/preconditions.js';
import { tokenize } from '../../src/framework/tokenize.js';
import { addSandboxOkr, okrData, sampleObjectives } from '../../src/sandbox/feishu/okr/data.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { ADMIN, buttons, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { injectedOnCard, markdownSources, readingProblems } from '../helpers/markup.js';
import { HOSTILE, MARKER, rows, type Row } from './injectionRows.js';

let h: Harness;
const registry = buildCommands();

/** Platform data that anyone can name: a system status, an OKR period, objectives and key results. */
function hostileWorld(): void {
  const state = h.emulator.state;
  const s = statusWorld(state).statuses[0]!;
  statusWorld(state).statuses.push({ ...s, system_status_id: '7101214603622949999', title: HOSTILE, i18n_title: { zh_cn: HOSTILE, en_us: HOSTILE }, priority: 9 });
  const period = { id: '7300000000000000666', zh_name: HOSTILE, en_name: HOSTILE, status: 0 };
  okrData(state).periods.unshift(period);
  for (const owner of [ADMIN, MEMBER]) {
    const objectives = sampleObjectives(state, period, 2, HOSTILE);
    objectives[0]!.progress_report = HOSTILE;
    addSandboxOkr(state, owner, period, objectives);
  }
}

beforeAll(async () => {
  h = await startHarness();
  hostileWorld();
});
afterAll(() => h.close());

interface Seen {
  where: string;
  card: unknown;
}

const answeredCard = (body: unknown): unknown => (body as { card?: { data?: unknown } } | undefined)?.card?.data;

/** Sends the row's line as `as` and collects every card the bot produced: replies, sends, patches, and click answers. */
async function run(row: Row, as: string): Promise<Seen[]> {
  row.setup?.(h.emulator.state);
  h.mark();
  await h.say(row.line, { as, group: row.group, mentions: row.mentions });
  const seen: Seen[] = h.sent().filter((r) => r.card !== undefined).map((r) => ({ where: `${r.api} ${r.message_id ?? ''}`, card: r.card }));
  const last = h.sent().filter((r) => r.card !== undefined).at(-1);
  if (row.clickAll && last) {
    for (const [label, value] of Object.entries(buttons(last as Recorded))) {
      h.mark();
      const res = await h.click(value, { as, messageId: last.message_id, chatId: last.chat_id });
      await h.idle();
      const answer = answeredCard(res.body);
      if (answer !== undefined) seen.push({ where: `answer to "${label}"`, card: answer });
      seen.push(...h.sent().filter((r) => r.card !== undefined).map((r) => ({ where: `after "${label}": ${r.api}`, card: r.card })));
    }
  }
  return seen;
}

function problemsOf(seen: Seen[]): string[] {
  return seen.flatMap(({ where, card }) => [...injectedOnCard(card, MARKER), ...readingProblems(card)].map((p) => `${where}: ${p}`));
}

const echoes = (seen: Seen[]) => seen.some(({ card }) => markdownSources(card).some((s) => s.includes(MARKER)));

describe('hostile text never becomes markup on a card', () => {
  it('has rows for every registered command, each running the command it names', () => {
    for (const def of registry.all) expect(rows.some((r) => r.command === def.name), `no row for /${def.name}`).toBe(true);
    for (const row of rows.filter((r) => !r.command.startsWith('('))) {
      expect(registry.find(tokenize(row.line.slice(1)))?.def.name, row.line).toBe(row.command);
    }
  });

  /** Whether members may run the command these words name (an unknown command: no). */
  const forMembers = (words: string[]): boolean => {
    const def = registry.find(words)?.def;
    return def !== undefined && !needsAdmin(def.preconditions);
  };

  const table = rows.flatMap((row) => [
    { ...row, as: ADMIN, who: 'admin', expectEcho: row.echo ?? true },
    { ...row, as: MEMBER, who: 'member', expectEcho: row.memberEcho ?? ((row.echo ?? true) && forMembers(tokenizeOrNone(row.line))) },
  ]);

  it.each(table)('$command as $who: $line', async (row) => {
    const seen = await run(row, row.as);
    expect(seen.length, 'the bot answered with a card').toBeGreaterThan(0);
    expect(problemsOf(seen)).toEqual([]);
    if (row.expectEcho) expect(echoes(seen), 'the hostile text is shown (escaped) on some card').toBe(true);
  });

  it('a bot-menu command line with hostile text is answered without markup', async () => {
    h.mark();
    await h.menu(MEMBER, `cmd:help ${HOSTILE}`);
    await h.idle();
    const seen = h.sent().filter((r) => r.card !== undefined).map((r) => ({ where: r.api, card: r.card }));
    expect(seen).toHaveLength(1);
    expect(problemsOf(seen)).toEqual([]);
    expect(echoes(seen)).toBe(true);
  });

  it('shows the hostile text as typed, so that escaping does not garble it', async () => {
    const seen = await run({ command: 'help', line: `/help "${HOSTILE}"` }, MEMBER);
    const text = seen.map(({ card }) => JSON.stringify(card)).join('');
    expect(text).not.toContain('<at id=all>');
    expect(renderCardText(seen[0]?.card)).toContain(`There is no /${HOSTILE} command`);
  });
});

function tokenizeOrNone(line: string): string[] {
  if (!/^[/／]/.test(line)) return [];
  try {
    return tokenize(line.slice(1));
  } catch {
    return [];
  }
}
