/**
 * The contract of a link kind's API driver (iproute2's link_util parse_opt, jsimonetti's
 * LinkDriver): a typed options object in, the kind's IFLA_INFO_DATA out, everything checked
 * before anything is sent. Devices the options name are resolved through `lookup`, after every
 * check. The options a driver lists are the only keys its kind accepts (checked at run time;
 * the `options` map is checked against the options type by the compiler).
 */
import type { LinkAttrs, LinkMessage } from '../../rtnl/link/index.js';
import type { Dev } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import type { NetnsTarget } from '../../netlink/index.js';
import type { LinkOptions, NetnsRef } from '../link-types.js';

/** Every key of O, mapped to true: a list the compiler holds complete and exact. */
export type OptionKeys<O> = { readonly [K in keyof O]-?: true };

/** What a driver may ask of the request being built. */
export interface KindBuild {
  /** 'add' builds a new link (RTM_NEWLINK + CREATE); 'set' a change (`ip link set ... type K`). */
  readonly op: 'add' | 'set';
  /** The kind being built (macvlan and macvtap share a driver). */
  readonly kind: string;
  /** Resolve `dev` to its ifindex after every check, and hand it to `set`. */
  lookup(dev: Dev, set: (index: number) => void): void;
  /** IFLA_NET_NS_FD / IFLA_NET_NS_PID for a namespace reference (an fd is closed after the request). */
  netns(ref: NetnsRef): Pick<LinkAttrs, 'netNsFd' | 'netNsPid'>;
  /** A nested link message (ifinfomsg + IFLA_*) from common link options: veth's peer. */
  linkMessage(options: Readonly<LinkOptions>, what: string): LinkMessage;
}

/**
 * One link kind's driver. O is the kind's options beside `name`, `type` and the common options;
 * D its IFLA_INFO_DATA as src/rtnl/link/kinds types it.
 */
export interface KindDriver<O extends object, D extends object> {
  /** Every option key of the kind. */
  readonly options: OptionKeys<O>;
  /**
   * A change (`link.set`) starts from the link's current IFLA_INFO_DATA, given to `build` as
   * `current`: ip's tunnels read it first and send every parameter, since the kernel rebuilds
   * the tunnel from what a change carries.
   */
  readonly changeFromCurrent?: true;
  /** IFLA_INFO_DATA from the options (undefined: none to send). Throws InvalidArgumentError. */
  build(o: Readonly<Partial<O>>, b: KindBuild, current?: Readonly<D>): D | undefined;
  /**
   * For a kind the kernel does not make through RTM_NEWLINK (tun and tap: ioctls on
   * /dev/net/tun): make the device named `name` (the kernel picks one when undefined) in
   * `netns` (the handle's; undefined: the caller's) from the kind's options, checked first;
   * returns its name. `ip.link.add` then applies the common options with one `ip.link.set`.
   */
  create?(o: Readonly<Partial<O>>, kind: string, name: string | undefined, netns: NetnsTarget | undefined): string;
}

/**
 * A port's driver (`ip link set dev X type bridge_slave ...`): IFLA_INFO_SLAVE_DATA of the
 * master's kind (the type without "_slave"), sent only as a change.
 */
export interface SlaveKindDriver<O extends object, D extends object> {
  readonly options: OptionKeys<O>;
  build(o: Readonly<Partial<O>>, b: KindBuild): D | undefined;
}

/** The options type of a driver. */
export type OptionsOf<T> = T extends KindDriver<infer O, object> ? O : T extends SlaveKindDriver<infer O, object> ? O : never;

/** A kind the kernel makes without options (dummy, ifb, ...). */
export const plainDriver: KindDriver<Record<never, never>, object> = { options: {}, build: () => undefined };

/** `o[key]` when creating, else InvalidArgumentError: "vlan needs id". */
export function required<O extends object, K extends keyof O>(o: Readonly<Partial<O>>, key: K, b: KindBuild, word = String(key)): O[K] | undefined {
  const v = o[key];
  if (v === undefined && b.op === 'add') throw new InvalidArgumentError(`a ${b.kind} link needs ${word}`, String(key));
  return v as O[K] | undefined;
}

/** Whether `o` gives any of a driver's options (ip sends a kind's data only when words follow `type K`). */
export function givesAny(o: object, options: object): boolean {
  return Object.entries(o).some(([k, v]) => v !== undefined && Object.prototype.hasOwnProperty.call(options, k));
}
