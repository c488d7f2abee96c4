import type { TestProject } from 'vitest/node';
import { chromiumPath, NEEDS, redisServerPath, startRedisServer, type RedisServer, type ServiceNeed } from './helpers/realServices.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A private Redis for this run (`TEST_REDIS_URL`, else one started here), or null when none exists. */
    redisUrl: string | null;
    /** Debian's Chromium, or null when it is not installed. */
    chromium: string | null;
  }
}

/**
 * Starts the real services the suites need, or records that they are missing: in CI that fails the run,
 * elsewhere those suites skip and the run ends with a loud line saying which and how to enable them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true';
  const missing: ServiceNeed[] = [];
  let redis: RedisServer | undefined;
  let redisUrl = process.env.TEST_REDIS_URL ?? null;
  if (!redisUrl && redisServerPath()) {
    redis = await startRedisServer();
    redisUrl = redis.url;
  }
  if (!redisUrl) missing.push(NEEDS.redis);
  const chromium = chromiumPath() ?? null;
  if (!chromium) missing.push(NEEDS.chromium);
  if (ci && missing.length > 0) {
    throw new Error(`CI=true but ${missing.map((m) => m.name).join(' and ')} missing: .ci/run must install them (${missing.map((m) => m.enable).join('; ')})`);
  }
  project.provide('redisUrl', redisUrl);
  project.provide('chromium', chromium);
  return async () => {
    await redis?.stop();
    if (missing.length === 0) return;
    const lines = missing.map((m) => `  SKIPPED ${m.suites} (no ${m.name}). Enable with: ${m.enable}`);
    process.stderr.write(`\n${'!'.repeat(72)}\n${lines.join('\n')}\n${'!'.repeat(72)}\n`);
  };
}
