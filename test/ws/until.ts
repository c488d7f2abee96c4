/** Polls a condition every 10 ms (the code under test keeps its own timers; the test only watches). */
export async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
