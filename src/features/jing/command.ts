import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { t } from '../../cards-kit/i18n.js';
import { JING_APPROVE_STATUS, JING_SIGNIN_STATUS, statusChoices } from './statusMeanings.js';
import { runCountedJob } from '../../batch/jobRunner.js';
import { showIfWaiting } from '../../framework/queued.js';
import { JING_API } from './client.js';
import { defineCommand } from '../../framework/command.js';
import { adminOnly } from '../../framework/preconditions.js';
import { serviceOf } from '../../framework/services.js';
import { jingJobs } from './actions.js';
import { jingStatusArgs, JING_TIME_FORMAT } from './args.js';
import { runJing, type JingInput } from './run.js';
import { jingConfigured } from './service.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const SIGNIN_CHOICES = statusChoices(JING_SIGNIN_STATUS);
const APPROVE_CHOICES = statusChoices(JING_APPROVE_STATUS);

export const JING_TITLE = t('Jingsocial 批量更新活动用户状态', 'Jingsocial: batch update activity user status');

export const jingStatusCommand = defineCommand({
  name: 'jing status',
  preconditions: [adminOnly, jingConfigured],
  summary: t('批量更新 Jingsocial 活动用户的签到/审核状态', 'Batch update sign-in / approval status of Jingsocial activity users'),
  positionals: [
    { name: 'activity', help: t('活动 ID（entity_uuid）', 'Activity id (entity_uuid)') },
    { name: 'user_id', variadic: true, help: t('Jingsocial 用户 ID，用空格、逗号、顿号或分号分隔', 'Jingsocial user ids, separated by spaces, commas or semicolons') },
  ],
  flags: [
    { name: 'signin', kind: 'value', help: t(`签到状态：${SIGNIN_CHOICES.zh_cn}`, `Sign-in status: ${SIGNIN_CHOICES.en_us}`) },
    { name: 'approve', kind: 'value', help: t(`审核状态：${APPROVE_CHOICES.zh_cn}`, `Approval status: ${APPROVE_CHOICES.en_us}`) },
    { name: 'signin-time', kind: 'value', help: t('签到时间 "YYYY-MM-DD HH:mm:ss"（机器人所在时区），默认现在', 'Sign-in time "YYYY-MM-DD HH:mm:ss" (the bot’s time zone), default now') },
    { name: 'approve-time', kind: 'value', help: t('审核时间 "YYYY-MM-DD HH:mm:ss"（机器人所在时区），默认现在', 'Approval time "YYYY-MM-DD HH:mm:ss" (the bot’s time zone), default now') },
  ],
  args: jingStatusArgs,
  usage: '/jing status <activity> <user_id…> (--signin 0|1 and/or --approve 0|1|2) [--signin-time <time>] [--approve-time <time>]',
  examples: [
    '/jing status etX9kQ2mPz7LwR4vT8bN3c uA1b2C3d4E5f6G7h8J9k0L uM1n2P3q4R5s6T7u8V9w0X --signin 1',
    '/jing status etX9kQ2mPz7LwR4vT8bN3c uA1b2C3d4E5f6G7h8J9k0L --approve 2 --approve-time "2025-09-01 18:00:00"',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const client = serviceOf(services, 'jingsocial');
    const now = services.clock.now();
    const nowText = dayjs(now).tz(services.config.BOT_TIMEZONE).format(JING_TIME_FORMAT);
    const input: JingInput = {
      activity: args.activity,
      ...(args.signin !== undefined ? { signin: { status: args.signin, time: args.signinTime ?? nowText } } : {}),
      ...(args.approve !== undefined ? { approve: { status: args.approve, time: args.approveTime ?? nowText } } : {}),
      users: args.users,
    };
    await showIfWaiting(ctx, JING_API.userStatus, client.expectedWaitMs());
    await runCountedJob(ctx, {
      idPrefix: 'jing',
      kind: 'jing.status',
      title: JING_TITLE,
      input,
      total: args.users.length,
      run: (onProgress, checkpoint) => runJing(client, input, args.users, onProgress, checkpoint),
      resultCard: jingJobs.resultCard,
    });
  },
});
