import type { Request, Router } from 'express';
import { arrivedAt } from '../../arrival.js';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import type { SandboxState } from '../../state.js';
import { CLOSE_SUCCESS, FAILURE_RESULTS, LIST_PAGE, MAX_END_AHEAD_S, OPEN_RESULTS, STATUS_APIS, STATUS_CODES, USER_ID_TYPES, USER_LIST } from './facts.js';

/** feishu-apis.md §5: a tenant's system statuses and who has which one on, as the emulator keeps them. */
export interface SandboxStatus {
  system_status_id: string;
  title: string;
  i18n_title: { zh_cn?: string; en_us?: string; ja_jp?: string };
  icon_key: string;
  color: string;
  /** Smaller is shown first. */
  priority: number;
  sync_setting: { is_open_by_default: boolean };
}

export interface StatusWorld {
  statuses: SandboxStatus[];
  /** open_id → status id → end time (s). */
  active: Map<string, Map<string, number>>;
  /** People the app cannot see: `invisible_user_id`. */
  invisible: Set<string>;
  /** People who turned off auto-showing: `success_user_close_syn`. */
  closeSyn: Set<string>;
  /** People for whom the next N calls answer `fail`. */
  failing: Map<string, number>;
  /** How many times each person's status was set or cleared by batch_open or batch_close (a repeat counts again). */
  applied: Map<string, number>;
  /** Arrival times (ms) of batch_open and batch_close calls that reached the handler, for rate tests (as the windows count them). */
  callTimes: number[];
  /** Tenant without the API: every call answers 2005007. */
  noPermission: boolean;
}

export function defaultStatuses(): SandboxStatus[] {
  const s = (id: string, title: string, en: string, icon: string, color: string, priority: number): SandboxStatus => ({
    system_status_id: id, title, i18n_title: { zh_cn: title, en_us: en }, icon_key: icon, color, priority, sync_setting: { is_open_by_default: true },
  });
  return [
    s('7101214603622940001', '出差', 'On business trip', 'GeneralBusinessTrip', 'BLUE', 1),
    s('7101214603622940002', '请假', 'On leave', 'GeneralVacation', 'GREEN', 2),
    s('7101214603622940003', '会议中', 'In a meeting', 'GeneralInMeetingBusy', 'RED', 3),
    s('7101214603622940004', '居家办公', 'Working from home', 'GeneralWorkFromHome', 'WATHET', 4),
    s('7101214603622940005', '专注中', 'Focusing', 'GeneralDoNotDisturb', 'VIOLET', 5),
  ];
}

/** The system-status data of a sandbox (created on first use). Tests change it to provoke each result value. */
export function statusWorld(state: SandboxState): StatusWorld {
  return (state.ext.systemStatus ??= {
    statuses: defaultStatuses(),
    active: new Map(),
    invisible: new Set(),
    closeSyn: new Set(),
    failing: new Map(),
    applied: new Map(),
    callTimes: [],
    noPermission: false,
  } satisfies StatusWorld) as StatusWorld;
}

const body = (req: Request): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function checkIdType(req: Request): void {
  const t = req.query.user_id_type;
  if (t !== undefined && !USER_ID_TYPES.includes(String(t))) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: user_id_type');
}

function findStatus(world: StatusWorld, req: Request) {
  const status = world.statuses.find((s) => s.system_status_id === req.params.system_status_id);
  if (!status) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: system_status_id not found');
  return status as SandboxStatus;
}

function checkUserList(list: unknown): unknown[] {
  if (!Array.isArray(list) || list.length < USER_LIST.min || list.length > USER_LIST.max) {
    fail(400, STATUS_CODES.invalidParam, `Your request contains an invalid request parameter: user_list length must be ${USER_LIST.min}-${USER_LIST.max}`);
  }
  return list as unknown[];
}

/** A person's outcome apart from "success": the documented failure result values. */
function failureOf(state: SandboxState, world: StatusWorld, userId: string): string | undefined {
  const user = state.users.get(userId);
  if (!user) return FAILURE_RESULTS.invalid;
  if (user.resigned) return FAILURE_RESULTS.resigned;
  if (world.invisible.has(userId)) return FAILURE_RESULTS.invisible;
  const left = world.failing.get(userId) ?? 0;
  if (left > 0) {
    world.failing.set(userId, left - 1);
    return FAILURE_RESULTS.fail;
  }
  return undefined;
}

