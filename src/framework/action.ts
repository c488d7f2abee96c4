import { z } from 'zod';
import { t } from '../cards-kit/i18n.js';
import type { AuditRecord } from '../observe/audit.js';
import { auditClick } from './auditClick.js';
import type { ButtonScope, ButtonValue, Extra } from './buttons.js';
import type { ActionContext, ActionResult } from './context.js';
import { checkAll, type Precondition, type Verdict } from './preconditions.js';

/** A schema for the extra data of an action's buttons: small flat objects of strings and numbers. */
export type ExtraSchema = z.ZodType<unknown, Extra>;

/** A card button's server side, declared once: its name, who may click, its button data, what it does. */
export interface ActionSpec<S extends ExtraSchema> {
  name: string;
  /** Checked on every click, against the person who clicked. */
  preconditions: ReadonlyArray<Precondition<ActionContext<z.output<S>>>>;
  /** The extra data its buttons carry; checked on every click (a value that does not fit is refused). */
  extra?: S;
  /** A write (or a button that leads to one): every click, refused or not, goes to the audit trail. */
  audited?: boolean;
  run(ctx: ActionContext<z.output<S>>): Promise<ActionResult>;
}

/** A button's extra argument: required when the schema requires something, else optional. */
type ExtraArg<S extends ExtraSchema> = Record<string, never> extends z.input<S> ? [extra?: z.input<S>] : [extra: z.input<S>];

/** What the action runner needs of an action, whatever its extra data. */
export interface RunnableAction {
  readonly name: string;
  /** Checks the extra data and the preconditions for this click, then runs the action. */
  click(ctx: ActionContext): Promise<ActionResult>;
}

/** A declared action: it builds its own buttons, so that a button and its handler cannot drift apart. */
export interface Action<S extends ExtraSchema = ExtraSchema> extends RunnableAction {
  /** The signed value of a button that runs this action on `ref` when clicked on a card shown through `scope`. */
  value(scope: ButtonScope, ref: string, ...extra: ExtraArg<S>): ButtonValue;
}

const NOT_VALID = t('按钮数据无效，操作已拒绝', 'This button is not valid; nothing was done');

/** The answer to a refused click: the reason as a toast, and the refusal's own card if it has one. */
export const refusalResult = (v: Exclude<Verdict, { ok: true }>): ActionResult => ({ toast: { type: 'error', text: v.reason }, ...(v.card ? { card: v.card } : {}) });

export function defineAction<S extends ExtraSchema = z.ZodObject<Record<string, never>>>(spec: ActionSpec<S>): Action<S> {
  const schema: ExtraSchema = spec.extra ?? z.object({});
  return {
    name: spec.name,
    value: (scope, ref, ...extra) => scope.sign(spec.name, ref, extra[0] as Extra | undefined),
    async click(ctx) {
      const audit = (result: AuditRecord['result']) => (spec.audited ? auditClick(ctx, spec.name, result) : Promise.resolve());
      const parsed = schema.safeParse(ctx.extra);
      if (!parsed.success) ctx.services.metrics.click(spec.name, 'bad_button');
      if (!parsed.success) {
        await audit('refused');
        return { toast: { type: 'error', text: NOT_VALID } };
      }
      const typed: ActionContext<z.output<S>> = { ...ctx, extra: parsed.data as z.output<S> };
      const verdict = await checkAll(spec.preconditions, typed);
      ctx.services.metrics.click(spec.name, verdict.ok ? 'ran' : 'not_allowed');
      if (!verdict.ok) {
        await audit('refused');
        return refusalResult(verdict);
      }
      try {
        const result = await spec.run(typed);
        await audit(result.toast?.type === 'error' ? 'refused' : 'done');
        return result;
      } catch (err) {
        await audit('failed');
        throw err;
      }
    },
  };
}

export class ActionRegistry {
  private readonly byName = new Map<string, RunnableAction>();

  add(action: RunnableAction): this {
    if (this.byName.has(action.name)) throw new Error(`action ${action.name} is declared twice`);
    this.byName.set(action.name, action);
    return this;
  }

  get(name: string): RunnableAction | undefined {
    return this.byName.get(name);
  }
}

/** Buttons that run a command line for whoever clicks them (the welcome card's quick starts), answered privately. */
export const RUN_COMMAND_ACTION = 'bot.run';
