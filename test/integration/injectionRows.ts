/**
 * Hostile text for every command, its arguments and its flags (rows of test/integration/injection.test.ts).
 * Every hostile value holds the marker `Zq`, so that the test can tell where data landed on a card.
 */
import { JING_API } from '../../src/features/jing/client.js';
import { CX_API } from '../../src/features/cx/client.js';
import type { SandboxState } from '../../src/sandbox/state.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import { ADMIN, MEMBER } from '../helpers/harness.js';

export const MARKER = 'Zq';
/** One quoted argument full of card markup: mentions, a disguised link, emphasis, code, colour, tags, a heading. */
export const HOSTILE =
  "<at id=all></at> [Verify](https://evil.example/login) **Zq** ~~Zq~~ _Zq_ `Zq` <font color='red'>Zq</font> " +
  "<person id='ou_x'></person> <link url='https://evil.example'>Zq</link> <text_tag color='red'>Zq</text_tag> # Zq > Zq end";
/** The same without spaces, for places that take one word (a target, an id, a command name). */
export const WORD = '<at>Zq</at>[Verify](https://evil.example/login)**Zq**';
const Q = `"${HOSTILE}"`;
/** Fits a Chengxun LIST item text (at most 100 characters). */
const SHORT = '<at id=all></at>[Verify](https://evil.example/login)**Zq** end';
const URL = 'https://example.com/r';

export interface Row {
  /** The registered command the line runs, or a name in parentheses for lines that run none. */
  command: string;
  line: string;
  /** Whether an admin sees the hostile text echoed on some card (default true). */
  echo?: boolean;
  /** Members see it too (default: when the command is open to members). */
  memberEcho?: boolean;
  group?: boolean;
  mentions?: Array<{ key: string; openId: string; name: string }>;
  /** Clicks every button of the last card and checks the answers and cards that follow. */
  clickAll?: boolean;
  setup?: (state: SandboxState) => void;
}

const many = (n: number) => Array.from({ length: n }, (_, i) => `ou_nobody${String(i).padStart(23, '0')}`).join(' ');
const mention = (openId: string) => [{ key: '@_user_2', openId, name: HOSTILE }];

