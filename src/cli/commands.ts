/**
 * The one table of the `rtnl-ts` command: every object, in iproute2's order of precedence (an
 * abbreviation means the first object it matches: `a` is address, `l` link, `n` neighbor), and
 * for each its verbs, in ip's order of matching, each naming the handler that runs it (iproute2's
 * cmds[] of ip.c and each do_* function's verb chain). An object's module is loaded only when the
 * object is named, so start-up stays small. Objects rtnl-ts does not implement are listed so
 * that abbreviations mean what they mean in ip. Completion scripts are generated from this table.
 */
import type { CommandContext } from './context.js';
import type { Words } from './words.js';

/** A handler: runs the words after its verb, resolves with the exit status. */
export type Handler = (ctx: CommandContext, words: Words) => Promise<number>;

/** A module implementing an object: it exports its handlers by name as `handlers`. */
export type Handlers = Readonly<Record<string, Handler>>;

/** One verb: the keyword (abbreviations match it) and the handler's name in the module. */
export interface Verb {
  readonly word: string;
  /** A handler of the object's module, or 'unsupported' (a verb ip has and rtnl-ts refuses). */
  readonly run: string;
  /** Only the whole word matches (ip's `strcmp` verbs such as `chg`). */
  readonly exact?: boolean;
}

/** One object of a program. */
export interface CommandObject {
  readonly name: string;
  /** The module implementing it; null when rtnl-ts does not implement it. */
  readonly load: (() => Promise<Handlers>) | null;
  /** Its verbs in ip's order of matching; a word that matches none goes to `other`, else is unknown. */
  readonly verbs: readonly Verb[];
  /** The handler when no word follows the object. */
  readonly bare?: string;
  /** The handler of every word when no verb matches (monitor's groups), instead of an error. */
  readonly other?: string;
  /** Run before the verb with all the object's words (netns checks the name after the verb). */
  readonly guard?: string;
  /** How ip names the object in "try ... help" (`address`, `neigh`). */
  readonly helpName?: string;
}

/**
 * A verb row: `[word]` when the handler has the verb's name, `[word, handler]`, `[word,
 * 'unsupported']`, or `[word, handler, 'exact']`. The handler names are checked against the
 * module's `handlers` by the compiler.
 */
type Row<K extends string> = readonly [K] | readonly [string, K | 'unsupported'] | readonly [string, K, 'exact'];

interface ObjectSpec<K extends string> {
  readonly verbs?: readonly Row<K>[];
  readonly bare?: K;
  readonly other?: K;
  readonly guard?: K;
  readonly helpName?: string;
}

/** An implemented object: its module (loaded on first use) and its verbs, typed by the module. */
function object<H extends Handlers>(name: string, load: () => Promise<{ handlers: H }>, spec: ObjectSpec<keyof H & string>): CommandObject {
  return {
    name,
    load: () => load().then((m) => m.handlers),
    verbs: (spec.verbs ?? []).map((row) => ({ word: row[0], run: row[1] ?? row[0], ...(row[2] ? { exact: true } : {}) })),
    ...(spec.bare !== undefined ? { bare: spec.bare } : {}),
    ...(spec.other !== undefined ? { other: spec.other } : {}),
    ...(spec.guard !== undefined ? { guard: spec.guard } : {}),
    ...(spec.helpName !== undefined ? { helpName: spec.helpName } : {}),
  };
}

/** An object of ip's that rtnl-ts does not implement (kept so abbreviations mean what they mean in ip). */
const missing = (name: string): CommandObject => ({ name, load: null, verbs: [] });

const neighbor = (name: string): CommandObject => object(name, () => import('./neigh.js'), {
  bare: 'show', helpName: 'neigh',
  verbs: [['add'], ['change'], ['chg', 'change', 'exact'], ['replace'], ['delete', 'del'], ['get'], ['show'],
    ['lst', 'show'], ['list', 'show'], ['flush'], ['help']],
});

