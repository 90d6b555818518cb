/** Action mirred (tc/m_mirred.c): redirect or mirror to a device's egress or ingress. */
import {
  TC_ACT_PIPE, TC_ACT_STOLEN, TCA_EGRESS_MIRROR, TCA_EGRESS_REDIR, TCA_INGRESS_MIRROR, TCA_INGRESS_REDIR,
  type MirredOptions as MirredData,
} from '../../../rtnl/tc/index.js';
import { checkWord } from '../../check.js';
import type { Dev } from '../../context.js';
import { InvalidArgumentError } from '../../errors.js';
import { controlValue, tcGen, type ActionControl, type ActionDriver } from './driver.js';

/** The mirred action: mirror or redirect to a device, egress or ingress. */
export interface MirredOptions {
  direction: 'egress' | 'ingress';
  /** Redirect (the packet leaves here: verdict stolen) or mirror (a copy: verdict pipe). */
  mode: 'redirect' | 'mirror';
  /** The device packets go to. */
  dev: Dev;
  /** The verdict (default stolen for redirect, pipe for mirror). */
  control: ActionControl;
}

const EACTION = {
  egress: { redirect: TCA_EGRESS_REDIR, mirror: TCA_EGRESS_MIRROR },
  ingress: { redirect: TCA_INGRESS_REDIR, mirror: TCA_INGRESS_MIRROR },
} as const;

export const mirredDriver: ActionDriver<MirredOptions, MirredData> = {
  options: { direction: true, mode: true, dev: true, control: true },
  build(o, index, b) {
    const parms = { ...tcGen(index, 0), eaction: 0, ifindex: 0 };
    // Only an index: bind the existing action of that index (tc's `action mirred index N`).
    if (o.direction === undefined && o.mode === undefined && o.dev === undefined && o.control === undefined) return { parms };
    const direction = checkWord(o.direction, 'direction', ['egress', 'ingress']);
    const mode = checkWord(o.mode, 'mode', ['redirect', 'mirror']);
    if (o.dev === undefined) throw new InvalidArgumentError('mirred needs a device (dev)', 'dev');
    parms.eaction = EACTION[direction][mode];
    parms.action = o.control !== undefined ? controlValue(o.control) : mode === 'redirect' ? TC_ACT_STOLEN : TC_ACT_PIPE;
    b.lookup(o.dev, (i) => { parms.ifindex = i; });
    return { parms };
  },
};
