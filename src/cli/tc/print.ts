/**
 * Printing what the tc objects share: the device name (print_devname), a kind's options through
 * its plug or as tc prints a kind it does not know ("[Unknown qdisc, optlen=N] "), statistics.
 */
import { AttrWriter } from '../../netlink/index.js';
import type { TcKindRegistry } from '../../rtnl/tc/index.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';

/** print_devname: "dev NAME " (JSON "dev"). */
export function printDev(p: Printer, names: Names, ifindex: number): void {
  if (!p.json) p.text('dev ');
  p.string('any', 'dev', '%s ', names.name(ifindex));
}

/** The payload length of options as they came (re-encoded for a typed value). */
export function optionsLength(options: object | Uint8Array, encode: ((w: AttrWriter, v: object) => void) | undefined): number {
  if (options instanceof Uint8Array) return options.length;
  if (!encode) return 0;
  const w = new AttrWriter(64);
  encode(w, options);
  return w.len;
}

/** The options encoder of a qdisc kind in `registry` (for the unknown-kind printout). */
export function qdiscOptionsEncoder(registry: TcKindRegistry, kind: string, cls: boolean): ((w: AttrWriter, v: object) => void) | undefined {
  const c = registry.qdisc(kind);
  const codec = cls ? (c?.classOptions ?? c?.options) : c?.options;
  return codec ? (w, v) => codec.encode(w, v, { registry }) : undefined;
}
