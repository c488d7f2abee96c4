import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config.js';

export interface EnvFileReport {
  path: string;
  /** Variables taken from the file. */
  applied: string[];
  /** Variables the file sets but the environment already had (the environment wins). */
  shadowed: string[];
}

/**
 * Reads `.env` from `dir` (the working directory) into `env`, Node's own parser (the dotenv syntax: quotes,
 * `#` comments, `export` prefixes). A variable already in the environment wins, even when it is empty.
 * No file is no error; a file that exists but cannot be read is one, so that a deployment never starts
 * without the settings its author wrote down.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv, dir = process.cwd()): EnvFileReport | undefined {
  const path = join(dir, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError([`.env: cannot be read (${code ?? 'unknown error'})`]);
  }
  const report: EnvFileReport = { path, applied: [], shadowed: [] };
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (value === undefined) continue;
    if (env[key] !== undefined) {
      report.shadowed.push(key);
      continue;
    }
    env[key] = value;
    report.applied.push(key);
  }
  return report;
}
