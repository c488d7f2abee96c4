import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The emulator is an independent oracle: it plays the platforms from the reference, never from the bot's
 * own tables. So nothing under src/sandbox may import a file outside src/sandbox; node: builtins, the
 * app's npm dependencies and the emulator's own packages are fine.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SANDBOX = join(ROOT, 'src', 'sandbox');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
/**
 * The emulator's own packages are development dependencies (production never loads the emulator), so they
 * are named here; any other development package (a test library) stays out of the emulator.
 */
const EMULATOR_PACKAGES = ['multer', 'ws', 'protobufjs'];
const DEPENDENCIES = new Set([...Object.keys(pkg.dependencies ?? {}), ...EMULATOR_PACKAGES]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** The package a bare specifier names: `dayjs/plugin/utc.js` → `dayjs`, `@scope/x/y` → `@scope/x`. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Every import, re-export, dynamic import and require of `source` that reaches outside src/sandbox. */
export function outsideImports(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((f) => f.fileName).filter((spec) => {
    if (spec.startsWith('node:')) return false;
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = resolve(dirname(file), spec);
      return target !== SANDBOX && !target.startsWith(SANDBOX + sep);
    }
    return !DEPENDENCIES.has(packageOf(spec));
  });
}

describe('the emulator imports nothing from the bot', () => {
  it('no file under src/sandbox imports a path outside src/sandbox', () => {
    const files = sourceFiles(SANDBOX);
    expect(files.length).toBeGreaterThan(20);
    const offences = files.flatMap((f) => outsideImports(f, readFileSync(f, 'utf8')).map((spec) => `${relative(ROOT, f)} → ${spec}`));
    expect(offences).toEqual([]);
  });

  it('the check catches every way of reaching out, and lets builtins, dependencies and sandbox files through', () => {
    const file = join(SANDBOX, 'feishu', 'acs', 'routes.ts');
    const source = [
      "import { LIMITS } from '../../../upstream/limits.js';",
      "import type { Okr } from '../../../features/okr/types.js';",
      "export { encryptPayload } from '../../../transport/crypto.js';",
      "export * from '../../../upstream/catalog/acsCodes.js';",
      "const later = await import('../../../config.js');",
      "import { x } from 'src/upstream/limits';",
      "import { y } from 'supertest';",
      "import { createHash } from 'node:crypto';",
      "import express from 'express';",
      "import utc from 'dayjs/plugin/utc.js';",
      "import { fail } from '../../route.js';",
      "import { ACS_CODES } from './facts.js';",
      "import seed from '../okr/seed-batch-get.json' with { type: 'json' };",
    ].join('\n');
    expect(outsideImports(file, source)).toEqual([
      '../../../upstream/limits.js',
      '../../../features/okr/types.js',
      '../../../transport/crypto.js',
      '../../../upstream/catalog/acsCodes.js',
      '../../../config.js',
      'src/upstream/limits',
      'supertest',
    ]);
  });
});
