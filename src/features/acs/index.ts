import { defineFeature } from '../../framework/feature.js';
import { acsActions } from './actions.js';
import { acsUserCommand } from './user.js';
import { acsUsersCommand } from './users.js';

/** /acs users and /acs user (smart access control; admin only: card numbers and face state). */
export const acsFeature = defineFeature({ name: 'acs', commands: [acsUsersCommand, acsUserCommand], actions: acsActions });
