import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from './observe/log.js';
import type { Metrics } from './observe/metrics.js';

/** How long a shutdown may take to finish queued work before the process exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Why a port could not be listened on, in words that say what to do. */
export function listenProblem(err: NodeJS.ErrnoException, port: number): string {
  if (err.code === 'EADDRINUSE') return `port ${port} is already in use (EADDRINUSE): stop the other process or set PORT to a free port`;
  if (err.code === 'EACCES') return `no permission to listen on port ${port} (EACCES): use a port above 1024 or run with the right privileges`;
  return `${err.code ?? 'error'}: ${err.message}`;
}

/** A start-up failure whose message says it all (no stack trace needed). */
export class StartupError extends Error {}

/** Listens on `port`; rejects with the reason instead of throwing an unhandled 'error' event. */
export function listen(listener: RequestListener, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener).listen(port);
    const onError = (err: NodeJS.ErrnoException) => reject(new StartupError(`cannot listen: ${listenProblem(err, port)}`));
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

/**
 * Unhandled rejections are logged and counted, and the process goes on (one failed promise must not drop
 * every queued command). An uncaught exception leaves the process in an unknown state: logged, exit 1.
 */
export function watchProcess(log: Logger, metrics: Metrics): void {
  process.on('unhandledRejection', (reason) => {
    metrics.unhandledRejection();
    log.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

/**
 * SIGTERM and SIGINT run `stop` once: a second signal (Ctrl-C reaches both npm and node, and npm forwards
 * its own) does not cut the first shutdown short. Exit 0 when `stop` finishes, 1 past the deadline.
 */
export function onStopSignals(log: Logger, stop: () => Promise<void>, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests, finishing queued work');
    setTimeout(() => {
      log.warn({ deadlineMs }, 'shutdown deadline passed with work still running; exiting');
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      () => {
        log.info('shut down');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

/** Stops accepting connections and resolves when the open ones have ended (idle keep-alives are closed). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
