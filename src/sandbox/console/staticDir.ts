import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the console's browser files are. Next to this module under src/ (tsx, vitest) and in dist/ (the
 * build copies them); from the esbuild bundle of `npm start` (under node_modules/.cache) the package
 * root is found by walking up to its package.json, and src/ is read from there.
 */
export function findStaticDir(from: string = import.meta.url): string {
  const here = dirname(fileURLToPath(from));
  const candidates = [join(here, 'static')];
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      candidates.push(join(dir, 'src', 'sandbox', 'console', 'static'), join(dir, 'dist', 'sandbox', 'console', 'static'));
      break;
    }
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error(`the console's files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/** VChart's browser build, served from node_modules so that the console needs no outside host. */
export function findVChart(from: string = import.meta.url): string {
  return createRequire(from).resolve('@visactor/vchart/build/index.min.js');
}
