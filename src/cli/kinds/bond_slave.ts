/**
 * `type bond_slave` words (ip/iplink_bond_slave.c bond_slave_parse_opt) and the `-d` details of a
 * device enslaved to a bond (bond_slave_print_opt).
 */
import type { BondPortOptions } from '../../api/kinds/index.js';
import {
  LACP_STATE_AGGREGATION, LACP_STATE_COLLECTING, LACP_STATE_DEFAULTED, LACP_STATE_DISTRIBUTING, LACP_STATE_EXPIRED,
  LACP_STATE_LACP_ACTIVITY, LACP_STATE_LACP_TIMEOUT, LACP_STATE_SYNCHRONIZATION, type BondPortInfo,
} from '../../rtnl/link/index.js';
import { CliFailure, invarg } from '../errors.js';
import { parseInteger, parseUnsigned } from '../numbers.js';
import type { Printer } from '../printer.js';
import { renameProgram } from '../usage.js';
import { matches, type Words } from '../words.js';
import type { CliSlaveKind, KindWords } from './plug.js';

const HELP = renameProgram('Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ]\n');
const explain = (): string => HELP.replace(/\n$/, '');

function parseBondSlave(words: Words): KindWords<BondPortOptions> {
  const r: KindWords<BondPortOptions>['options'] = {};
  for (; !words.done; words.skip()) {
    const w = words.cur;
    if (matches(w, 'queue_id')) {
      const v = words.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('queue_id is invalid', v);
      r.queueId = n;
    } else if (w === 'prio') {
      const v = words.next();
      const n = parseInteger(v);
      if (n === undefined) throw invarg('prio is invalid', v);
      r.prio = n;
    } else {
      throw new CliFailure(matches(w, 'help') ? explain() : `bond_slave: unknown option "${w}"?\n${explain()}`, 1);
    }
  }
  return { options: r };
}

const STATES = ['ACTIVE', 'BACKUP'];
const MII_STATUS = ['UP', 'GOING_DOWN', 'DOWN', 'GOING_BACK'];
const LACP_STATES: readonly [number, string][] = [
  [LACP_STATE_LACP_ACTIVITY, 'active'], [LACP_STATE_LACP_TIMEOUT, 'short_timeout'], [LACP_STATE_AGGREGATION, 'aggregating'],
  [LACP_STATE_SYNCHRONIZATION, 'in_sync'], [LACP_STATE_COLLECTING, 'collecting'], [LACP_STATE_DISTRIBUTING, 'distributing'],
  [LACP_STATE_DEFAULTED, 'defaulted'], [LACP_STATE_EXPIRED, 'expired'],
];

/** print_slave_oper_state: the LACP_STATE_* words, " <a,b> " in text (after the array's name, as ip prints it). */
function printOperState(p: Printer, key: string, state: number): void {
  p.openArray('any', key);
  p.string('fp', null, ' <', null);
  let rest = state;
  for (const [bit, word] of LACP_STATES) {
    if (!(rest & bit)) continue;
    rest &= ~bit;
    p.string('any', null, rest ? '%s,' : '%s', word);
  }
  p.closeArray('any', '> ');
}

function printBondSlave(p: Printer, d: BondPortInfo): void {
  if (d.state !== undefined) {
    const s = STATES[d.state];
    if (s === undefined) p.int('any', 'state_index', 'state %d ', d.state);
    else p.string('any', 'state', 'state %s ', s);
  }
  if (d.miiStatus !== undefined) {
    const s = MII_STATUS[d.miiStatus];
    if (s === undefined) p.int('any', 'mii_status_index', 'mii_status %d ', d.miiStatus);
    else p.string('any', 'mii_status', 'mii_status %s ', s);
  }
  if (d.linkFailureCount !== undefined) p.int('any', 'link_failure_count', 'link_failure_count %d ', d.linkFailureCount | 0);
  if (d.permHwaddr !== undefined) p.string('any', 'perm_hwaddr', 'perm_hwaddr %s ', d.permHwaddr);
  if (d.queueId !== undefined) p.int('any', 'queue_id', 'queue_id %d ', d.queueId);
  if (d.prio !== undefined) p.int('any', 'prio', 'prio %d ', d.prio);
  if (d.adAggregatorId !== undefined) p.int('any', 'ad_aggregator_id', 'ad_aggregator_id %d ', d.adAggregatorId);
  if (d.adActorOperPortState !== undefined) {
    p.int('any', 'ad_actor_oper_port_state', 'ad_actor_oper_port_state %d ', d.adActorOperPortState);
    printOperState(p, 'ad_actor_oper_port_state_str', d.adActorOperPortState);
  }
  if (d.adPartnerOperPortState !== undefined) {
    // ip reads the u16 attribute as a u8
    const state = d.adPartnerOperPortState & 0xff;
    p.int('any', 'ad_partner_oper_port_state', 'ad_partner_oper_port_state %d ', state);
    printOperState(p, 'ad_partner_oper_port_state_str', state);
  }
}

export const bondSlaveCli: CliSlaveKind<'bond_slave'> = {
  parse: parseBondSlave,
  print: printBondSlave,
  help: HELP,
};
