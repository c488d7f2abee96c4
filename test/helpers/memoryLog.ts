import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/observe/log.js';

/** A real pino logger writing JSON lines into memory, for tests that read the logs. */
export function memoryLogger(level = 'trace'): { log: Logger; text: () => string; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger(level, stream);
  const text = () => chunks.join('');
  return {
    log,
    text,
    lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
