import type * as lark from '@larksuiteoapi/node-sdk';
import { scrub, type Logger } from '../../observe/log.js';

/** The socket URL the SDK logs carries a one-time ticket and an access key. */
const URL_SECRETS = /\b(ticket|access_key)=[^&\s'"]+/g;

function text(args: unknown[]): string {
  const parts = args.flat(2).map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a)));
  return scrub(parts.join(' ')).replace(URL_SECRETS, '$1=[redacted]');
}

/**
 * The SDK's own lines, at debug level whatever level the SDK gives them: it logs every reconnect attempt,
 * while the bot logs each change of state once. The last warning or error is kept as the reason for the
 * next change of state ("no pong within 10 s", "status code 503").
 */
export function sdkLogger(log: Logger, onProblem: (line: string) => void): lark.Logger {
  const sdk = log.child({ component: 'lark-ws' });
  const problem = (...args: unknown[]) => {
    const line = text(args);
    onProblem(line);
    sdk.debug(line);
  };
  return {
    error: problem,
    warn: problem,
    info: (...args: unknown[]) => sdk.debug(text(args)),
    debug: (...args: unknown[]) => sdk.debug(text(args)),
    trace: (...args: unknown[]) => sdk.trace(text(args)),
  };
}
