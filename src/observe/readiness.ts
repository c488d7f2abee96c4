import type { Request, Response } from 'express';

/** One named condition of readiness: true, or false with what is wrong (no secrets: it is shown on /readyz). */
export type CheckResult = boolean | { ok: boolean; detail?: string };
export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

/** A check slower than this counts as failed: a load balancer must get its answer quickly. */
export const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/**
 * Readiness as a list of named checks (the transport, the store…), each added where its concern lives.
 * Ready only when every check passes; a check that throws or hangs fails.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  addCheck(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await run(check)] as const));
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, r]) => r.ok), checks };
  }
}

async function run(check: ReadinessCheck): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    return typeof result === 'boolean' ? { ok: result } : result;
  } catch {
    return { ok: false, detail: 'the check failed' };
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /readyz`: 200 when ready, 503 otherwise, with each check's verdict. */
export function readinessRoute(readiness: Readiness) {
  return async (_req: Request, res: Response): Promise<void> => {
    const report = await readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  };
}
