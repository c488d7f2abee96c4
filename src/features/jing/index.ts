import { defineFeature } from '../../framework/feature.js';
import { jingExportAction, jingRetryAction } from './actions.js';
import { jingStatusCommand } from './command.js';

/** /jing status: Jingsocial activity user status in bulk. */
export const jingFeature = defineFeature({ name: 'jing', commands: [jingStatusCommand], actions: [jingRetryAction, jingExportAction] });
