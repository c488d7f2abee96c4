import type { Logger } from './log.js';

/**
 * A child logger that is made only when it is first used. Most deliveries log nothing, and each pino
 * child costs (its bindings are serialised, redaction set up): on the webhook's ack path that was three
 * children per event. Everything is passed through to the real child once it exists.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  return new Proxy(parent, {
    get(_target, prop) {
      child ??= parent.child(bindings);
      const value: unknown = Reflect.get(child, prop, child);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(child) : value;
    },
  });
}
