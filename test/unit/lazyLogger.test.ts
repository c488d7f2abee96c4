import { describe, expect, it, vi } from 'vitest';
import { lazyChild } from '../../src/observe/lazyLogger.js';
import { memoryLogger } from '../helpers/memoryLog.js';

describe('lazyChild', () => {
  it('makes no child until something is logged', () => {
    const { log } = memoryLogger();
    const child = vi.spyOn(log, 'child');
    lazyChild(log, { eventId: 'e1' });
    expect(child).not.toHaveBeenCalled();
  });

  it('logs with its bindings once used, through one child however often, and nests', () => {
    const { log, lines } = memoryLogger();
    const child = vi.spyOn(log, 'child');
    const lazy = lazyChild(log, { eventId: 'e1' });
    lazy.info('first');
    lazy.warn({ n: 2 }, 'second');
    expect(child).toHaveBeenCalledTimes(1);
    lazyChild(lazy, { chatId: 'oc_1' }).error('nested');
    expect(child).toHaveBeenCalledTimes(2);
    expect(lines().map((l) => [l.msg, l.eventId, l.chatId ?? null])).toEqual([['first', 'e1', null], ['second', 'e1', null], ['nested', 'e1', 'oc_1']]);
    expect(lazy.isLevelEnabled('debug')).toBe(true);
  });
});
