import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { sandboxConfig } from '../src/config.js';
import { messageEvent, seal } from '../src/sandbox/feishu/events.js';
import { SANDBOX_ADMIN, SANDBOX_GROUP } from '../src/sandbox/state.js';

const ROOT = resolve(import.meta.dirname, '..');
const SIDES = ['ours', 'sdk-express', 'sdk-http'] as const;
type SideName = (typeof SIDES)[number];

export interface Sealed {
  raw: Buffer;
  headers: Record<string, string>;
}

export interface Side<N extends string = SideName> {
  name: N;
  port: number;
  agent: Agent;
  child: ChildProcess;
  /** Message events that reached the handler so far (read from the server). */
  handled(): Promise<number>;
}

export interface WebhookBenchResult {
  events: number;
  concurrency: number;
  rate: number;
  throughput: Record<SideName, number[]>;
  p99Ms: Record<SideName, number[]>;
  /** Per round: ours ÷ the faster SDK path. */
  ratios: number[];
  handled: Record<SideName, number>;
  sent: number;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

/** Group messages that do not mention the bot: each is verified, deduplicated and queued, and needs no reply. */
export function sealEvents(n: number): Sealed[] {
  const config = sandboxConfig('http://127.0.0.1:9');
  return Array.from({ length: n }, (_, i) => {
    const event = messageEvent({ messageId: `om_bench${i}`, chatId: SANDBOX_GROUP, chatType: 'group', senderOpenId: SANDBOX_ADMIN, text: `hello ${i}` }, { token: config.FEISHU_VERIFICATION_TOKEN });
    const { raw, headers } = seal(event, config.FEISHU_ENCRYPT_KEY as string);
    return { raw: Buffer.from(raw), headers };
  });
}

const SERVER = join(ROOT, 'node_modules', '.cache', 'ops-bot-bench', 'webhookServer.js');

/**
 * Both servers run as plain JavaScript, as in production: the server file is bundled like `npm start`
 * bundles src/ (packages stay external, so the SDK runs as published). Under tsx, our side alone would pay
 * for the names tsx keeps on every function it transforms.
 */
export async function bundleServer(): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'bench', 'webhookServer.ts')], outfile: SERVER, bundle: true, format: 'esm', platform: 'node',
    target: 'node20', packages: 'external', logLevel: 'warning',
  });
}

