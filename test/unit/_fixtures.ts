/** Loading captured fixtures (see scripts/capture.js for how they are made). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

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
