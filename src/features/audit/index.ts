import { defineFeature } from '../../framework/feature.js';
import { auditCommand } from './command.js';

/** /audit: the audit trail of writes. */
export const auditFeature = defineFeature({ name: 'audit', commands: [auditCommand], actions: [] });
