import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rules of eslint.config.js, tried on imports written into files of each folder. */
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<[string, string, string, boolean]> = [
  ['the framework imports a feature', 'src/framework/x.ts', "import { okrFeature } from '../features/okr/index.js';", true],
  ['the framework imports the transport', 'src/framework/x.ts', "import { verifySignature } from '../transport/crypto.js';", true],
  ['a feature imports another feature', 'src/features/okr/x.ts', "import type { StatusJob } from '../status/job.js';", true],
  ['a feature card imports another feature', 'src/features/okr/cards/x.ts', "import { jingResultCard } from '../../jing/cards.js';", true],
  ['a feature imports the inbox', 'src/features/acs/x.ts', "import { Inbox } from '../../inbox/inbox.js';", true],
  ['the inbox imports a feature', 'src/inbox/x.ts', "import { features } from '../features/index.js';", true],
  ['the transport imports the framework', 'src/transport/x.ts', "import { dispatch } from '../framework/dispatch.js';", true],
  ['batch imports a feature', 'src/batch/x.ts', "import { statusFeature } from '../features/status/index.js';", true],
  ['the sandbox imports the bot', 'src/sandbox/feishu/im/x.ts', "import { limitOf } from '../../../upstream/limits.js';", true],
  ['the sandbox imports a feature', 'src/sandbox/x.ts', "import type { Okr } from '../features/okr/types.js';", true],
  ['a feature imports its own files', 'src/features/okr/x.ts', "import { okrCommand } from './command.js';\nimport { t } from '../../cards-kit/i18n.js';", false],
  ['a feature imports the framework and batch', 'src/features/jing/x.ts', "import { defineAction } from '../../framework/action.js';\nimport { once } from '../../batch/once.js';", false],
  ['the sandbox imports its own files', 'src/sandbox/feishu/im/x.ts', "import { fail } from '../../route.js';", false],
  ['the inbox imports the framework', 'src/inbox/x.ts', "import { dispatch } from '../framework/dispatch.js';", false],
];

describe('layering is enforced by lint', () => {
  it.each(cases)('%s', async (_what, filePath, code, refused) => {
    const found = await problems(filePath, `${code}\nexport {};\n`);
    expect(found.length > 0).toBe(refused);
  });
});
