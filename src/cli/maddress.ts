/**
 * `rtnl-ts maddress`: `show [ dev ] DEV` (also list, lst, and no verb) prints each device's
 * multicast addresses as iproute2 6.1's ipmaddr.c does, text (-o too) and JSON; `help`.
 * `add` and `del` (SIOCADDMULTI ioctls, not netlink) are refused.
 */
import type { MulticastAddress } from '../api/maddress.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure, duparg2 } from './errors.js';
import { familyColor, type Printer } from './printer.js';
import { renameProgram } from './usage.js';
import { matches, type Words } from './words.js';

export const MADDR_USAGE = renameProgram('Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n       ip maddr show [ dev STRING ]\n').replace(/\n$/, '');

/** print_maddr: one address, "\tinet  224.0.0.1 users 2". */
function printMaddr(p: Printer, m: MulticastAddress): void {
  p.string('fp', null, '\t', null);
  p.openObject();
  if (m.family === 'link') {
    p.string('fp', null, 'link  ', null);
    p.colorString('any', 'mac', 'link', '%s', m.address);
  } else {
    p.string('any', 'family', '%-5s ', m.family);
    p.colorString('any', familyColor(m.family), 'address', '%s', m.address);
  }
  if (m.users !== 1) p.uint('any', 'users', ' users %u', m.users);
  if (m.static) p.string('any', 'features', ' %s', 'static');
  p.string('fp', null, '\n', null);
  p.closeObject();
}

/** print_mlist: a header per device ("3:\tv0"), then its addresses. */
function printList(p: Printer, list: readonly MulticastAddress[], oneline: boolean): void {
  let cur = 0;
  p.begin();
  for (const m of list) {
    if (m.ifindex !== cur || oneline) {
      if (cur) {
        p.closeArray('json', null);
        p.closeObject();
      }
      p.openObject();
      p.uint('any', 'ifindex', '%d:', m.ifindex);
      p.colorString('any', 'ifname', 'ifname', '\t%s', m.ifname);
      p.nl();
      cur = m.ifindex;
      p.openArray('json', 'maddr');
    }
    printMaddr(p, m);
  }
  if (cur) {
    p.closeArray('json', null);
    p.closeObject();
  }
  p.end();
}

/** multiaddr_list: `[ dev ] NAME` (a name no device has lists nothing), `help`. */
async function show(ctx: CommandContext, words: Words): Promise<number> {
  let dev: string | undefined;
  for (; !words.done; words.skip()) {
    let w = words.cur;
    if (w === 'dev') w = words.next();
    else if (matches(w, 'help')) throw new CliExit(MADDR_USAGE);
    if (dev !== undefined) throw duparg2('dev', w);
    dev = w;
  }
  const ip = await ctx.ip();
  const family = ctx.g.family;
  const list = await ip.maddress.list({ ...(dev !== undefined ? { dev } : {}), ...(family !== undefined ? { family } : {}) });
  const p = ctx.printer();
  printList(p, list, ctx.g.oneline);
  ctx.flush(p);
  return 0;
}

const modify: Handler = async () => {
  throw new CliFailure('rtnl-ts: "maddress add/del" (SIOCADDMULTI/SIOCDELMULTI ioctls) is not supported by rtnl-ts', 1);
};
const help: Handler = async () => { throw new CliExit(MADDR_USAGE); };

/** The handlers of `rtnl-ts maddress VERB` (see commands.ts). */
export const handlers = { show, add: modify, del: modify, help } satisfies Handlers;
