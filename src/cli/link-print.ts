/**
 * `printLink(printer, link)`: one Link as `ip link show` / `ip addr show` print it
 * (print_linkinfo in ip/ipaddress.c), in text, `-o`, `-br` or JSON, with `-d` details and `-s`
 * counters. Every field is one printer call, so text and JSON say the same thing.
 */
import { ipToString } from '../rtnl/common.js';
import type { Link } from '../rtnl/link/index.js';
import { sprintf } from './format.js';
import { cliKind } from './kinds/index.js';
import { printStats64 } from './link-stats.js';
import { groupName, type Names } from './names.js';
import { familyColor, operstateColor, type Printer } from './printer.js';

const IFF_UP = 1 << 0;
const IFF_POINTOPOINT = 1 << 4;

/** How the link is shown: the global switches and whether this is `ip link` or `ip addr`. */
export interface LinkPrintOptions {
  details: number;
  stats: number;
  brief: boolean;
  human: boolean;
  iec: boolean;
  /** `ip link` (true) or `ip addr` (false): link mode, addrgenmode and counters differ. */
  doLink: boolean;
  /** The family filter: 'link' for `ip link`, else -4/-6 or undefined. */
  family: 'inet' | 'inet6' | 'link' | undefined;
  /** RTM_DELLINK (monitor): prefix "Deleted ". */
  deleted?: boolean;
}

const OPER_STATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
const XDP_ATTACHED_NONE = 0;
const XDP_ATTACHED_DRV = 1;
const XDP_ATTACHED_SKB = 2;
const XDP_ATTACHED_HW = 3;
const XDP_ATTACHED_MULTI = 4;

/** The ifi_flags list "<...> " (print_link_flags), M-DOWN when the lower device is down. */
export function printLinkFlags(p: Printer, link: Link, mdown: boolean): void {
  p.openArray('any', p.json ? 'flags' : '<');
  const words = link.flags;
  words.forEach((w, i) => p.string('any', null, i < words.length - 1 ? '%s,' : '%s', w));
  if (mdown) p.string('any', null, ',%s', 'M-DOWN');
  p.closeArray('any', '> ');
}

/** The operational state (print_operstate): "state UP " or, with -br, a 14-wide column. */
function printOperstate(p: Printer, state: number, brief: boolean): void {
  const name = OPER_STATES[state];
  if (name === undefined) {
    if (p.json) p.uint('json', 'operstate_index', null, state);
    else p.text('state %#llx', state);
  } else if (brief) {
    p.colorString('any', operstateColor(state), 'operstate', '%-14s ', name);
  } else {
    p.string('json', 'operstate', null, name);
    p.text('state ');
    p.colorText(operstateColor(state), '%s ', name);
  }
}

/**
 * The name with its lower device, "veth0@veth1" or "veth0@if7" (print_name_and_link); JSON puts
 * the lower device in "link" (or "link_index" across namespaces). Returns whether the lower
 * device is down (M-DOWN).
 */
export function printNameAndLink(p: Printer, fmt: string, link: Link, names: Names): boolean {
  let name = link.ifname;
  let mdown = false;
  const iflink = link.link;
  if (iflink !== undefined) {
    let lower: string | null = null;
    if (iflink) {
      if (link.linkNetnsid !== undefined) {
        if (p.json) p.int('json', 'link_index', null, iflink);
        else lower = `if${iflink}`;
      } else {
        lower = names.name(iflink);
        if (p.json) {
          p.string('json', 'link', null, lower);
          lower = null;
        }
        const flags = names.flags(iflink);
        mdown = flags !== undefined && !(flags & IFF_UP);
      }
    } else if (p.json) {
      p.null('json', 'link', null, null);
    } else {
      lower = 'NONE';
    }
    if (lower !== null) name = `${name}@${lower}`;
  }
  p.colorString('any', 'ifname', 'ifname', fmt, name);
  return mdown;
}

