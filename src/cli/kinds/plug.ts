/**
 * The CLI side of a link kind (iproute2's link_util: parse_opt, print_opt, print_help): the
 * words after `type K` read into the kind's API options, its `-d` printer, its `link help K`
 * text. Typed by the API's driver (options) and the rtnl codec (data), so a plug that reads a
 * word into an option the driver lacks, or prints a field the codec lacks, does not compile.
 */
import type { IpRoute } from '../../api/iproute.js';
import type { KindOptions, KnownLinkKind, KnownSlaveKind, SlaveKindOptions } from '../../api/kinds/index.js';
import type { KnownKindData, KnownSlaveKindData } from '../../rtnl/link/index.js';
import type { Names } from '../names.js';
import type { Printer } from '../printer.js';
import type { Words } from '../words.js';

/** What a kind's words may need: the handle (to resolve device names as ip does) and the verb. */
export interface KindWordsEnv {
  readonly ip: IpRoute;
  /** `link add` or `link set` (`link set dev X type K ...`). */
  readonly op: 'add' | 'set';
  /** The kind named after `type` (macvlan and macvtap share a plug). */
  readonly kind: string;
}

/** What a kind's words became: its options in word order, and a warning ip prints (vxlan's dstport). */
export interface KindWords<O> {
  options: Partial<O>;
  warning?: string;
}

type DataOf<K extends string> = K extends keyof KnownKindData ? KnownKindData[K] : never;
type SlaveDataOf<K extends string> = K extends `${infer M}_slave` ? M extends keyof KnownSlaveKindData ? KnownSlaveKindData[M] : never : never;

/** A link kind's CLI plug. */
export interface CliKind<K extends KnownLinkKind> {
  /** Read every word after `type K` (the cursor is on the first; none are left after). */
  parse?(words: Words, env: KindWordsEnv): KindWords<KindOptions<K>> | Promise<KindWords<KindOptions<K>>>;
  /** Print IFLA_INFO_DATA under -d, text or JSON (iproute2's print_opt). */
  print?(p: Printer, data: DataOf<K>, names: Names): void;
  /** The `link help K` text (iproute2's usage of the kind, program named rtnl-ts). */
  readonly help?: string;
}

/** A port kind's CLI plug (`bridge_slave`): words of `link set`, and the port's printer. */
export interface CliSlaveKind<K extends KnownSlaveKind> {
  parse?(words: Words, env: KindWordsEnv): KindWords<SlaveKindOptions<K>> | Promise<KindWords<SlaveKindOptions<K>>>;
  print?(p: Printer, data: SlaveDataOf<K>, names: Names): void;
  readonly help?: string;
}
