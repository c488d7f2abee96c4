import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'opsbot_';

/** How a webhook request ended, as its HTTP answer says. */
export type WebhookOutcome =
  | 'accepted' | 'challenge' | 'bad_signature' | 'bad_token' | 'malformed' | 'too_large' | 'invalid' | 'inbox_error' | 'unavailable';
/** What the inbox did with one event delivery. */
/** `unavailable`: the store did not take its record (answered 503 / not acked); `replayed`: taken over after a crash. */
export type EventOutcome = 'taken' | 'ignored' | 'duplicate' | 'too_old' | 'unhandled' | 'invalid' | 'unavailable' | 'replayed';
/** How one command line ended, as the card answered says. */
export type CommandOutcome = 'ok' | 'unknown' | 'not_allowed' | 'bad_args' | 'refused' | 'upstream_error' | 'failed';
/** How one button click ended. */
/** `ran`: the click passed its checks and its action ran; one that then threw is counted `failed` as well. */
export type ClickOutcome = 'ran' | 'bad_button' | 'expired' | 'foreign_chat' | 'not_allowed' | 'unsupported' | 'failed';
export type BatchResult = 'ok' | 'failed';

/** Counts the items of one kind of batch as each chunk finishes (given to the batch engine). */
export type BatchObserver = (result: BatchResult, items: number) => void;

const ACK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const WAIT_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event-loop lag, GC) describe the process, not an app: they live in one
 * registry per process, so that tests running many apps do not start one event-loop monitor each.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: METRIC_PREFIX });
  }
  return processRegistry;
}

/**
 * The bot's Prometheus metrics: one registry per app instance (tests run several apps in one process and
 * each must see its own counts). Each method is the one-line hook its component calls.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly webhookRequests = this.counter('webhook_requests_total', 'Webhook requests by outcome', ['outcome']);
  private readonly ackSeconds = new Histogram({
    name: `${METRIC_PREFIX}webhook_ack_seconds`, help: 'Time from a webhook request to its answer', buckets: ACK_BUCKETS, registers: [this.registry],
  });
  private readonly events = this.counter('events_total', 'Event deliveries by event type and outcome', ['type', 'outcome']);
  private readonly duplicates = this.counter('duplicates_ignored_total', 'Deliveries ignored as already seen, by what was seen again', ['key']);
  private readonly commands = this.counter('commands_total', 'Commands by name and outcome', ['command', 'outcome']);
  private readonly clicks = this.counter('clicks_total', 'Card button clicks by action and outcome', ['action', 'outcome']);
  private readonly upstreamCalls = this.counter('upstream_calls_total', 'Outgoing call attempts by API and answer code (0 = success)', ['api', 'code']);
  private readonly retries = this.counter('upstream_retries_total', 'Outgoing calls retried, by API', ['api']);
  private readonly rateLimited = this.counter('upstream_rate_limited_total', 'Answers saying "too many requests" (HTTP 429 or a rate-limit code), by API', ['api']);
  private readonly limiterWait = new Histogram({
    name: `${METRIC_PREFIX}rate_limit_wait_seconds`, help: 'Time a call waited for its rate limiter, by API', labelNames: ['api'], buckets: WAIT_BUCKETS, registers: [this.registry],
  });
  private readonly batchItems = this.counter('batch_items_total', 'Batch items finished, by batch kind and result', ['kind', 'result']);
  private readonly jobRuns = this.counter('job_runs_total', 'Job runs begun on this instance: new, or resumed (after a restart, or taken over from another instance)', ['how']);
  private readonly unhandled = this.counter('unhandled_rejections_total', 'Promise rejections nothing handled', []);
  /** Label children by their values: prom-client hashes the labels on every labels() call. */
  private readonly children = new Map<Counter<string>, Map<string, Counter.Internal>>();

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name: `${METRIC_PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }

  private inc(counter: Counter<string>, values: string[], by = 1): void {
    let byValues = this.children.get(counter);
    if (!byValues) this.children.set(counter, (byValues = new Map()));
    const key = values.join('\u0000');
    let child = byValues.get(key);
    if (!child) byValues.set(key, (child = counter.labels(...values)));
    child.inc(by);
  }

  /** The queue depth is read when scraped, from whatever holds the queue. */
  watchQueue(depth: () => number): void {
    new Gauge({
      name: `${METRIC_PREFIX}queue_depth`, help: 'Tasks queued or running (commands, late card updates)', registers: [this.registry],
      collect() {
        this.set(depth());
      },
    });
  }

  /** The jobs running on this instance, read when scraped. */
  watchJobs(running: () => number): void {
    new Gauge({
      name: `${METRIC_PREFIX}jobs_running`, help: 'Batch jobs running on this instance', registers: [this.registry],
      collect() {
        this.set(running());
      },
    });
  }

  jobRun(how: 'new' | 'resumed'): void {
    this.inc(this.jobRuns, [how]);
  }

  webhook(outcome: WebhookOutcome, seconds: number): void {
    this.inc(this.webhookRequests, [outcome]);
    this.ackSeconds.observe(seconds);
  }

  event(type: string, outcome: EventOutcome): void {
    this.inc(this.events, [type, outcome]);
  }

  /** A delivery already seen (its event_id, or its message_id under a new event_id): ignored. */
  duplicate(key: 'event' | 'message', eventType: string): void {
    this.inc(this.duplicates, [key]);
    this.inc(this.events, [eventType, 'duplicate']);
  }

  /** `name` is a declared command's name (an unknown one counts as "unknown": user text is no label). */
  command(name: string, outcome: CommandOutcome): void {
    this.inc(this.commands, [name, outcome]);
  }

  click(action: string, outcome: ClickOutcome): void {
    this.inc(this.clicks, [action, outcome]);
  }

  upstreamCall(api: string, code: string | number): void {
    this.inc(this.upstreamCalls, [api, String(code)]);
  }

  upstreamRetry(api: string): void {
    this.inc(this.retries, [api]);
  }

  upstreamRateLimited(api: string): void {
    this.inc(this.rateLimited, [api]);
  }

  limiterWaited(api: string, seconds: number): void {
    this.limiterWait.labels(api).observe(seconds);
  }

  batchObserver(kind: string): BatchObserver {
    return (result, items) => this.inc(this.batchItems, [kind, result], items);
  }

  unhandledRejection(): void {
    this.unhandled.inc();
  }

  /** The Prometheus text format: the process metrics, then this app's. */
  async text(): Promise<string> {
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }

  readonly contentType = this.registry.contentType;
}
