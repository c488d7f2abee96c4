import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findStaticDir, findVChart } from '../../src/sandbox/console/staticDir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC_STATIC = join(ROOT, 'src', 'sandbox', 'console', 'static');

describe("where the console's browser files are found", () => {
  it('next to the module under src/ (tsx, vitest)', () => {
    expect(findStaticDir()).toBe(SRC_STATIC);
  });

  it("from the npm start bundle under node_modules/.cache: the package's src/", () => {
    const bundle = pathToFileURL(join(ROOT, 'node_modules', '.cache', 'ops-bot-start', '0123456789abcdef', 'main.js')).href;
    expect(findStaticDir(bundle)).toBe(SRC_STATIC);
  });

  it('names where it looked when the files are missing', () => {
    expect(() => findStaticDir(pathToFileURL('/nowhere/at/all/module.js').href)).toThrow(/the console's files are missing \(looked in \/nowhere\/at\/all\/static/);
  });

  it("VChart's browser build comes from node_modules", () => {
    const path = findVChart();
    expect(path).toBe(join(ROOT, 'node_modules', '@visactor', 'vchart', 'build', 'index.min.js'));
    expect(existsSync(path)).toBe(true);
  });
});
