import type { Request, Router } from 'express';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import type { SandboxState, SandboxUser } from '../../state.js';
import { CONTACT_APIS, CONTACT_CODES, NAME_SCOPES, USER_ID_TYPES, USER_IDS_MAX } from './facts.js';

/** The emulator's contact settings, in `state.ext.contact`. */
export interface ContactData {
  /** Whether the app was granted the scopes for names (§8.1); tests turn it off to play "no permission". */
  granted: boolean;
}

export function contactData(state: SandboxState): ContactData {
  state.ext.contact ??= { granted: true } satisfies ContactData;
  return state.ext.contact as ContactData;
}

const invalid = (what: string): never => fail(400, CONTACT_CODES.invalidParam, `field validation failed: ${what}`);

function userIds(req: Request): string[] {
  const v = req.query.user_ids;
  if (v === undefined) return invalid('user_ids is required');
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string' && x !== '')) return invalid('user_ids must be strings');
  if (list.length > USER_IDS_MAX) return invalid(`user_ids takes at most ${USER_IDS_MAX} ids`);
  return list as string[];
}

/** Contact users batch (feishu-apis.md §8.1): people of the home tenant by id; the rest silently left out. */
export function registerContact(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, CONTACT_APIS.usersBatch, (req) => {
    if (!contactData(state).granted) {
      fail(400, CONTACT_CODES.noPermission, `Access denied. One of the following scopes is required: [${NAME_SCOPES.join(', ')}].`);
    }
    const idType = req.query.user_id_type ?? 'open_id';
    if (typeof idType !== 'string' || !USER_ID_TYPES.includes(idType)) invalid('user_id_type must be open_id, union_id or user_id');
    const ids = userIds(req);
    // The emulator knows people by open_id only: asked for other id types, it finds nobody.
    const found = idType === 'open_id' ? ids.map((id) => state.users.get(id)).filter((u): u is SandboxUser => u?.tenant === 'home') : [];
    return ok({
      items: found.map((u) => ({
        open_id: u.open_id,
        name: u.name,
        en_name: u.en_name,
        status: { is_frozen: false, is_resigned: u.resigned === true, is_activated: true, is_exited: u.resigned === true },
      })),
    });
  });
}