/** One server process: `name` is its side (webhookServer.ts), `args` what follows (ours: a STORE_URL). */
export async function startSide<N extends string = SideName>(name: N, args: string[] = []): Promise<Side<N>> {
  const child = spawn(process.execPath, [SERVER, name, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(n: number) => void> = [];
  const port = await new Promise<number>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`${name} server exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('port ')) ok(Number(line.slice(5)));
      if (line.startsWith('handled ')) waiting.shift()?.(Number(line.slice(8)));
    });
  });
  const handled = () => new Promise<number>((ok) => {
    waiting.push(ok);
    child.stdin!.write('?\n');
  });
  return { name, port, child, handled, agent: new Agent({ keepAlive: true, maxSockets: 64 }) };
}

function post(side: Side<string>, e: Sealed): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: side.port, path: '/webhook/event', method: 'POST', agent: side.agent, headers: { ...e.headers, 'content-length': e.raw.length } }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end(e.raw);
  });
}

function expect200(side: Side<string>, status: number): void {
  if (status !== 200) throw new Error(`${side.name} answered ${status}`);
}

/** Closed loop: `concurrency` requests in flight until every event is sent; events per second. */
async function throughput(side: Side, events: Sealed[], concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < events.length) expect200(side, await post(side, events[next++] as Sealed));
  }));
  return events.length / ((performance.now() - started) / 1000);
}

async function ackP99(side: Side, events: Sealed[], rate: number): Promise<number> {
  return percentile(await ackLatencies(side, events, rate), 0.99);
}

/** Open loop at `rate` per second; each latency (ms) counts from when its request was due, not when it left. */
export async function ackLatencies(side: Side<string>, events: Sealed[], rate: number): Promise<number[]> {
  const latencies: number[] = [];
  const inFlight: Array<Promise<void>> = [];
  const started = performance.now();
  for (let sent = 0; sent < events.length; ) {
    const due = Math.min(events.length, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + (sent * 1000) / rate;
      inFlight.push(post(side, events[sent] as Sealed).then((status) => {
        expect200(side, status);
        latencies.push(performance.now() - dueAt);
      }));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  return latencies;
}

/**
 * The same precomputed signed and encrypted events against our /webhook/event and the SDK's two stock paths,
 * each in its own process, in alternated runs (one order, then the reverse) so that drift in the machine's
 * speed falls on all of them. Throughput with `concurrency` requests in flight; ack p99 at a steady `rate`.
 */
export async function benchWebhook(rounds = 5, events = 4000, concurrency = 32, rate = 1000, latencyEvents = 3000): Promise<WebhookBenchResult> {
  const warm = 3000;
  const all = sealEvents(warm + rounds * (events + latencyEvents));
  await bundleServer();
  const sides = await Promise.all(SIDES.map((name) => startSide(name)));
  try {
    const throughputs = Object.fromEntries(SIDES.map((n) => [n, [] as number[]])) as Record<SideName, number[]>;
    const p99 = Object.fromEntries(SIDES.map((n) => [n, [] as number[]])) as Record<SideName, number[]>;
    const ratios: number[] = [];
    for (const side of sides) await throughput(side, all.slice(0, warm), concurrency);
    let at = warm;
    for (let r = 0; r < rounds; r++, at += events) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) throughputs[side.name].push(await throughput(side, all.slice(at, at + events), concurrency));
      ratios.push((throughputs.ours[r] as number) / Math.max(throughputs['sdk-express'][r] as number, throughputs['sdk-http'][r] as number));
    }
    for (let r = 0; r < rounds; r++, at += latencyEvents) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) p99[side.name].push(await ackP99(side, all.slice(at, at + latencyEvents), rate));
    }
    const handled = Object.fromEntries(await Promise.all(sides.map(async (s) => [s.name, await s.handled()]))) as Record<SideName, number>;
    return { events, concurrency, rate, throughput: throughputs, p99Ms: p99, ratios, sent: at, handled };
  } finally {
    for (const side of sides) {
      side.agent.destroy();
      side.child.stdin!.end();
    }
  }
}

const LABELS: Record<SideName, string> = { ours: 'ours', 'sdk-express': 'SDK adaptExpress', 'sdk-http': 'SDK adaptDefault' };

export function printWebhookBench(r: WebhookBenchResult): void {
  const row = (title: string, f: (xs: number[]) => string, of: Record<SideName, number[]>) =>
    console.log(`${title.padEnd(30)} ${SIDES.map((n) => `${LABELS[n]} ${f(of[n])}`).join('   ')}`);
  const ratio = median(r.ratios);
  console.log('— webhook ack path: our POST /webhook/event vs the SDK\'s EventDispatcher, the same signed, encrypted events —');
  row(`throughput, ${r.concurrency} in flight`, (xs) => `${Math.round(median(xs)).toLocaleString('en-US')}/s`, r.throughput);
  console.log(`ratio ours / faster SDK path    ${ratio.toFixed(2)} (target ≥ 1.00) ${ratio >= 1 ? 'OK' : 'MISSED'}   (medians of ${r.ratios.length} alternated runs of ${r.events})`);
  row(`ack p99 at ${r.rate} events/s`, (xs) => `${median(xs).toFixed(2)} ms`, r.p99Ms);
  const p99 = median(r.p99Ms.ours) <= Math.min(median(r.p99Ms['sdk-express']), median(r.p99Ms['sdk-http']));
  console.log(`ack p99 ours ≤ both SDK paths   ${p99 ? 'OK' : 'MISSED'}`);
  console.log('ours also checks the signature over the raw bytes, the ±5 min window and the verification token, and dedupes');
  for (const side of SIDES) if (r.handled[side] !== r.sent) console.log(`WARNING: ${side} handled ${r.handled[side]} of ${r.sent} events`);
}
