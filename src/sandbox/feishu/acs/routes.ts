import type { Request, Router } from 'express';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import type { SandboxState } from '../../state.js';
import { ACS_APIS, ACS_CODES, USER_ID_TYPES, USERS_PAGE } from './facts.js';

/** One access-control user as the API returns it; `card` absent or 0 means "no card number". */
export interface AcsRecord {
  user_id: string;
  feature: { card?: number; face_uploaded: boolean };
}

interface IssuedToken {
  offset: number;
  issuedAt: number;
  generation: number;
}

/** The emulator's ACS world, in `state.ext.acs`. Tests change it through the helpers below. */
export interface AcsData {
  users: AcsRecord[];
  /** Page tokens live this long (the real lifetime is unknown; tokens do expire, per error 1490018). */
  tokenTtlMs: number;
  /** Bumped by `invalidateAcsPageTokens`: every token issued before stops working. */
  generation: number;
  tokens: Map<string, IssuedToken>;
  /** Tests: the next request for the page starting at `offset` fails with this error (once). */
  failAt?: { offset: number; status: number; code: number; msg: string };
}

export const ACS_SAMPLE_SIZE = 130;
/** UNCONFIRMED: the page tokens' lifetime is unknown (they do expire, per 1490018); the emulator says 10 minutes. */
const DEFAULT_TOKEN_TTL_MS = 10 * 60 * 1000;

/**
 * Deterministic sample users: every 5th has no card number (absent or 0, both occur), every 3rd
 * (from the first) has a face uploaded. For 130 users: 104 with a card, 44 with a face.
 */
export function sampleAcsUsers(state: SandboxState, n = ACS_SAMPLE_SIZE): AcsRecord[] {
  const known = [...state.users.values()].filter((u) => u.tenant === 'home').map((u) => u.open_id);
  return Array.from({ length: n }, (_, i) => {
    const user_id = known[i] ?? `ou_acs${String(i).padStart(26, '0')}`;
    const card = i % 10 === 4 ? undefined : i % 10 === 9 ? 0 : 100_000 + i * 7;
    return { user_id, feature: { ...(card === undefined ? {} : { card }), face_uploaded: i % 3 === 0 } };
  });
}

export function acsData(state: SandboxState): AcsData {
  state.ext.acs ??= { users: sampleAcsUsers(state), tokenTtlMs: DEFAULT_TOKEN_TTL_MS, generation: 0, tokens: new Map() } satisfies AcsData;
  return state.ext.acs as AcsData;
}

/** Makes every page token issued so far invalid, as when the list changes on the platform. */
export function invalidateAcsPageTokens(state: SandboxState): void {
  acsData(state).generation++;
}

function pageSizeOf(req: Request): number {
  const raw = req.query.page_size;
  if (raw === undefined) return USERS_PAGE.default;
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < USERS_PAGE.min || n > USERS_PAGE.max) {
    return fail(400, ACS_CODES.invalidParam, `field validation failed: page_size must be an integer between ${USERS_PAGE.min} and ${USERS_PAGE.max}`);
  }
  return n;
}

function checkUserIdType(req: Request): void {
  const type = req.query.user_id_type;
  if (type !== undefined && !USER_ID_TYPES.includes(String(type))) {
    fail(400, ACS_CODES.invalidParam, 'field validation failed: user_id_type must be open_id, union_id or user_id');
  }
}

function offsetOf(req: Request, state: SandboxState, data: AcsData): number {
  const token = req.query.page_token;
  if (token === undefined || token === '') return 0;
  const issued = typeof token === 'string' ? data.tokens.get(token) : undefined;
  if (!issued || issued.generation !== data.generation || state.now() - issued.issuedAt >= data.tokenTtlMs) {
    return fail(400, ACS_CODES.pageTokenInvalid, 'page token is invalid');
  }
  return issued.offset;
}

function issueToken(state: SandboxState, data: AcsData, offset: number): string {
  // Opaque and long, like the real ones (base64-looking, ~100 characters).
  const token = Buffer.from(`acs:${state.nextId('')}:${offset}:${'x'.repeat(40)}`).toString('base64');
  data.tokens.set(token, { offset, issuedAt: state.now(), generation: data.generation });
  return token;
}

/** Smart access control users (feishu-apis.md §7): paged list with expiring tokens, and get one user. */
export function registerAcs(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, ACS_APIS.list, (req) => {
    const data = acsData(state);
    const pageSize = pageSizeOf(req);
    checkUserIdType(req);
    const offset = offsetOf(req, state, data);
    const planned = data.failAt;
    if (planned && planned.offset === offset) {
      data.failAt = undefined;
      fail(planned.status, planned.code, planned.msg);
    }
    const items = data.users.slice(offset, offset + pageSize);
    const next = offset + items.length;
    const hasMore = next < data.users.length;
    return ok({ items, has_more: hasMore, ...(hasMore ? { page_token: issueToken(state, data, next) } : {}) });
  });

  route(router, state, limits, ACS_APIS.get, (req) => {
    checkUserIdType(req);
    const user = acsData(state).users.find((u) => u.user_id === req.params.user_id);
    if (!user) return fail(400, ACS_CODES.userNotFound, 'user not found');
    return ok({ user });
  });
}
