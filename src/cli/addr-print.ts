/**
 * `printAddress(printer, address)`: one Address as `ip addr show` prints it (print_addrinfo in
 * ip/ipaddress.c): family, local [peer]/len, brd, scope, flags, label and lifetimes, in text,
 * `-o`, `-br` or JSON, one printer call per field.
 */
import type { Address } from '../rtnl/addr/index.js';
import { familyColor, type Printer } from './printer.js';

const AF_INET = 2;
const AF_INET6 = 10;
const IFA_F_SECONDARY = 0x01;
const IFA_F_DEPRECATED = 0x20;
const IFA_F_PERMANENT = 0x80;
const INFINITY_LIFE_TIME = 0xffffffff;

/** ifa_flag_data: iproute2's table of address flag words, in print order ("temporary" shares SECONDARY). */
const FLAG_WORDS: readonly [string, number][] = [
  ['secondary', 0x01], ['temporary', 0x01], ['nodad', 0x02], ['optimistic', 0x04], ['dadfailed', 0x08],
  ['home', 0x10], ['deprecated', 0x20], ['tentative', 0x40], ['permanent', 0x80], ['mngtmpaddr', 0x100],
  ['noprefixroute', 0x200], ['autojoin', 0x400], ['stable-privacy', 0x800],
];

/** The IFA_F_* mask of a flag word, or undefined (lookup_flag_data_by_name). */
export function addrFlagMask(word: string): number | undefined {
  return FLAG_WORDS.find(([w]) => w === word)?.[1];
}

/** How addresses are shown. */
export interface AddrPrintOptions {
  brief: boolean;
  /** -o: each address on its own line prefixed "N: dev". */
  oneline: boolean;
  deleted?: boolean;
}

function familyText(family: number): string | undefined {
  switch (family) {
    case AF_INET: return 'inet';
    case AF_INET6: return 'inet6';
    case 17: return 'link';
    case 28: return 'mpls';
    case 7: return 'bridge';
    default: return undefined;
  }
}

/** print_ifa_flags: "dynamic ", "secondary ", ..., then leftover bits as "flags %02x ". */
function printFlags(p: Printer, family: number, flags: number): void {
  let rest = flags >>> 0;
  for (const [word, mask] of FLAG_WORDS) {
    if (mask === IFA_F_PERMANENT) {
      if (!(flags & mask)) p.bool('any', 'dynamic', 'dynamic ', true);
    } else if (rest & mask) {
      if (mask === IFA_F_SECONDARY && family === AF_INET6) {
        p.bool('any', 'temporary', 'temporary ', true);
      } else {
        p.string('fp', null, '%s ', word);
        p.bool('json', word, null, true);
      }
    }
    rest = (rest & ~mask) >>> 0;
  }
  if (rest) {
    if (p.json) p.string('json', 'ifa_flags', null, rest.toString(16).padStart(2, '0'));
    else p.text('flags %02x ', rest);
  }
}

/**
 * Print one address. `devName` is needed with -o (the "N: dev" prefix). The caller has already
 * applied the filters; JSON callers wrap it in an object.
 */
export function printAddress(p: Printer, a: Address, o: Readonly<AddrPrintOptions>, devName: string): void {
  const h = a.raw.header;
  const attrs = a.raw.attrs;
  const flags = attrs.flags ?? h.flags;
  const local = attrs.local ?? attrs.address;
  const peer = attrs.address ?? attrs.local;
  if (o.deleted) p.bool('any', 'deleted', 'Deleted ', true);
  if (!o.brief) {
    if (o.oneline) {
      if (p.json) {
        p.int('json', 'index', null, h.index);
        p.string('json', 'dev', null, devName);
      } else {
        p.text('%u: %s', h.index, devName);
      }
    }
    const fam = familyText(h.family);
    if (fam !== undefined) p.string('any', 'family', '    %s ', fam);
    else p.int('any', 'family_index', '    family %d ', h.family);
  }
  if (local !== undefined) {
    p.colorString('any', familyColor(h.family), 'local', '%s', local);
    if (peer !== undefined && peer !== local) {
      p.string('fp', null, ' %s ', 'peer');
      p.colorString('any', familyColor(h.family), 'address', '%s', peer);
    }
    p.int('any', 'prefixlen', '/%d ', h.prefixlen);
    if (attrs.rtPriority !== undefined) p.uint('any', 'metric', 'metric %u ', attrs.rtPriority);
  }
  if (o.brief) return;
  if (attrs.broadcast !== undefined) {
    p.string('fp', null, '%s ', 'brd');
    p.colorString('any', familyColor(h.family), 'broadcast', '%s ', attrs.broadcast);
  }
  if (attrs.anycast !== undefined) {
    p.string('fp', null, '%s ', 'any');
    p.colorString('any', familyColor(h.family), 'anycast', '%s ', attrs.anycast);
  }
  p.string('any', 'scope', 'scope %s ', a.scope);
  printFlags(p, h.family, flags);
  if (attrs.label !== undefined) p.string('any', 'label', '%s', attrs.label);
  const ci = attrs.cacheinfo;
  if (ci) {
    p.nl();
    p.string('fp', null, '       valid_lft ', null);
    if (ci.valid === INFINITY_LIFE_TIME) {
      p.uint('json', 'valid_life_time', null, INFINITY_LIFE_TIME);
      p.string('fp', null, '%s', 'forever');
    } else {
      p.uint('any', 'valid_life_time', '%usec', ci.valid);
    }
    p.string('fp', null, ' preferred_lft ', null);
    if (ci.preferred === INFINITY_LIFE_TIME) {
      p.uint('json', 'preferred_life_time', null, INFINITY_LIFE_TIME);
      p.string('fp', null, '%s', 'forever');
    } else if (flags & IFA_F_DEPRECATED) {
      p.int('any', 'preferred_life_time', '%dsec', ci.preferred | 0);
    } else {
      p.uint('any', 'preferred_life_time', '%usec', ci.preferred);
    }
  }
  p.string('fp', null, '%s', '\n');
}
