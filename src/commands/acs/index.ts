import type { CommandDef } from '../types.js';
import { acsUserCommand } from './user.js';
import { acsUsersCommand } from './users.js';

export { acsActions } from './actions.js';

/** /acs users and /acs user (smart access control; admin only: card numbers and face state). */
export const acsCommands: CommandDef[] = [acsUsersCommand, acsUserCommand];
