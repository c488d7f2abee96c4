import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { z } from 'zod';
import { idProblem, splitIds } from '../../framework/ids.js';
import { zmsg } from '../../framework/command.js';
import { t } from '../../cards-kit/i18n.js';
import { JING_APPROVE_STATUS, JING_SIGNIN_STATUS, statusChoices } from './statusMeanings.js';

dayjs.extend(customParseFormat);

export const JING_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';
/** Accepted as typed (in the bot’s time zone); without seconds means :00. */
const TIME_FORMATS = [JING_TIME_FORMAT, 'YYYY-MM-DD HH:mm'];
/** More users than this in one command is almost surely a paste accident. */
export const MAX_JING_USERS = 5000;

const raw = z.object({
  activity: z.string().optional(),
  user_id: z.array(z.string()).default([]),
  signin: z.string().optional(),
  approve: z.string().optional(),
  'signin-time': z.string().optional(),
  'approve-time': z.string().optional(),
});

/** The time normalised to YYYY-MM-DD HH:mm:ss, or undefined when it is not a valid time. */
export function normaliseTime(s: string): string | undefined {
  for (const f of TIME_FORMATS) {
    const d = dayjs(s.trim(), f, true);
    if (d.isValid()) return d.format(JING_TIME_FORMAT);
  }
  return undefined;
}

const USER = t('Jingsocial 用户 ID', 'Jingsocial user id');

export const jingStatusArgs = raw
  .superRefine((a, ctx) => {
    const issue = (path: string, zh: string, en: string) => ctx.addIssue({ code: 'custom', path: [path], message: zmsg(zh, en) });
    if (!a.activity) issue('activity', '缺少活动 ID（entity_uuid）', 'is missing: give the activity id (entity_uuid)');
    else if (!/^[A-Za-z0-9_-]{1,64}$/.test(a.activity)) {
      issue('activity', `“${a.activity.slice(0, 40)}” 不是有效的活动 ID（字母、数字、_ 和 -，最长 64 个字符）`, `“${a.activity.slice(0, 40)}” is not an activity id (letters, digits, _ and -, at most 64 characters)`);
    }
    const ids = splitIds(a.user_id);
    if (ids.length === 0) issue('user_id', '至少需要一个 Jingsocial 用户 ID', 'needs at least one Jingsocial user id');
    if (ids.length > MAX_JING_USERS) issue('user_id', `最多 ${MAX_JING_USERS} 个用户，现在有 ${ids.length} 个`, `takes at most ${MAX_JING_USERS} users; got ${ids.length}`);
    const bad = ids.map((id) => idProblem(id, USER)).find(Boolean);
    if (bad) issue('user_id', bad.zh_cn, bad.en_us);
    if (a.signin === undefined && a.approve === undefined) {
      issue('signin', '至少要给出 --signin 或 --approve 之一', 'or --approve is required: give at least one status to set');
    }
    for (const [flag, values] of [['signin', JING_SIGNIN_STATUS], ['approve', JING_APPROVE_STATUS]] as const) {
      const value = a[flag];
      if (value === undefined || Object.hasOwn(values, value)) continue;
      const choices = statusChoices(values);
      issue(flag, `只能是 ${choices.zh_cn}，收到 “${value}”`, `must be ${choices.en_us}; got “${value}”`);
    }
    for (const [time, status] of [['signin-time', 'signin'], ['approve-time', 'approve']] as const) {
      const value = a[time];
      if (value === undefined) continue;
      if (a[status] === undefined) issue(time, `只能和 --${status} 一起使用：时间需要对应的状态`, `was given without --${status}: a time needs its status`);
      else if (!normaliseTime(value)) {
        issue(time, `“${value}” 不是有效时间：请用 YYYY-MM-DD HH:mm:ss（机器人所在时区），如 "2025-09-01 09:30:00"`, `“${value}” is not a valid time: use YYYY-MM-DD HH:mm:ss (in the bot’s time zone), e.g. "2025-09-01 09:30:00"`);
      }
    }
  })
  .transform((a) => ({
    activity: a.activity as string,
    users: splitIds(a.user_id),
    signin: a.signin,
    approve: a.approve,
    signinTime: a['signin-time'] === undefined ? undefined : normaliseTime(a['signin-time']),
    approveTime: a['approve-time'] === undefined ? undefined : normaliseTime(a['approve-time']),
  }));

export type JingStatusArgs = z.output<typeof jingStatusArgs>;
