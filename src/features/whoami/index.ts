import { defineFeature } from '../../framework/feature.js';
import { whoamiCommand } from './command.js';

/** /whoami: your open_id and role. */
export const whoamiFeature = defineFeature({ name: 'whoami', commands: [whoamiCommand], actions: [] });
