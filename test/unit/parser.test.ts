import { describe, expect, it } from 'vitest';
import { readCommandLine, plainText, type IncomingMessage } from '../../src/inbox/messageText.js';
import { ArgError, parseArgs } from '../../src/framework/parseArgs.js';
import { tokenize, TokenizeError } from '../../src/framework/tokenize.js';
import { splitIds } from '../../src/framework/ids.js';
import type { FlagSpec, PositionalSpec } from '../../src/framework/command.js';

const h = { zh_cn: '', en_us: '' };

describe('tokenize', () => {
  it('splits on ASCII and full-width spaces', () => {
    expect(tokenize('status  open\u3000出差 ou_1')).toEqual(['status', 'open', '出差', 'ou_1']);
  });

  it('keeps quoted words together with ASCII, typographic and corner-bracket quotes', () => {
    expect(tokenize('say "hello world" \'a b\'')).toEqual(['say', 'hello world', 'a b']);
    expect(tokenize('say “你好 世界” 「出 差」')).toEqual(['say', '你好 世界', '出 差']);
  });

  it('honours escaped quotes inside and outside quotes', () => {
    expect(tokenize('say "he said \\"hi\\""')).toEqual(['say', 'he said "hi"']);
    expect(tokenize('say it\\\'s')).toEqual(['say', "it's"]);
    expect(tokenize('a\\ b')).toEqual(['a b']);
  });

  it('keeps an empty quoted argument', () => {
    expect(tokenize('set ""')).toEqual(['set', '']);
  });

  it('throws on an unclosed quote', () => {
    expect(() => tokenize('say "oops')).toThrow(TokenizeError);
    expect(() => tokenize('say 「oops')).toThrow(TokenizeError);
  });
});

