import { AxiosError, AxiosHeaders } from 'axios';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/upstream/errors.js';
import { memoryLogger } from '../helpers/memoryLog.js';

const TOKEN = 't-g1044ab1c2d3e4f5secret';

function axiosFailure(): AxiosError {
  const config = { url: 'https://open.feishu.cn/open-apis/im/v1/messages', headers: new AxiosHeaders({ Authorization: `Bearer ${TOKEN}` }), data: '{"content":"private text"}' };
  return new AxiosError('Request failed with status code 400', 'ERR_BAD_REQUEST', config as never, { path: '/x' }, {
    status: 400, statusText: 'Bad Request', headers: {}, config: config as never, data: { code: 230001, msg: 'bad', echo: 'private text' },
  });
}

describe('logger', () => {
  it('logs an axios error without its config, headers, request or response (no token, no body)', () => {
    const logs = memoryLogger('trace');
    logs.log.error({ err: axiosFailure() }, 'upstream failed');
    logs.log.warn({ error: axiosFailure(), api: 'im.message.reply' }, 'upstream failed');
    const text = logs.text();
    expect(text).toContain('Request failed with status code 400');
    expect(text).toContain('ERR_BAD_REQUEST');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/Bearer/i);
    expect(text).not.toContain('private text');
  });

  it('keeps what an admin needs from an UpstreamError and scrubs token-like text from messages', () => {
    const logs = memoryLogger('trace');
    logs.log.error({ err: new UpstreamError('im.message.reply', 230001, `bad token ${TOKEN}`, 400, 'log_1') }, 'failed');
    logs.log.warn({ err: `Error: Bearer ${TOKEN}` }, 'stringified');
    const [first, second] = logs.lines();
    expect(first?.err).toMatchObject({ type: 'UpstreamError', api: 'im.message.reply', code: 230001, httpStatus: 400, logId: 'log_1' });
    expect(logs.text()).not.toContain(TOKEN);
    expect(second?.err).toBe('Error: [redacted]');
  });

  it('redacts Authorization headers and bodies whatever their case or depth', () => {
    const logs = memoryLogger('trace');
    logs.log.info({ headers: { Authorization: `Bearer ${TOKEN}` }, req: { Authorization: TOKEN, body: 'decrypted' } }, 'x');
    expect(logs.text()).not.toContain(TOKEN);
    expect(logs.text()).not.toContain('decrypted');
  });
});
