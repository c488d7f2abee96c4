import { defineFeature } from '../../framework/feature.js';
import { cxExportAction, cxRetryAction } from './actions.js';
import { cxCardCommand } from './command.js';

/** /cx card: Chengxun workbench card data for many accounts. */
export const cxFeature = defineFeature({ name: 'cx', commands: [cxCardCommand], actions: [cxRetryAction, cxExportAction] });
