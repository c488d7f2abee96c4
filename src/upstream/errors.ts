/** A failed outgoing call, carrying what an admin (and the logs) need to act on it. */
export class UpstreamError extends Error {
  constructor(
    readonly api: string,
    readonly code: number | string,
    readonly msg: string,
    readonly httpStatus?: number,
    readonly logId?: string,
    /** True for failures a later attempt may cure: network, timeout, 5xx, rate limits. */
    readonly transient = false,
  ) {
    super(`${api} failed: code=${code} msg=${msg}${httpStatus ? ` http=${httpStatus}` : ''}${logId ? ` log_id=${logId}` : ''}`);
    this.name = 'UpstreamError';
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;
