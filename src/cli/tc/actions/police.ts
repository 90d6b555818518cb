/** The police action's printer (tc/m_police.c print_police). */
import { xmitsize } from '../../../api/tc/core.js';
import { TC_LINKLAYER_ETHERNET, TC_LINKLAYER_MASK, type PoliceOptions } from '../../../rtnl/tc/index.js';
import type { Printer } from '../../printer.js';
import type { TcPrintEnv } from '../context.js';
import { linklayerName, sprintRate, sprintSize } from '../units.js';
import { printControl, printTm } from './control.js';
import type { ActionPlug } from './plug.js';

/** print_size: JSON the number, text the size. */
function size(p: Printer, key: string | null, fmt: string, v: number): void {
  if (p.json) {
    if (key !== null) p.uint('json', key, null, v);
  } else p.text(fmt, sprintSize(v));
}

function print(p: Printer, o: PoliceOptions | undefined, env: TcPrintEnv): string | undefined {
  p.string('json', 'kind', '%s', 'police');
  if (!o) return undefined;
  const t = o.tbf;
  if (!t) return '[NULL police tbf]';
  const rate = o.rate64 ?? BigInt(t.rate.rate);
  p.hex('fp', null, ' police 0x%x ', t.index);
  p.uint('json', 'index', null, t.index);
  p.string('fp', null, 'rate %s ', sprintRate(rate, env.iec));
  size(p, null, 'burst %s ', xmitsize(env.psched, rate, t.burst));
  size(p, null, 'mtu %s ', t.mtu);
  if (env.raw) p.hex('fp', null, '[%08x] ', t.burst);
  const prate = o.peakrate64 ?? BigInt(t.peakrate.rate);
  if (prate) p.string('fp', null, 'peakrate %s ', sprintRate(prate, env.iec));
  if (o.avrate !== undefined) p.string('fp', null, 'avrate %s ', sprintRate(o.avrate, env.iec));
  if (o.pktrate64 !== undefined && o.pktburst64 !== undefined) {
    p.uint('any', 'pkts_rate', 'pkts_rate %llu ', o.pktrate64);
    p.uint('any', 'pkts_burst', 'pkts_burst %llu ', xmitsize(env.psched, o.pktrate64, Number(BigInt.asUintN(32, o.pktburst64))));
  }
  printControl(p, 'action ', t.action, '');
  if (o.result !== undefined) printControl(p, '/', o.result, ' ');
  else p.string('fp', null, ' ', null);
  size(p, 'overhead', 'overhead %s ', t.rate.overhead);
  const ll = t.rate.linklayer & TC_LINKLAYER_MASK;
  if (ll > TC_LINKLAYER_ETHERNET || env.details) p.string('any', 'linklayer', 'linklayer %s ', linklayerName(ll));
  p.nl();
  p.int('any', 'ref', '\tref %d ', t.refcnt);
  p.int('any', 'bind', 'bind %d ', t.bindcnt);
  if (env.stats && o.tm) printTm(p, o.tm);
  p.nl();
  return undefined;
}

export const policePlug: ActionPlug<'police'> = { print };