describe('parseArgs', () => {
  const positionals: PositionalSpec[] = [{ name: 'status', help: h }, { name: 'targets', help: h, variadic: true }];
  const flags: FlagSpec[] = [
    { name: 'until', short: 'u', kind: 'value', help: h },
    { name: 'force', short: 'f', kind: 'boolean', help: h },
    { name: 'item', kind: 'value', repeat: true, help: h },
  ];
  const parse = (line: string) => parseArgs(tokenize(line), positionals, flags);
  const argError = (line: string): ArgError => {
    try {
      parse(line);
    } catch (e) {
      if (e instanceof ArgError) return e;
      throw e;
    }
    throw new Error(`no error for ${line}`);
  };

  it('maps positionals by name, the variadic one collecting the rest', () => {
    expect(parse('出差 ou_a ou_b')).toEqual({ status: '出差', targets: ['ou_a', 'ou_b'] });
    expect(parse('出差')).toEqual({ status: '出差', targets: [] });
  });

  it('reads --flag value, --flag=value and short flags', () => {
    expect(parse('出差 --until 2025-09-01 ou_a')).toMatchObject({ until: '2025-09-01', targets: ['ou_a'] });
    expect(parse('出差 --until=2025-09-01')).toMatchObject({ until: '2025-09-01' });
    expect(parse('出差 -u 18:00')).toMatchObject({ until: '18:00' });
    expect(parse('出差 --until "next monday 9:00"')).toMatchObject({ until: 'next monday 9:00' });
  });

  it('reads boolean flags, long and short', () => {
    expect(parse('出差 --force')).toMatchObject({ force: true });
    expect(parse('出差 -f')).toMatchObject({ force: true });
    expect(parse('出差')).not.toHaveProperty('force');
  });

  it('collects repeat flags into an array', () => {
    expect(parse('x --item a --item=b --item c')).toMatchObject({ item: ['a', 'b', 'c'] });
  });

  it('names an unknown flag', () => {
    const e = argError('出差 --untill 9:00');
    expect(e.arg).toBe('--untill');
    expect(e.problem.en_us).toContain('not an option');
    expect(argError('出差 -z').arg).toBe('-z');
  });

  it('refuses a value flag without a value, a value on a boolean flag, and a flag given twice', () => {
    expect(argError('出差 --until').arg).toBe('--until');
    expect(argError('出差 --until --force').problem.en_us).toContain('needs a value');
    expect(argError('出差 --force=yes').problem.en_us).toContain('takes no value');
    expect(argError('出差 --until 1 --until 2').problem.en_us).toContain('more than once');
  });

  it('names an extra argument when no positional is variadic', () => {
    const e = (() => {
      try {
        parseArgs(['a', 'b', 'c'], [{ name: 'only', help: h }], []);
      } catch (err) {
        return err as ArgError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(ArgError);
    expect(e.arg).toBe('b');
    expect(e.problem.en_us).toContain('extra');
  });

  it.each(['——until', '—until', '－－until', '––until', '—-until'])('reads %s (an input method’s dashes) as --until', (flag) => {
    expect(parse(`出差 ${flag} 3d ou_a`)).toMatchObject({ until: '3d', targets: ['ou_a'] });
    expect(parse(`出差 ${flag}=3d`)).toMatchObject({ until: '3d' });
    expect(parse(`出差 ${flag}＝3d`)).toMatchObject({ until: '3d' });
  });

  it('reads IME dashes before every flag, short ones too, and names an unknown one in ASCII', () => {
    expect(parse('出差 ——force')).toMatchObject({ force: true });
    expect(parse('出差 －f')).toMatchObject({ force: true });
    expect(parse('x ——item a —item b')).toMatchObject({ item: ['a', 'b'] });
    expect(argError('出差 ——untill 9:00').arg).toBe('--untill');
    expect(argError('出差 ——until').problem.en_us).toContain('needs a value');
    expect(parse('出差 －－ --force')).toMatchObject({ targets: ['--force'] });
  });

  it('keeps data that opens with a dash as typed: flag values, words after --, and what is no flag name', () => {
    expect(parse('出差 --until —later')).toMatchObject({ until: '—later' });
    expect(parse('出差 -- —force')).toMatchObject({ targets: ['—force'] });
    expect(parse('x —foo|https://example.com —Note: 1')).toMatchObject({ targets: ['—foo|https://example.com', '—Note:', '1'] });
    expect(argError('出差 ——until ——force').problem.en_us).toContain('needs a value');
  });

  it('leaves negative numbers, dashed ids and dashes inside words alone', () => {
    expect(parse('x -5 —5 a-b ou_a—b 2026—12')).toMatchObject({ targets: ['-5', '—5', 'a-b', 'ou_a—b', '2026—12'] });
  });

  it('treats words after -- and negative numbers as positionals', () => {
    expect(parse('出差 -- --force')).toMatchObject({ targets: ['--force'] });
    expect(parse('x -5')).toMatchObject({ targets: ['-5'] });
  });
});

describe('readCommandLine', () => {
  const BOT = 'ou_bot';
  const msg = (mentions: IncomingMessage['mentions']): IncomingMessage => ({
    message_id: 'om_1', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: '', mentions,
  });

  it('strips the bot mention and turns other placeholders into open_ids with their names', () => {
    const r = readCommandLine('@_user_1 /status open 出差 @_user_2 @_user_3', msg([
      { key: '@_user_1', id: { open_id: BOT }, name: 'Ops Bot' },
      { key: '@_user_2', id: { open_id: 'ou_wang' }, name: '王五' },
      { key: '@_user_3', id: { open_id: 'ou_li' }, name: '李四' },
    ]), BOT);
    expect(r).toEqual({ line: 'status open 出差 ou_wang ou_li', isCommand: true, mentionsBot: true, mentionNames: { ou_wang: '王五', ou_li: '李四' } });
  });

  it('does not confuse @_user_1 with @_user_10 and later', () => {
    const mentions = Array.from({ length: 11 }, (_, i) => ({ key: `@_user_${i + 1}`, id: { open_id: i === 0 ? BOT : `ou_${i + 1}` }, name: `n${i + 1}` }));
    const r = readCommandLine('@_user_1 /x @_user_10 @_user_11 @_user_2', msg(mentions), BOT);
    expect(r.line).toBe('x ou_10 ou_11 ou_2');
  });

  it('accepts the full-width slash and the bot mention anywhere', () => {
    expect(readCommandLine('／help', msg([]), BOT)).toMatchObject({ line: 'help', isCommand: true, mentionsBot: false });
    expect(readCommandLine('/help @_user_1', msg([{ key: '@_user_1', id: { open_id: BOT }, name: 'b' }]), BOT)).toMatchObject({ line: 'help', mentionsBot: true });
  });

  it('says when the text is not a command', () => {
    expect(readCommandLine('@_user_1 hello', msg([{ key: '@_user_1', id: { open_id: BOT }, name: 'b' }]), BOT)).toMatchObject({ isCommand: false, mentionsBot: true });
  });

  it('reads text and post content; other types are not text', () => {
    expect(plainText('text', JSON.stringify({ text: '/help' }))).toBe('/help');
    const post = { zh_cn: { title: 't', content: [[{ tag: 'at', user_id: '@_user_1' }, { tag: 'text', text: '/okr' }]] } };
    expect(plainText('post', JSON.stringify(post))?.trim()).toBe('@_user_1 /okr');
    expect(plainText('image', JSON.stringify({ image_key: 'k' }))).toBeUndefined();
    expect(plainText('text', 'not json')).toBeUndefined();
  });
});

describe('splitIds (every id list: status targets, OKR ids, Jingsocial users, Chengxun accounts)', () => {
  it('splits on spaces, , ， 、 ; ；, drops empties and duplicates, and keeps dashes inside ids', () => {
    expect(splitIds(['a,b，c、d;e；f', 'g', 'a', 'x-1,', '；'])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x-1']);
  });
});
