import { ActionRegistry } from '../bot/actions.js';
import { acsActions, acsCommands } from './acs/index.js';
import { cxExportAction, cxRetryAction } from './cx/actions.js';
import { cxCardCommand } from './cx/command.js';
import { helpCommand } from './help.js';
import { jingExportAction, jingRetryAction } from './jing/actions.js';
import { jingStatusCommand } from './jing/command.js';
import { okrIdsAction, okrUserAction } from './okr/actions.js';
import { okrCommand } from './okr/okr.js';
import { CommandRegistry } from './registry.js';
import { statusActions } from './status/actions.js';
import { statusCloseCommand, statusListCommand, statusOpenCommand } from './status/commands.js';

/** Every command. A feature adds its file's declarations here. */
export function buildCommands(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry));
  registry.add(okrCommand);
  registry.add(jingStatusCommand).add(cxCardCommand);
  registry.add(statusListCommand).add(statusOpenCommand).add(statusCloseCommand);
  for (const c of acsCommands) registry.add(c);
  return registry;
}

/** Every card-button action. */
export function buildActions(): ActionRegistry {
  const actions = new ActionRegistry();
  actions.add(okrUserAction).add(okrIdsAction);
  actions.add(jingRetryAction).add(jingExportAction).add(cxRetryAction).add(cxExportAction);
  for (const a of statusActions) actions.add(a);
  for (const a of acsActions) actions.add(a);
  return actions;
}
