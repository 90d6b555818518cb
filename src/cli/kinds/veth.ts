/** `type veth` words (ip/link_veth.c): `peer` and the other end's link words. */
import type { VethOptions, VethPeerSpec } from '../../api/kinds/index.js';
import { CliFailure, duparg } from '../errors.js';
import { linkOptions, parseLinkWords } from '../link-args.js';
import { renameProgram } from '../usage.js';
import type { Words } from '../words.js';
import type { CliKind, KindWords } from './plug.js';

const HELP = renameProgram("Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n");

/** veth's words: "peer" then link words for the other end. */
function parseVeth(words: Words): KindWords<VethOptions> {
  // ip's veth usage goes to stdout (printf), and the command fails.
  if (words.cur !== 'peer') throw new CliFailure('', 1, HELP);
  words.skip();
  const p = parseLinkWords(words, true);
  if (p.type !== undefined) throw duparg('type', words.rest()[0] ?? p.type);
  const peer: VethPeerSpec = linkOptions(p, 'peer');
  return { options: { peer } };
}

export const vethCli: CliKind<'veth'> = {
  parse: parseVeth,
  help: HELP,
};
