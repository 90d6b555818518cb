/**
 * `rtnl-ts bridge vlan add/del`: bridge/vlan.c's vlan_modify words, checks and messages; the
 * request is ip.bridge.vlan's. `show`, `tunnelshow`, `set`, `global` and `tunnel_info` are not
 * supported yet.
 */
import type { BridgeVlanSpec } from '../../api/bridge-vlan.js';
import { CliExit, CliFailure } from '../errors.js';
import { matches, type Words } from '../words.js';
import { atoi, type BridgeContext } from './context.js';

const fail = (msg: string): CliFailure => new CliFailure(msg, 255);
const short = (v: number): number => (v << 16) >> 16;
const notYet = (what: string): CliExit => new CliExit(`rtnl-ts: "bridge vlan ${what}" is not supported by rtnl-ts yet`, 1);

/** vlan_modify. */
async function modify(ctx: BridgeContext, w: Words, del: boolean): Promise<number> {
  let dev: string | undefined;
  let vid = -1;
  let vidEnd = -1;
  let range = false;
  const s: Partial<BridgeVlanSpec> = {};
  for (; !w.done; w.skip()) {
    const word = w.cur;
    if (word === 'dev') dev = w.next();
    else if (word === 'vid') {
      const v = w.next();
      const dash = v.indexOf('-');
      if (dash >= 0) {
        vid = short(atoi(v.slice(0, dash)));
        vidEnd = short(atoi(v.slice(dash + 1)));
        range = true;
      } else vid = short(atoi(v));
    } else if (word === 'self') s.self = true;
    else if (word === 'master') s.master = true;
    else if (word === 'pvid') s.pvid = true;
    else if (word === 'untagged') s.untagged = true;
    else if (word === 'tunnel_info') throw notYet('... tunnel_info');
    else if (matches(word, 'help')) w.next();
  }
  if (dev === undefined || vid === -1) throw fail('Device and VLAN ID are required arguments.');
  if (!(await ctx.index(dev))) throw fail(`Cannot find bridge device "${dev}"`);
  const u16 = (v: number): number => v & 0xffff;
  if (vid >= 4096) throw fail(`Invalid VLAN ID "${u16(vid)}"`);
  if (range) {
    if (vidEnd === -1 || vidEnd >= 4096 || vid >= vidEnd) throw fail(`Invalid VLAN range "${u16(vid)}-${u16(vidEnd)}"`);
    if (s.pvid) throw fail('pvid cannot be configured for a vlan range');
  }
  const spec: BridgeVlanSpec = { ...s, dev, vid: u16(vid), ...(range ? { vidEnd } : {}) };
  const ip = await ctx.ip();
  await (del ? ip.bridge.vlan.del(spec) : ip.bridge.vlan.add(spec));
  return 0;
}

/** do_vlan: the verbs of `bridge vlan` (add and delete so far). */
export async function doVlan(ctx: BridgeContext, w: Words): Promise<number> {
  if (w.done) throw notYet('show');
  const verb = w.cur;
  w.skip();
  if (matches(verb, 'add')) return modify(ctx, w, false);
  if (matches(verb, 'delete')) return modify(ctx, w, true);
  for (const v of ['show', 'lst', 'list', 'tunnelshow', 'set']) if (matches(verb, v)) throw notYet(v);
  if (verb === 'global') throw notYet('global');
  if (matches(verb, 'help')) throw notYet('help');
  throw new CliExit(`Command "${verb}" is unknown, try "bridge vlan help".`);
}