/** The objects of `rtnl-ts [OPTIONS] OBJECT ...` (ip/ip.c cmds[]). */
export const IP_OBJECTS: readonly CommandObject[] = [
  object('address', () => import('./addr.js'), {
    bare: 'show', helpName: 'address',
    verbs: [['add'], ['change'], ['chg', 'change', 'exact'], ['replace'], ['delete', 'del'], ['list', 'show'], ['show'],
      ['lst', 'show'], ['flush'], ['save', 'unsupported'], ['showdump', 'unsupported'], ['restore', 'unsupported'], ['help']],
  }),
  missing('addrlabel'),
  object('maddress', () => import('./maddress.js'), {
    bare: 'show', helpName: 'maddr',
    verbs: [['add'], ['delete', 'del'], ['list', 'show'], ['show'], ['lst', 'show'], ['help']],
  }),
  object('route', () => import('./route.js'), {
    bare: 'show', helpName: 'route',
    verbs: [['add'], ['change'], ['chg', 'change', 'exact'], ['replace'], ['prepend'], ['append'], ['delete', 'del'],
      ['list', 'show'], ['show'], ['lst', 'show'], ['get'], ['flush'], ['save', 'unsupported'], ['restore', 'unsupported'],
      ['showdump', 'unsupported'], ['test', 'unsupported'], ['help']],
  }),
  object('rule', () => import('./rule.js'), {
    bare: 'show', helpName: 'rule',
    verbs: [['list', 'show'], ['lst', 'show'], ['show'], ['save', 'unsupported'], ['restore', 'unsupported'], ['add'],
      ['delete', 'del'], ['flush'], ['help']],
  }),
  neighbor('neighbor'),
  neighbor('neighbour'),
  missing('ntable'),
  missing('ntbl'),
  object('link', () => import('./link.js'), {
    bare: 'show', helpName: 'link',
    verbs: [['add'], ['set'], ['change', 'set'], ['replace', 'unsupported'], ['delete', 'del'], ['show'], ['lst', 'show'],
      ['list', 'show'], ['xstats', 'unsupported'], ['afstats', 'unsupported'], ['property'], ['help']],
  }),
  ...['l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl'].map(missing),
  ...['tuntap', 'tap'].map((name) => object(name, () => import('./tuntap.js'), {
    bare: 'show', helpName: 'tuntap',
    verbs: [['add'], ['delete', 'del'], ['show'], ['lst', 'show'], ['list', 'show'], ['help']],
  })),
  ...['token', 'tcpmetrics', 'tcp_metrics'].map(missing),
  object('monitor', () => import('./monitor.js'), { bare: 'monitor', other: 'monitor' }),
  ...['xfrm', 'mroute', 'mrule'].map(missing),
  object('netns', () => import('./netns.js'), {
    bare: 'list', guard: 'checkName', helpName: 'netns',
    verbs: [['list'], ['show', 'list'], ['lst', 'list'], ['list-id', 'listId'], ['help'], ['add'], ['set'],
      ['delete', 'del'], ['identify'], ['pids'], ['exec'], ['monitor'], ['attach']],
  }),
  object('netconf', () => import('./netconf.js'), {
    bare: 'show', helpName: 'netconf',
    verbs: [['show'], ['lst', 'show'], ['list', 'show'], ['help']],
  }),
  ...['vrf', 'sr'].map(missing),
  object('nexthop', () => import('./nexthop.js'), {
    bare: 'show', helpName: 'nexthop',
    verbs: [['add'], ['replace'], ['delete', 'del'], ['list', 'show'], ['show'], ['lst', 'show'], ['get'], ['flush'],
      ['bucket', 'unsupported'], ['help']],
  }),
  ...['mptcp', 'ioam'].map(missing),
  object('help', () => import('./usage.js'), { bare: 'help', other: 'help' }),
  missing('stats'),
];

/** The object an (abbreviated) word names, in ip's order of precedence, or undefined. */
export function findObject(objects: readonly CommandObject[], word: string): CommandObject | undefined {
  return objects.find((o) => word.length > 0 && o.name.startsWith(word));
}

/** The verb an (abbreviated) word names in `obj`, or undefined. */
export function findVerb(obj: CommandObject, word: string): Verb | undefined {
  return obj.verbs.find((verb) => (verb.exact ? word === verb.word : word.length > 0 && verb.word.startsWith(word)));
}

/** What an option's argument is, for shell completion. */
export type OptionArg = 'netns' | 'family' | 'file' | 'number' | 'word';

/** An option of a program: its full name (abbreviations match it) and the argument it takes. */
export interface OptionWord {
  readonly name: string;
  readonly arg?: OptionArg;
}

/** What shell completion knows of a program: its options and its objects' verbs. */
export interface CompletionTree {
  readonly options: readonly OptionWord[];
  readonly objects: Readonly<Record<string, readonly string[]>>;
}

/**
 * ip's options in the order its parser tries them (main.ts parseOptions; a unit test keeps the
 * two in step), for completion.
 */
export const IP_OPTIONS: readonly OptionWord[] = [
  { name: '-loops', arg: 'number' }, { name: '-family', arg: 'family' }, { name: '-4' }, { name: '-6' }, { name: '-0' },
  { name: '-human-readable' }, { name: '-iec' }, { name: '-statistics' }, { name: '-details' }, { name: '-resolve' },
  { name: '-oneline' }, { name: '-timestamp' }, { name: '-tshort' }, { name: '-Version' }, { name: '-force' },
  { name: '-batch', arg: 'file' }, { name: '-brief' }, { name: '-json' }, { name: '-pretty' }, { name: '-color' },
  { name: '-help' }, { name: '-netns', arg: 'netns' }, { name: '-Numeric' }, { name: '-all' },
];

/** A program with its own options and objects, reached as `rtnl-ts PROGRAM ...`. */
export interface Program {
  /** Run the words after the program's name (its options, then OBJECT ...); resolves with the exit status. */
  main(args: readonly string[]): Promise<number>;
  /** Its options and objects for shell completion. */
  readonly completion?: CompletionTree;
}

/**
 * The programs beside ip's grammar, by the first word (exactly, before ip's options are read):
 * `rtnl-ts tc ...` and `rtnl-ts bridge ...` speak tc's and bridge's grammar, so a script's
 * `TC="rtnl-ts tc"` works. Each is loaded only when named.
 */
export const PROGRAMS: Readonly<Record<string, () => Promise<Program>>> = {
  tc: () => import('./tc/main.js'),
  bridge: () => import('./bridge/main.js'),
  completion: () => import('./completion.js'),
  topo: () => import('./topo.js'),
};
