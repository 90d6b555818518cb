/**
 * The link kinds of the CLI: `type K` -> its words, printer and help (iproute2's link_util
 * list). Adding a kind is one plug file in this folder and one line here; each entry is checked
 * against the API's driver and the rtnl codec of the same kind.
 */
import type { KnownLinkKind, KnownSlaveKind } from '../../api/kinds/index.js';
import { renameProgram } from '../usage.js';
import { bondCli } from './bond.js';
import { bondSlaveCli } from './bond_slave.js';
import { bridgeCli } from './bridge.js';
import { bridgeSlaveCli } from './bridge_slave.js';
import { geneveCli } from './geneve.js';
import { erspanCli, greCli, gretapCli } from './gre.js';
import { ip6erspanCli, ip6greCli, ip6gretapCli } from './gre6.js';
import { ip6tnlCli } from './ip6tnl.js';
import { ipipCli, sitCli } from './iptnl.js';
import { ipvlanCli, ipvtapCli } from './ipvlan.js';
import { macvlanCli, macvtapCli } from './macvlan.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import type { Words } from '../words.js';
import type { CliKind, CliSlaveKind, KindWords, KindWordsEnv } from './plug.js';
import { tapCli, tunCli } from './tun.js';
import { vethCli } from './veth.js';
import { vlanCli } from './vlan.js';
import { vrfCli, vrfSlaveCli } from './vrf.js';
import { vti6Cli, vtiCli } from './vti.js';
import { vxlanCli } from './vxlan.js';

/** `type K` of `link add/set` and IFLA_INFO_KIND of `-d link show` -> the kind's plug. */
export const CLI_KINDS: { readonly [K in KnownLinkKind]: CliKind<K> } = {
  veth: vethCli,
  bridge: bridgeCli,
  vxlan: vxlanCli,
  geneve: geneveCli,
  // iproute2 6.1 has no wireguard link_util: no words, no details, no help of its own
  wireguard: {},
  macvlan: macvlanCli,
  macvtap: macvtapCli,
  vlan: vlanCli,
  ipvlan: ipvlanCli,
  ipvtap: ipvtapCli,
  vrf: vrfCli,
  bond: bondCli,
  dummy: { help: renameProgram('Usage: ... dummy\n') },
  ifb: { help: renameProgram('Usage: ... ifb\n') },
  nlmon: { help: renameProgram('Usage: ... nlmon\n') },
  gre: greCli,
  gretap: gretapCli,
  erspan: erspanCli,
  ip6gre: ip6greCli,
  ip6gretap: ip6gretapCli,
  ip6erspan: ip6erspanCli,
  tun: tunCli,
  tap: tapCli,
  ipip: ipipCli,
  sit: sitCli,
  ip6tnl: ip6tnlCli,
  vti: vtiCli,
  vti6: vti6Cli,
};

/** `type K_slave` of `link set` and IFLA_INFO_SLAVE_KIND + "_slave" of `-d link show`. */
export const CLI_SLAVE_KINDS: { readonly [K in KnownSlaveKind]: CliSlaveKind<K> } = {
  bridge_slave: bridgeSlaveCli,
  vrf_slave: vrfSlaveCli,
  bond_slave: bondSlaveCli,
};

export type { CliKind, CliSlaveKind, KindWords, KindWordsEnv } from './plug.js';

/** A plug with its kind erased (plug methods take their own kind's types; each one fits). */
export interface AnyCliKind {
  parse?(words: Words, env: KindWordsEnv): KindWords<object> | Promise<KindWords<object>>;
  print?(p: Printer, data: object, names: Names): void;
  readonly help?: string;
}

const has = <T extends object>(o: T, key: string): key is keyof T & string => Object.prototype.hasOwnProperty.call(o, key);

/** The plug of `type K` ("bridge_slave" included), or undefined for a kind rtnl-ts has none for. */
export function cliKind(type: string): AnyCliKind | undefined {
  if (has(CLI_SLAVE_KINDS, type)) { const plug: AnyCliKind = CLI_SLAVE_KINDS[type]; return plug; }
  if (has(CLI_KINDS, type)) { const plug: AnyCliKind = CLI_KINDS[type]; return plug; }
  return undefined;
}