export const rows: Row[] = [
  // /help: the name typed, as one word or many, and a command group with a hostile second word.
  { command: 'help', line: `/help ${Q}` },
  { command: 'help', line: `/help ${WORD}` },
  { command: 'help', line: `/help status ${WORD}`, echo: false },
  { command: 'help', line: `/help ${Q}`, group: true },
  // /whoami: takes no argument; a hostile one is refused, named escaped.
  { command: 'whoami', line: `/whoami ${Q}` },
  // /audit: a hostile --last and positional are refused, named escaped; the trail itself shows escaped outcomes.
  { command: 'audit', line: `/audit --last ${Q}` },
  { command: 'audit', line: `/audit ${WORD}` },
  // /okr: hostile --period (unknown, and a real period with hostile names and content), targets, ids, --lang.
  { command: 'okr', line: `/okr --period ${Q}`, clickAll: true },
  { command: 'okr', line: '/okr --period "no such period"' },
  { command: 'okr', line: `/okr ${WORD} --period x` },
  { command: 'okr', line: `/okr ${WORD}` },
  { command: 'okr', line: `/okr 7000000000000000001 ${WORD}` },
  { command: 'okr', line: `/okr --lang ${Q}`, echo: false },
  { command: 'okr', line: `/okr --period ${Q} --x${WORD}` },
  // /status list: extra words and flags; a platform error whose message is hostile.
  { command: 'status list', line: `/status list ${WORD}` },
  { command: 'status list', line: `/status list --x${WORD}` },
  {
    command: 'status list', line: '/status list',
    setup: (s) => s.injectFault({ api: 'personal_settings.system_status.list', status: 400, body: { code: 99991672, msg: HOSTILE }, times: 5 }),
  },
  // /status open: a typed status that does not exist, targets that are not people, --until, a hostile status
  // that does exist (its title on the progress, result, retry, undo and preview cards), hostile mention names.
  { command: 'status open', line: `/status open "nope ${HOSTILE}" ${MEMBER}` },
  { command: 'status open', line: `/status open 出差 ${WORD}` },
  { command: 'status open', line: `/status open 出差 ${MEMBER} --until ${Q}` },
  { command: 'status open', line: `/status open 出差 ${MEMBER} --until=${WORD}` },
  {
    command: 'status open', line: `/status open ${Q} ${MEMBER} @_user_2 ou_nobody00000000000000000000001`, mentions: mention(ADMIN), clickAll: true,
    setup: (s) => statusWorld(s).failing.set(MEMBER, 1),
  },
  { command: 'status open', line: `/status open ${Q} ${many(201)}`, clickAll: true },
  // /status close: the same arguments, and --until it does not take.
  { command: 'status close', line: `/status close ${Q} ${MEMBER}` },
  { command: 'status close', line: `/status close 出差 ${WORD}` },
  { command: 'status close', line: `/status close ${Q} ${MEMBER} @_user_2`, mentions: mention(ADMIN), clickAll: true },
  { command: 'status close', line: `/status close 出差 ${MEMBER} --until ${Q}`, echo: false },
  // /acs users and /acs user: hostile page sizes, extra words, users, and a hostile display name.
  { command: 'acs users', line: `/acs users --page-size ${Q}`, echo: false },
  { command: 'acs users', line: `/acs users ${WORD}` },
  { command: 'acs users', line: `/acs users --all --x${WORD}` },
  { command: 'acs user', line: `/acs user ${WORD}`, echo: false },
  { command: 'acs user', line: `/acs user ${MEMBER} ${WORD}` },
  // The hostile display name is not written on the card (its person tag shows the name), only in the
  // plain-text summary of the chat-list preview; the card itself must still come out clean.
  { command: 'acs user', line: '/acs user @_user_2', mentions: mention(ADMIN), echo: false },
  { command: 'acs user', line: '/acs user @_user_2', mentions: mention('ou_nobody00000000000000000000002'), echo: false },
  // /jing status: activity, users, both statuses, both times, a flag, and a vendor error message.
  // Only the first 40 characters of a bad id are shown: the marker comes first.
  { command: 'jing status', line: `/jing status "Zq ${HOSTILE}" u1 --signin 1` },
  { command: 'jing status', line: `/jing status act1 ${WORD} --signin 1` },
  { command: 'jing status', line: `/jing status act1 u1 --signin ${Q}` },
  { command: 'jing status', line: `/jing status act1 u1 --approve ${WORD}` },
  { command: 'jing status', line: `/jing status act1 u1 --signin 1 --signin-time ${Q}` },
  { command: 'jing status', line: `/jing status act1 u1 --approve 1 --approve-time ${Q}` },
  { command: 'jing status', line: `/jing status act1 u1 --signin 1 --x${WORD}` },
  {
    command: 'jing status', line: '/jing status act1 u1 u2 --signin 1', clickAll: true,
    setup: (s) => s.injectFault({ api: JING_API.userStatus, status: 400, body: { code: 40099, msg: HOSTILE } }),
  },
  // /cx card: type, org, accounts, item texts and urls, item shapes, and a vendor error message.
  { command: 'cx card', line: `/cx card ${Q} --all-orgs 1 --item "a|${URL}"` },
  { command: 'cx card', line: `/cx card LIST --org ${Q} 1 --item "a|${URL}"` },
  { command: 'cx card', line: `/cx card LIST --all-orgs ${WORD} --item "a|${URL}"` },
  { command: 'cx card', line: `/cx card LIST --all-orgs 1 --item "a|${WORD}"` },
  { command: 'cx card', line: `/cx card LIST --all-orgs 1 --item ${Q}`, echo: false },
  { command: 'cx card', line: `/cx card KEYDATA --all-orgs 1 --item "${WORD}|1|${URL}"`, echo: false },
  {
    command: 'cx card', line: `/cx card LIST --all-orgs 1 2 --item "${SHORT}|${URL}"`, clickAll: true,
    setup: (s) => s.injectFault({ api: CX_API.sameData, status: 200, body: { err_code: 40000, err_msg: HOSTILE } }),
  },
  // Lines that run no command: unknown names ("did you mean"), unclosed quotes, plain messages.
  { command: '(unknown)', line: `/${WORD}` },
  { command: '(unknown)', line: `/${WORD} ${Q}` },
  { command: '(unknown)', line: `/status ${WORD}` },
  { command: '(unknown)', line: `/acs ${Q}` },
  { command: '(quotes)', line: `/help "Zq ${HOSTILE}` },
  { command: '(quotes)', line: `/status open "Zq <at id=all></at>` },
  { command: '(quotes)', line: `/x Zq [Verify](https://evil.example/login) "` },
  { command: '(not a command)', line: HOSTILE, echo: false },
  { command: '(not a command)', line: HOSTILE, group: true, echo: false },
];