function hexString(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** xdp_dump without program details (rtnl-ts reads no BPF program info). */
function printXdp(p: Printer, link: Link, doLink: boolean, details: boolean): void {
  const xdp = link.raw.attrs.xdp;
  if (!xdp || xdp.attached === undefined || xdp.attached === XDP_ATTACHED_NONE) return;
  const mode = xdp.attached;
  if (p.json) {
    if (details) return;
    p.openObject('xdp');
    p.uint('json', 'mode', null, mode);
    p.openArray('json', 'attached');
    const one = (id: number | undefined, m: number): void => {
      if (id === undefined) return;
      p.openObject();
      p.uint('json', 'mode', null, m);
      p.closeObject();
    };
    if (xdp.skbProgId !== undefined || xdp.drvProgId !== undefined || xdp.hwProgId !== undefined) {
      one(xdp.skbProgId, XDP_ATTACHED_SKB);
      one(xdp.drvProgId, XDP_ATTACHED_DRV);
      one(xdp.hwProgId, XDP_ATTACHED_HW);
    } else {
      one(xdp.progId, mode);
    }
    p.closeArray('json', null);
    p.closeObject();
    return;
  }
  let t = '';
  if (!(details && doLink)) {
    t = mode === XDP_ATTACHED_DRV ? 'xdp' : mode === XDP_ATTACHED_SKB ? 'xdpgeneric' : mode === XDP_ATTACHED_HW ? 'xdpoffload'
      : mode === XDP_ATTACHED_MULTI ? 'xdpmulti' : `xdp[${mode}]`;
  }
  const prog = (id: number | undefined, isMain: boolean, pfx: string): void => {
    if (id === undefined) return;
    if (!details) {
      if (id && !doLink && isMain) t += `/id:${id}`;
      return;
    }
    if (id) t += `${p.sl}    prog/xdp${pfx} id ${id} `;
  };
  prog(xdp.progId, true, '');
  if (mode === XDP_ATTACHED_MULTI) {
    prog(xdp.skbProgId, false, 'generic');
    prog(xdp.drvProgId, false, 'drv');
    prog(xdp.hwProgId, false, 'offload');
  }
  if (!details || !doLink) t += ' ';
  p.text(t);
}

/** IFLA_LINKINFO under -d (print_linktype): kind, kind data, slave kind, port data. */
function printLinkType(p: Printer, link: Link, names: Names): void {
  const li = link.linkinfo;
  if (!li) return;
  p.openObject('linkinfo');
  if (li.kind !== undefined) {
    p.nl();
    p.string('any', 'info_kind', '    %s ', li.kind);
    const plug = cliKind(li.kind);
    if (plug?.print) {
      p.openObject('info_data');
      if (li.data !== undefined && !(li.data instanceof Uint8Array)) plug.print(p, li.data, names);
      p.closeObject();
    }
  }
  if (li.slaveKind !== undefined) {
    p.nl();
    p.string('any', 'info_slave_kind', '    %s_slave ', li.slaveKind);
    const plug = cliKind(`${li.slaveKind}_slave`);
    if (plug?.print) {
      p.openObject('info_slave_data');
      if (li.slaveData !== undefined && !(li.slaveData instanceof Uint8Array)) plug.print(p, li.slaveData, names);
      p.closeObject();
    }
  }
  p.closeObject();
}

/** The IPv6 address generation mode under -d (print_af_spec). */
function printAfSpec(p: Printer, link: Link): void {
  const mode = link.raw.attrs.afSpec?.inet6?.addrGenMode;
  if (mode === undefined) return;
  const words = ['eui64', 'none', 'stable_secret', 'random'];
  p.string('any', 'inet6_addr_gen_mode', 'addrgenmode %s ', words[mode] ?? sprintf('%#.2hhx', mode));
}

/** The counters block (__print_link_stats): "stats64", or "stats" for the 32-bit struct. */
export function printLinkStats(p: Printer, link: Link, o: Readonly<LinkPrintOptions>): void {
  if (!link.stats64) return;
  const key = link.raw.attrs.stats64 ? 'stats64' : 'stats';
  printStats64(p, link.stats64, link.raw.attrs.carrierChanges, key, o);
}

/** The -br line's link part (print_linkinfo_brief). */
function printLinkBrief(p: Printer, link: Link, o: Readonly<LinkPrintOptions>, names: Names): void {
  const mdown = printNameAndLink(p, '%-16s ', link, names);
  if (link.raw.attrs.operstate !== undefined) printOperstate(p, link.raw.attrs.operstate, true);
  if (o.family === 'link') {
    if (link.address !== undefined) p.colorString('any', 'mac', 'address', '%s ', link.address);
    printLinkFlags(p, link, mdown);
    p.string('fp', null, '%s', '\n');
  }
}

/** Print one link: the `ip link show` / `ip addr show` header lines of one device. */
export function printLink(p: Printer, link: Link, o: Readonly<LinkPrintOptions>, names: Names): void {
  const a = link.raw.attrs;
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  if (o.brief) {
    printLinkBrief(p, link, o, names);
    return;
  }
  p.int('any', 'ifindex', '%d: ', link.ifindex);
  const mdown = printNameAndLink(p, '%s: ', link, names);
  printLinkFlags(p, link, mdown);
  if (link.mtu !== undefined) p.int('any', 'mtu', 'mtu %u ', link.mtu);
  if (a.xdp) printXdp(p, link, o.doLink, false);
  if (link.qdisc !== undefined) p.string('any', 'qdisc', 'qdisc %s ', link.qdisc);
  if (link.master !== undefined) p.string('any', 'master', 'master %s ', names.name(link.master));
  if (a.operstate !== undefined) printOperstate(p, a.operstate, false);
  if (o.doLink && a.linkmode !== undefined) {
    const mode = ['DEFAULT', 'DORMANT'][a.linkmode];
    if (mode === undefined) p.int('any', 'linkmode_index', 'mode %d ', a.linkmode);
    else p.string('any', 'linkmode', 'mode %s ', mode);
  }
  if (link.group !== undefined) p.string('any', 'group', 'group %s ', groupName(link.group));
  if (link.txqlen) p.int('any', 'txqlen', 'qlen %d', link.txqlen | 0);
  if (a.event !== undefined) {
    const events = ['NONE', 'REBOOT', 'FEATURE CHANGE', 'BONDING FAILOVER', 'NOTIFY PEERS', 'RESEND IGMP', 'BONDING OPTION'];
    const ev = events[a.event];
    if (ev === undefined) p.int('any', 'event', 'event %d ', a.event);
    else if (a.event) p.string('any', 'event', 'event %s ', ev);
  }
  if (!o.family || o.family === 'link' || o.details) {
    p.nl();
    const type = typeof link.linkType === 'number' ? `[${link.linkType}]` : link.linkType;
    p.string('any', 'link_type', '    link/%s ', type);
    if (link.address !== undefined) p.colorString('any', 'mac', 'address', '%s', llText(type, link.address));
    if (link.broadcast !== undefined) {
      if (link.ifiFlags & IFF_POINTOPOINT) {
        p.string('fp', null, ' peer ', null);
        p.bool('json', 'link_pointtopoint', null, true);
      } else {
        p.string('fp', null, ' brd ', null);
      }
      p.colorString('any', 'mac', 'broadcast', '%s', llText(type, link.broadcast));
    }
    if (link.permAddress !== undefined && link.permAddress !== link.address) {
      p.string('fp', null, ' permaddr ', null);
      p.colorString('any', 'mac', 'permaddr', '%s', llText(type, link.permAddress));
    }
  }
  if (link.linkNetnsid !== undefined) {
    const id = link.linkNetnsid;
    if (p.json) p.int('json', 'link_netnsid', null, id);
    else if (id >= 0) {
      const name = names.nsidName(id);
      if (name !== undefined) p.string('fp', null, ' link-netns %s', name);
      else p.int('fp', null, ' link-netnsid %d', id);
    } else {
      p.string('fp', null, ' link-netnsid %s', 'unknown');
    }
  }
  if (a.newNetnsid !== undefined) {
    const name = names.nsidName(a.newNetnsid);
    if (name !== undefined) p.string('fp', null, ' new-netns %s', name);
    else p.int('fp', null, ' new-netnsid %d', a.newNetnsid);
  }
  if (a.newIfindex !== undefined) p.int('fp', null, ' new-ifindex %d', a.newIfindex);
  if (a.protoDown !== undefined) printProtoDown(p, link);
  if (o.details) {
    const u = (key: string, fmt: string, v: number | undefined): void => {
      if (v !== undefined) p.uint('any', key, fmt, v);
    };
    u('promiscuity', ' promiscuity %u ', link.promiscuity);
    u('allmulti', ' allmulti %u ', link.allmulti);
    u('min_mtu', 'minmtu %u ', link.minMtu);
    u('max_mtu', 'maxmtu %u ', link.maxMtu);
    printLinkType(p, link, names);
    if (o.doLink && a.afSpec) printAfSpec(p, link);
    u('num_tx_queues', 'numtxqueues %u ', link.numTxQueues);
    u('num_rx_queues', 'numrxqueues %u ', link.numRxQueues);
    u('gso_max_size', 'gso_max_size %u ', link.gsoMaxSize);
    u('gso_max_segs', 'gso_max_segs %u ', link.gsoMaxSegs);
    u('tso_max_size', 'tso_max_size %u ', link.tsoMaxSize);
    u('tso_max_segs', 'tso_max_segs %u ', link.tsoMaxSegs);
    u('gro_max_size', 'gro_max_size %u ', link.groMaxSize);
    if (a.physPortName !== undefined) p.string('any', 'phys_port_name', 'portname %s ', a.physPortName);
    if (a.physPortId !== undefined) p.string('any', 'phys_port_id', 'portid %s ', hexString(a.physPortId));
    if (a.physSwitchId !== undefined) p.string('any', 'phys_switch_id', 'switchid %s ', hexString(a.physSwitchId));
    if (link.parentBusName !== undefined) p.string('any', 'parentbus', 'parentbus %s ', link.parentBusName);
    if (link.parentDevName !== undefined) p.string('any', 'parentdev', 'parentdev %s ', link.parentDevName);
  }
  if ((o.doLink || o.details) && link.ifalias !== undefined) {
    p.string('fp', null, '%s    ', p.sl);
    p.string('any', 'ifalias', 'alias %s', link.ifalias);
  }
  if ((o.doLink || o.details) && a.xdp) printXdp(p, link, true, true);
  if (o.doLink && o.stats) {
    p.nl();
    printLinkStats(p, link, o);
  }
  if (a.propList) {
    p.openArray('json', 'altnames');
    for (const alt of link.altnames ?? []) {
      p.string('fp', null, '%s    altname ', p.sl);
      p.string('any', null, '%s', alt);
    }
    p.closeArray('json', null);
  }
  p.string('fp', null, '%s', '\n');
}

const PROTODOWN_REASONS = new Map<number, string>();

function printProtoDown(p: Printer, link: Link): void {
  const a = link.raw.attrs;
  if (a.protoDown) p.bool('any', 'proto_down', ' protodown on ', true);
  const reason = a.protoDownReason?.value;
  if (reason === undefined || reason === 0) return;
  p.openArray('any', p.json ? 'proto_down_reason' : 'protodown_reason <');
  let first = true;
  for (let i = 0, r = reason >>> 0; r; i++, r >>>= 1) {
    if (!(r & 1)) continue;
    p.string('any', null, first ? '%s' : ',%s', PROTODOWN_REASONS.get(i) ?? String(i));
    first = false;
  }
  p.closeArray('any', '>');
}

/**
 * ll_addr_n2a: an IPv4 tunnel's 4-byte link-layer address (ipip, sit, gre) and an IPv6 tunnel's
 * 16-byte one (tunnel6, gre6) are printed as IP addresses; every other one as hex bytes.
 */
function llText(type: string, addr: string): string {
  const hex = addr.split(':');
  const v4 = hex.length === 4 && (type === 'ipip' || type === 'sit' || type === 'gre');
  const v6 = hex.length === 16 && (type === 'tunnel6' || type === 'gre6');
  return v4 || v6 ? ipToString(Uint8Array.from(hex, (h) => parseInt(h, 16))) : addr;
}
