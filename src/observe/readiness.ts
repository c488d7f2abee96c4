import type { Logger } from './log.js';

/** A readiness check: resolves when its dependency can serve, throws (or resolves false) when it cannot. */
export type ReadinessCheck = () => Promise<unknown> | unknown;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'failing' | 'timeout'>;
}

/** A check that has not answered by then counts as failing: a hung store must not hang the probe too. */
export const CHECK_TIMEOUT_MS = 2000;

/**
 * What `GET /readyz` asks: a list of named checks (the store; the long connection adds its own), all run
 * together. The report names each check's state but never its error, which is logged instead: the probe
 * is unauthenticated and an error text may name hosts or users.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(
    private readonly log: Logger,
    private readonly timeoutMs = CHECK_TIMEOUT_MS,
  ) {}

  addCheck(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  async run(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.runOne(name, check)] as const));
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, state]) => state === 'ok'), checks };
  }

  private async runOne(name: string, check: ReadinessCheck): Promise<'ok' | 'failing' | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const attempt = Promise.resolve()
      .then(check)
      .then((value) => (value === false ? 'failing' as const : 'ok' as const))
      .catch((err: unknown) => {
        this.log.warn({ check: name, err }, 'readiness check failed');
        return 'failing' as const;
      });
    try {
      const state = await Promise.race([attempt, timeout]);
      if (state === 'timeout') this.log.warn({ check: name, timeoutMs: this.timeoutMs }, 'readiness check timed out');
      return state;
    } finally {
      clearTimeout(timer);
    }
  }
}
