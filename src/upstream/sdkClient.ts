import * as lark from '@larksuiteoapi/node-sdk';
import axios, { type AxiosInstance } from 'axios';
import { scrub, type Logger } from '../observe/log.js';

/**
 * The only module that loads the Feishu SDK (and axios, which it uses). The SDK is 6 MB of JavaScript,
 * about half of the process's start-up: feishu.ts imports this module on first use, so that the server
 * listens (and acknowledges webhooks, which need no SDK) before it is loaded. Keep other imports of
 * '@larksuiteoapi/node-sdk' type-only, or in code that runs after start-up.
 */
export interface SdkClientOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  log: Logger;
  timeoutMs: number;
}

/** An axios instance like the SDK's default one (it returns the body), plus a timeout. */
function httpInstance(timeoutMs: number): AxiosInstance {
  const http = axios.create({ timeout: timeoutMs });
  http.interceptors.response.use((resp) =>
    (resp.config as { $return_headers?: boolean }).$return_headers ? { data: resp.data, headers: resp.headers } : resp.data,
  );
  return http as AxiosInstance;
}

/** The SDK logs request bodies on errors; route its logs to ours at debug: the first argument only, scrubbed. */
function sdkLogger(log: Logger) {
  const quiet = (...args: unknown[]) => log.debug({ sdk: scrub(String(args[0])).slice(0, 200) }, 'lark sdk');
  return { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet };
}

/** The SDK client the wrapper uses: its token cache disabled (ours refreshes once on expiry), our http and logs. */
export function createSdkClient(o: SdkClientOptions): lark.Client {
  return new lark.Client({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: o.baseUrl,
    disableTokenCache: true,
    httpInstance: httpInstance(o.timeoutMs) as unknown as lark.HttpInstance,
    logger: sdkLogger(o.log),
    loggerLevel: lark.LoggerLevel.error,
  });
}

export const withTenantToken = lark.withTenantToken;
