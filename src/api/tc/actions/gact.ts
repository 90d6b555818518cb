/** Action gact (tc/m_gact.c): a verdict, and optionally a second one taken at random or every Nth packet. */
import { PGACT_DETERM, PGACT_NETRAND, type GactOptions as GactData } from '../../../rtnl/tc/index.js';
import { checkKeys, checkUint, checkWord } from '../../check.js';
import { InvalidArgumentError } from '../../errors.js';
import { controlValue, tcGen, type ActionControl, type ActionDriver } from './driver.js';

/** The second verdict of gact: `random netrand CONTROL VAL` (1 in VAL/10000) or `determ` (every VAL-th). */
export interface GactRandom {
  type: 'netrand' | 'determ';
  control: ActionControl;
  /** 0-10000. */
  value: number;
}

/** The gact action: a verdict (pass, drop, ok, reclassify, pipe, continue), as `tc action gact` takes it. */
export interface GactOptions {
  /** The verdict (default pass). */
  control: ActionControl;
  random: GactRandom;
}

export const gactDriver: ActionDriver<GactOptions, GactData> = {
  options: { control: true, random: true },
  build(o, index) {
    const data: GactData = { parms: tcGen(index, o.control === undefined ? 0 : controlValue(o.control)) };
    if (o.random !== undefined) {
      const r = o.random;
      if (r === null || typeof r !== 'object') throw new InvalidArgumentError('random must be { type, control, value }', 'random');
      checkKeys(r, new Set(['type', 'control', 'value']), 'gact random');
      const ptype = checkWord(r.type, 'random type', ['netrand', 'determ']) === 'netrand' ? PGACT_NETRAND : PGACT_DETERM;
      data.prob = { ptype, paction: controlValue(r.control, 'random control'), pval: checkUint(r.value, 'random value', 10000) };
    }
    return data;
  },
};