function refuseOtherTenant(state: SandboxState, ids: string[]): void {
  if (ids.some((id) => state.users.get(id)?.tenant === 'other')) fail(400, STATUS_CODES.otherTenantUser, 'Request contains other tenant user.');
}

/** System statuses (list, batch_open, batch_close), validated like the reference. */
export function registerSystemStatus(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  const world = () => statusWorld(state);
  const permitted = () => {
    if (world().noPermission) fail(400, STATUS_CODES.tenantNoPermission, 'Tenant does not have permission to api.');
  };
  /** What batch_open and batch_close check first: the tenant's permission, the id type, the status, 1–50 users. */
  const batchRequest = (req: Request) => {
    permitted();
    checkIdType(req);
    const w = world();
    return { w, status: findStatus(w, req), list: checkUserList(body(req).user_list) };
  };
  /** The last check (no user of another tenant); a call that passes it is recorded for the rate tests. */
  const accept = (req: Request, ids: string[]) => {
    refuseOtherTenant(state, ids);
    world().callTimes.push(arrivedAt(req));
  };

  route(router, state, limits, STATUS_APIS.list, (req) => {
    permitted();
    const size = req.query.page_size === undefined ? LIST_PAGE.default : Number(req.query.page_size);
    if (!Number.isInteger(size) || size < LIST_PAGE.min || size > LIST_PAGE.max) {
      fail(400, STATUS_CODES.invalidParam, `Your request contains an invalid request parameter: page_size must be ${LIST_PAGE.min}-${LIST_PAGE.max}`);
    }
    const token = req.query.page_token;
    const start = token === undefined ? 0 : Number(String(token).replace(/^p/, ''));
    if (!Number.isInteger(start) || start < 0) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: page_token');
    const all = [...world().statuses].sort((a, b) => a.priority - b.priority);
    const items = all.slice(start, start + size);
    const more = start + size < all.length;
    return ok({ items, has_more: more, ...(more ? { page_token: `p${start + size}` } : {}) });
  });

  route(router, state, limits, STATUS_APIS.batchOpen, (req) => {
    const { w, status, list } = batchRequest(req);
    const nowS = Math.floor(state.now() / 1000);
    for (const item of list) {
      const u = item as { user_id?: unknown; end_time?: unknown };
      if (!u || typeof u.user_id !== 'string' || !u.user_id) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: user_id is required');
      // The reference types end_time as a string of seconds; a JSON number is UNCONFIRMED, so refuse it.
      if (typeof u.end_time !== 'string' || !/^\d{1,12}$/.test(u.end_time)) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: end_time must be a string of seconds');
      if (Number(u.end_time) - nowS > MAX_END_AHEAD_S) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: end_time more than 365 days ahead');
    }
    const users = list as Array<{ user_id: string; end_time: string }>;
    accept(req, users.map((u) => u.user_id));
    const result_list = users.map(({ user_id, end_time }) => {
      const failure = failureOf(state, w, user_id);
      if (failure) return { user_id, end_time, result: failure };
      const mine = w.active.get(user_id) ?? new Map<string, number>();
      w.active.set(user_id, mine);
      mine.set(status.system_status_id, Number(end_time));
      w.applied.set(user_id, (w.applied.get(user_id) ?? 0) + 1);
      const higher = [...mine.entries()].some(([id, end]) => id !== status.system_status_id && end > nowS && (w.statuses.find((s) => s.system_status_id === id)?.priority ?? Infinity) < status.priority);
      const result = w.closeSyn.has(user_id) ? OPEN_RESULTS.userClosedSync : higher ? OPEN_RESULTS.higherPriority : OPEN_RESULTS.shown;
      return { user_id, end_time, result };
    });
    return ok({ result_list });
  });

  route(router, state, limits, STATUS_APIS.batchClose, (req) => {
    const { w, status, list } = batchRequest(req);
    if (list.some((u) => typeof u !== 'string' || !u)) fail(400, STATUS_CODES.invalidParam, 'Your request contains an invalid request parameter: user_list must be strings');
    const ids = list as string[];
    accept(req, ids);
    const result_list = ids.map((user_id) => {
      const failure = failureOf(state, w, user_id);
      if (failure) return { user_id, result: failure };
      w.active.get(user_id)?.delete(status.system_status_id);
      w.applied.set(user_id, (w.applied.get(user_id) ?? 0) + 1);
      return { user_id, result: CLOSE_SUCCESS };
    });
    return ok({ result_list });
  });
}
