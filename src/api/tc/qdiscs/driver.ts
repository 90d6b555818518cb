/**
 * The contract of a qdisc kind's API driver (iproute2's qdisc_util parse_qopt / parse_copt): a
 * typed options object in, the kind's TCA_OPTIONS (as src/rtnl/tc/qdiscs types it) out, every
 * value checked before anything is sent. The options a driver lists are the only keys its kind
 * accepts (checked at run time; the `options` map is checked against the type by the compiler).
 */
import type { OptionKeys } from '../../kinds/driver.js';
import type { Psched } from '../core.js';

export type { OptionKeys } from '../../kinds/driver.js';

/** What a driver may ask of the request being built. */
export interface TcBuild {
  /** The verb: a new object, a change, a replacement, a deletion. */
  readonly op: 'add' | 'change' | 'replace' | 'link' | 'del';
  /** The kind being built (pfifo and bfifo share a driver). */
  readonly kind: string;
  /** The kernel's scheduler clock (/proc/net/psched). */
  readonly psched: Psched;
  /** The device's speed in Mbit/s, for rates given as a percentage. */
  speed(): number;
  /** A delay distribution table by name (iproute2's NAME.dist), as the s16 entries' bytes. */
  distribution(name: string): Uint8Array;
}

/** One qdisc kind's driver. O: the options beside dev, parent, handle and kind; D: its TCA_OPTIONS. */
export interface QdiscDriver<O extends object, D extends object> {
  readonly options: OptionKeys<O>;
  /** TCA_OPTIONS from the options (undefined: none sent). Throws InvalidArgumentError. */
  build(o: Readonly<Partial<O>>, b: TcBuild): D | undefined;
}

/** One class kind's driver (`tc class add ... htb rate ...`). */
export interface ClassDriver<O extends object, D extends object> {
  readonly options: OptionKeys<O>;
  /** The class's TCA_OPTIONS from its options (undefined: none sent). Throws InvalidArgumentError. */
  build(o: Readonly<Partial<O>>, b: TcBuild): D | undefined;
}

/** The options type of a driver. */
export type DriverOptions<T> = T extends QdiscDriver<infer O, object> ? O : T extends ClassDriver<infer O, object> ? O : never;
