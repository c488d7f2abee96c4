/**
 * `npm start`: runs src/main.ts in this very process without a TypeScript loader on the start-up path.
 * esbuild bundles src/ and the packages it uses into ES modules, kept under node_modules/.cache by a hash
 * of the sources and of package-lock.json, so an unchanged tree starts at once (the build itself takes a
 * second or two, after a change). Loading one bundle instead of some 300 package files, each resolved and
 * (for CommonJS) scanned for its exports, halves start-up; tsx's loader hooks cost a second on every start.
 * The Feishu SDK stays a package of its own: it is loaded on first use (src/upstream/sdkClient.ts). Type
 * checking is `npm run typecheck`'s job, as it was under tsx. Plain JavaScript, so it needs nothing to run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'ops-bot-start');
/** Older bundles kept beside the current one (another checkout may still run them). */
const KEEP = 3;

/** A hash of every file under src/, of package-lock.json (the bundled packages) and of this script (the build options). */
function sourceHash() {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(readFileSync(join(root, 'package-lock.json')));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(join(root, 'src'));
  return hash.digest('hex').slice(0, 16);
}

/** Builds into a private directory and renames it into place, so two starts at once never see half a bundle. */
async function bundle(outdir) {
  const { build } = await import('esbuild');
  const tmp = `${outdir}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The SDK: loaded lazily, and 6 MB, so bundling it would only slow the build. better-sqlite3: a native
    // addon that finds its binary relative to its own files.
    external: ['@larksuiteoapi/node-sdk', 'better-sqlite3'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  try {
    renameSync(tmp, outdir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(outdir)) throw err;
  }
  const old = readdirSync(cache)
    .filter((name) => !name.endsWith('.tmp') && join(cache, name) !== outdir)
    .map((name) => ({ path: join(cache, name), at: statSync(join(cache, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { path } of old.slice(KEEP)) rmSync(path, { recursive: true, force: true });
}

const outdir = join(cache, sourceHash());
if (!existsSync(join(outdir, 'main.js'))) await bundle(outdir);
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(outdir, 'main.js')).href);
