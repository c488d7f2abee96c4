import express, { type Router } from 'express';
import { RATE_LIMITED } from '../feishu/facts.js';
import { ANY_API, type Fault, type SandboxState } from '../state.js';

const MAX_LATENCY_MS = 10_000;
const MAX_TIMES = 100;

/** The console's fault switches: latency on every call, and 429s, 5xx or dropped connections for the next calls. */
export function faultControls(state: SandboxState): Router {
  const r = express.Router();
  r.post('/latency', (req, res) => {
    const ms = Number((req.body as { ms?: unknown } | undefined)?.ms);
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
      res.status(400).json({ error: `ms must be a whole number from 0 to ${MAX_LATENCY_MS}`, error_zh: `ms 须为 0 至 ${MAX_LATENCY_MS} 的整数` });
      return;
    }
    state.latencyMs = ms;
    res.json({ latencyMs: ms });
  });
  r.post('/', (req, res) => {
    const b = (req.body ?? {}) as { api?: unknown; kind?: unknown; times?: unknown };
    const api = b.api === undefined || b.api === '' ? ANY_API : b.api;
    const times = Number(b.times ?? 1);
    if (typeof api !== 'string' || (api !== ANY_API && !state.apiNames.has(api)) || !Number.isInteger(times) || times < 1 || times > MAX_TIMES) {
      res.status(400).json({ error: `api must be an emulated API (or empty for any), times 1 to ${MAX_TIMES}`, error_zh: `api 须为模拟的接口(留空表示任意),times 为 1 至 ${MAX_TIMES}` });
      return;
    }
    const fault = faultOf(String(b.kind), api, times);
    if (!fault) {
      res.status(400).json({ error: 'kind must be 429, 5xx or hang-up', error_zh: 'kind 须为 429、5xx 或 hang-up' });
      return;
    }
    state.injectFault(fault);
    res.json({ faults: state.faults.length });
  });
  r.delete('/', (_req, res) => {
    state.faults.splice(0);
    state.latencyMs = 0;
    res.json({ faults: 0, latencyMs: 0 });
  });
  return r;
}

function faultOf(kind: string, api: string, times: number): Fault | undefined {
  if (kind === '429') {
    return {
      api, times, status: RATE_LIMITED.status, body: { code: RATE_LIMITED.code, msg: RATE_LIMITED.msg },
      headers: { [RATE_LIMITED.limitHeader]: '50', [RATE_LIMITED.resetHeader]: '1' },
    };
  }
  if (kind === '5xx') return { api, times, status: 503 };
  if (kind === 'hang-up') return { api, times, status: 0, hangUp: true };
  return undefined;
}
