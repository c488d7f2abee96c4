import { defineFeature } from '../../framework/feature.js';
import { okrIdsAction, okrUserAction } from './actions.js';
import { okrCommand } from './command.js';

/** /okr: OKR summaries (members their own, admins anyone's). */
export const okrFeature = defineFeature({ name: 'okr', commands: [okrCommand], actions: [okrUserAction, okrIdsAction] });
