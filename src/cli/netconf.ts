/**
 * `rtnl-ts netconf`: `show [ dev DEV ]` (also list, lst, and no verb) prints each device's IP
 * configuration as iproute2 6.1's ipnetconf.c does, text and JSON; `help`.
 */
import type { Netconf } from '../api/netconf.js';
import type { Handler, Handlers } from './commands.js';
import type { CommandContext } from './context.js';
import { CliExit, CliFailure } from './errors.js';
import type { NameCache } from './names.js';
import { Printer } from './printer.js';
import { nameToIndex } from './resolve.js';
import { linkNames } from './route.js';
import { renameProgram } from './usage.js';
import type { Words } from './words.js';

export const NETCONF_USAGE = renameProgram('Usage: ip netconf show [ dev STRING ]\n').replace(/\n$/, '');

/** print_netconf: "inet v0 forwarding on rp_filter loose ..." */
function printNetconf(p: Printer, n: Netconf, names: NameCache): void {
  p.openObject();
  p.string('any', 'family', '%s ', typeof n.family === 'number' ? '???' : n.family);
  if (n.raw.attrs.ifindex !== undefined) {
    p.colorString('any', 'ifname', 'interface', '%s ', typeof n.ifindex === 'number' ? names.name(n.ifindex) : n.ifindex);
  }
  if (n.forwarding !== undefined) p.onOff('any', 'forwarding', 'forwarding %s ', n.forwarding);
  if (n.rpFilter !== undefined) {
    if (typeof n.rpFilter === 'string') p.string('any', 'rp_filter', 'rp_filter %s ', n.rpFilter);
    else p.uint('any', 'rp_filter', 'rp_filter %u ', n.rpFilter);
  }
  if (n.mcForwarding !== undefined) p.onOff('any', 'mc_forwarding', 'mc_forwarding %s ', n.mcForwarding);
  if (n.proxyNeigh !== undefined) p.onOff('any', 'proxy_neigh', 'proxy_neigh %s ', n.proxyNeigh);
  if (n.ignoreRoutesWithLinkdown !== undefined) p.onOff('any', 'ignore_routes_with_linkdown', 'ignore_routes_with_linkdown %s ', n.ignoreRoutesWithLinkdown);
  if (n.input !== undefined) p.onOff('any', 'input', 'input %s ', n.input);
  p.closeObject();
  p.string('fp', null, '\n', null);
}

/**
 * do_show: `dev DEV` (other words are passed over, as ip does). With a family and a device,
 * one entry asked for by itself (ip prints it as text even under -j); otherwise a dump.
 */
async function show(ctx: CommandContext, words: Words): Promise<number> {
  const ip = await ctx.ip();
  let index = 0;
  for (; !words.done; words.skip()) {
    if (words.cur !== 'dev') continue;
    const name = words.next();
    index = await nameToIndex(ip, name);
    if (index <= 0) throw new CliFailure(`Device "${name}" does not exist.`, 1);
  }
  const names = await linkNames(ip);
  const family = ctx.g.family;
  if (family === 'link') {
    // AF_PACKET keeps no netconf: the dump answers nothing.
    const p = ctx.printer();
    p.begin();
    p.end();
    ctx.flush(p);
    return 0;
  }
  if (index && family !== undefined) {
    const p = new Printer({ json: false, pretty: false, oneline: ctx.g.oneline, color: ctx.palette });
    printNetconf(p, await ip.netconf.get(family, index), names);
    ctx.flush(p);
    return 0;
  }
  const list = await ip.netconf.list(family !== undefined ? { family } : {});
  const p = ctx.printer();
  p.begin();
  for (const n of list) if (!index || n.ifindex === index) printNetconf(p, n, names);
  p.end();
  ctx.flush(p);
  return 0;
}

const help: Handler = async () => { throw new CliExit(NETCONF_USAGE); };

/** The handlers of `rtnl-ts netconf VERB` (see commands.ts). */
export const handlers = { show, help } satisfies Handlers;
