/** Kinds "macvlan" and "macvtap": a MAC-based sub-interface of the lower device `link`. */
import { macvlanModeValue, type MacvlanInfo } from '../../rtnl/link/index.js';
import { checkWord } from '../check.js';
import type { Dev } from '../context.js';
import { required, type KindDriver } from './driver.js';

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';

export interface MacvlanOptions {
  /** The lower device. */
  link: Dev;
  mode?: MacvlanMode;
}

export const macvlanDriver: KindDriver<MacvlanOptions, MacvlanInfo> = {
  options: { link: true, mode: true },
  build(o, b) {
    required(o, 'link', b, 'a lower device (link)');
    if (o.mode === undefined) return undefined;
    const mode = checkWord(o.mode, `${b.kind} mode`, ['private', 'vepa', 'bridge', 'passthru', 'source']);
    return { mode: macvlanModeValue(mode)! };
  },
};
