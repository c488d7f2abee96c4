import protobuf from 'protobufjs';

/**
 * The long connection's wire format, written from the protocol (proto2 message `pbbp2.Frame`, as the
 * official SDKs speak it), not taken from the bot's code: when the two disagree, a test fails.
 *   Frame { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3;
 *           required int32 method = 4; repeated Header headers = 5; optional string payloadEncoding = 6;
 *           optional string payloadType = 7; optional bytes payload = 8; optional string LogIDNew = 9; }
 *   Header { required string key = 1; required string value = 2; }
 */
const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: {
          fields: {
            key: { rule: 'required', type: 'string', id: 1 },
            value: { rule: 'required', type: 'string', id: 2 },
          },
        },
        Frame: {
          fields: {
            SeqID: { rule: 'required', type: 'uint64', id: 1 },
            LogID: { rule: 'required', type: 'uint64', id: 2 },
            service: { rule: 'required', type: 'int32', id: 3 },
            method: { rule: 'required', type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});
const FrameType = root.lookupType('pbbp2.Frame');

/** `method` of a frame: control (ping/pong) or data (events, callbacks and their responses). */
export const METHOD = { control: 0, data: 1 } as const;

/** The `type` header. Card callbacks travel as `event` frames too: the SDK drops any other data type. */
export const MESSAGE_TYPE = { event: 'event', card: 'card', ping: 'ping', pong: 'pong' } as const;

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Record<string, string>;
  payload?: Uint8Array;
}

/** uint64 decodes to a number or to a Long object, depending on how protobufjs is configured in the process. */
function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(String(v));
}

export function encodeFrame(f: Frame): Uint8Array {
  const message = FrameType.fromObject({
    SeqID: f.SeqID,
    LogID: f.LogID,
    service: f.service,
    method: f.method,
    headers: Object.entries(f.headers).map(([key, value]) => ({ key, value })),
    ...(f.payload ? { payload: f.payload } : {}),
  });
  return FrameType.encode(message).finish();
}

/** Decodes one binary message; throws on bytes that are not a frame (missing required fields, garbage). */
export function decodeFrame(bytes: Uint8Array): Frame {
  const m = FrameType.toObject(FrameType.decode(bytes), { longs: String, bytes: Buffer }) as {
    SeqID: unknown; LogID: unknown; service: number; method: number; headers?: Array<{ key: string; value: string }>; payload?: Buffer;
  };
  const headers: Record<string, string> = {};
  for (const h of m.headers ?? []) headers[h.key] = h.value;
  return { SeqID: toNumber(m.SeqID), LogID: toNumber(m.LogID), service: m.service, method: m.method, headers, payload: m.payload };
}

/** Splits a payload into fragments of at most `maxBytes` (as the platform does with large events); at least one. */
export function fragments(payload: Uint8Array, maxBytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += maxBytes) out.push(payload.subarray(at, at + maxBytes));
  return out.length > 0 ? out : [payload];
}
