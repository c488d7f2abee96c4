import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { csvFileName, toCsv } from '../../batch/csv.js';
import type { AcsUser } from './api.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const CSV_HEADER = ['open_id', 'name', 'card_number', 'face_uploaded'];

/** One row per user; an unknown name or no card number is an empty cell, the face state is yes / no. */
export function acsUsersCsv(users: AcsUser[], names: Readonly<Record<string, string>> = {}): Buffer {
  return toCsv(CSV_HEADER, users.map((u) => [u.openId, names[u.openId] ?? '', u.card ?? '', u.faceUploaded ? 'yes' : 'no']));
}

export const acsCsvName = (nowMs: number, tz: string): string => csvFileName('acs-users', dayjs(nowMs).tz(tz).format('YYYYMMDD-HHmm'));
