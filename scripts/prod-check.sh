#!/usr/bin/env bash
# The production path, as a deployment runs it: build, a copy of the package with runtime dependencies
# only, started with plain node in live mode against the emulator (run from this development tree),
# answered a signed, encrypted /help, stopped with SIGTERM. The copy's node_modules is this tree's, pruned
# to the lockfile's runtime dependencies (`npm prune --omit=dev`): the same packages `npm ci --omit=dev`
# installs, without compiling the native ones (better-sqlite3) a second time; `npm ci` itself ran in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
npm run build --silent
dir=$(mktemp -d "${TMPDIR:-/tmp}/ops-bot-prod.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cp -R package.json package-lock.json dist node_modules "$dir"/
(cd "$dir" && npm prune --omit=dev --no-audit --no-fund --loglevel=error)
for dev in tsx typescript vitest multer esbuild; do
  if [ -e "$dir/node_modules/$dev" ]; then echo "prod-check: development package $dev was installed" >&2; exit 1; fi
done
npx tsx scripts/prodCheck.ts "$dir"
echo "prod-check: passed in $((SECONDS - started)) s"
