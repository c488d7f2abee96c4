import { defineFeature } from '../../framework/feature.js';
import { statusActions } from './actions.js';
import { statusCloseCommand, statusListCommand, statusOpenCommand } from './commands.js';
import { resumeStatusJob } from './resume.js';

/** /status: system statuses for many people (admins only). */
export const statusFeature = defineFeature({ name: 'status', commands: [statusListCommand, statusOpenCommand, statusCloseCommand], actions: statusActions, resumers: { status: resumeStatusJob } });
