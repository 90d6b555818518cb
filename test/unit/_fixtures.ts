/** Loading captured fixtures (see scripts/capture.js for how they are made), and the unit tests' shared helpers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { DecodeError, decodeMessages, type NlMessage } from '../../src/netlink/index.js';
import type { ApiContext } from '../../src/api/context.js';

export interface Capture {
  kernel: string;
  iproute2: string;
  command: string;
  setup: string;
  datagrams: { dir: 'send' | 'recv'; hex: string }[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A fixture file from test/fixtures (the path is relative to that folder). */
export function loadCapture(rel: string): Capture {
  return JSON.parse(readFileSync(path.join(root, 'test/fixtures', rel), 'utf8')) as Capture;
}

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Every message of one type in a fixture (a sent buffer is cut at its nlmsg_len: strace shows the whole buffer). */
export function messages(fx: Capture, dir: 'send' | 'recv', type: number): NlMessage[] {
  const out: NlMessage[] = [];
  for (const d of fx.datagrams) {
    if (d.dir !== dir) continue;
    let b = fromHex(d.hex);
    if (dir === 'send') b = b.subarray(0, new DataView(b.buffer, b.byteOffset).getUint32(0, true));
    for (const m of decodeMessages(b)) if (m.header.type === type) out.push(m);
  }
  return out;
}

/** The whole bytes of one message, seq and pid zeroed unless kept (the connection fills them in). */
export function bytesOf(m: NlMessage, keepSeq = false): Uint8Array {
  const b = new Uint8Array(16 + m.payload.length);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, m.header.len, true);
  dv.setUint16(4, m.header.type, true);
  dv.setUint16(6, m.header.flags, true);
  if (keepSeq) { dv.setUint32(8, m.header.seq, true); dv.setUint32(12, m.header.pid, true); }
  b.set(m.payload, 16);
  return b;
}

/** For property tests: `f` decodes or throws DecodeError (true); any other exception propagates. */
export function onlyDecodeError(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof DecodeError) return true;
    throw e;
  }
}

/**
 * An ApiContext whose connection records each request (answering a bare ack, an empty dump or
 * stream) and whose devices all have ifindex `ifindex`, recording the names looked up.
 */
export function stubContext(ifindex = 3): { ctx: ApiContext; sent: { op: string; bytes: Uint8Array }[]; lookups: unknown[] } {
  const sent: { op: string; bytes: Uint8Array }[] = [];
  const lookups: unknown[] = [];
  const conn = {
    request: async (bytes: Uint8Array, op: string) => { sent.push({ op, bytes }); return []; },
    dumpAll: async (bytes: Uint8Array, op: string) => { sent.push({ op, bytes }); return []; },
    stream: (bytes: Uint8Array, op: string) => {
      sent.push({ op, bytes });
      const end = { [Symbol.asyncIterator]: () => end, next: async () => ({ value: undefined, done: true }) };
      return end;
    },
  };
  const ctx = { conn, ifindex: async (dev: unknown) => { lookups.push(dev); return ifindex; } } as unknown as ApiContext;
  return { ctx, sent, lookups };
}
