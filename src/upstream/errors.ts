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
    /**
     * True when the request may have been carried out although no answer says so: the connection was lost
     * or timed out after the request was sent (an attempt of the call, not necessarily the last one). A
     * refusal (any answer with a code, a 4xx) or a connection that never opened is not ambiguous.
     */
    readonly ambiguous = false,
  ) {
    super(`${api} failed: code=${code} msg=${msg}${httpStatus ? ` http=${httpStatus}` : ''}${logId ? ` log_id=${logId}` : ''}${ambiguous ? ' (may have been applied)' : ''}`);
    this.name = 'UpstreamError';
  }

  /** The same failure, marked as one whose request may have been applied (an earlier attempt was lost). */
  asAmbiguous(): UpstreamError {
    return this.ambiguous ? this : new UpstreamError(this.api, this.code, this.msg, this.httpStatus, this.logId, this.transient, true);
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;

/** Whether a failed call may still have been carried out (see UpstreamError.ambiguous). */
export const mayHaveApplied = (e: unknown): boolean => isUpstreamError(e) && e.ambiguous;

/**
 * Network failures of a request that never left: the connection was refused or the host not found, so
 * the platform cannot have seen it. Every other network failure (a reset, a hang-up, a timeout, an
 * unknown code) may have come after the request was sent, and so is ambiguous.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a network failure with this code may have happened after the request was sent. */
export const networkFailureIsAmbiguous = (code: string): boolean => !NOT_SENT_CODES.has(code);
