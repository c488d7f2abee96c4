import { defineFeature } from '../../framework/feature.js';
import { acsActions, resumeAcsWalk } from './actions.js';
import { ACS_WALK_KIND } from './allUsers.js';
import { acsUserCommand } from './user.js';
import { acsUsersCommand } from './users.js';

/** /acs users and /acs user (smart access control; admin only: card numbers and face state). */
export const acsFeature = defineFeature({ name: 'acs', commands: [acsUsersCommand, acsUserCommand], actions: acsActions, resumers: { [ACS_WALK_KIND]: resumeAcsWalk } });
