/**
 * `rtnl-ts topo plan|apply|destroy|show FILE`: a topology document made real (src/topo).
 * plan prints one line per change (`+ create`, `~ modify`, `- delete`) and changes nothing;
 * `-n NAME` makes namespace NAME the document's root. show prints the same lines as drift (exit 2 when the kernel differs from the file).
 */
import { IpRoute } from '../api/iproute.js';
import { Topology, TopologyError, formatChange } from '../topo/index.js';

const USAGE = 'Usage: rtnl-ts topo [ -n[etns] NAME ] { plan | apply | destroy | show } FILE\n';

/** `rtnl-ts topo ...` (a Program of PROGRAMS). */
export async function main(args: readonly string[]): Promise<number> {
  let netns: string | undefined;
  if (args[0] === '-n' || args[0] === '-netns') {
    netns = args[1];
    args = args.slice(2);
  }
  const [verb, file, ...rest] = args;
  if (verb === undefined || verb === 'help' || file === undefined || rest.length > 0 || !['plan', 'apply', 'destroy', 'show'].includes(verb)) {
    process.stderr.write(USAGE);
    return verb === 'help' ? 0 : 255;
  }
  let topo: Topology;
  try {
    topo = Topology.load(file);
  } catch (e) {
    if (e instanceof TopologyError) { process.stderr.write(`${e.message}\n`); return 1; }
    if ((e as { code?: string }).code === 'ENOENT') { process.stderr.write(`topo: cannot read "${file}"\n`); return 1; }
    throw e;
  }
  // The document's own namespace (devices without netns:) is the handle's: -n NAME or ours.
  await using ip = await IpRoute.open(netns === undefined ? {} : { netns });
  try {
    const changes = verb === 'apply' ? await topo.apply(ip) : verb === 'destroy' ? await topo.destroy(ip) : await topo.plan(ip);
    const lines = changes.filter((c) => !c.quiet).map(formatChange);
    if (verb === 'show') {
      process.stdout.write(lines.length === 0 ? `${topo.doc.name}: in sync\n` : `${topo.doc.name}: drift\n${lines.map((l) => `  ${l}\n`).join('')}`);
      return lines.length === 0 ? 0 : 2;
    }
    process.stdout.write(lines.map((l) => `${l}\n`).join(''));
    const n = (op: string): number => changes.filter((c) => !c.quiet && c.op === op).length;
    const summary = `${n('create')} to create, ${n('modify')} to modify, ${n('delete')} to delete`;
    process.stdout.write(verb === 'plan' ? `Plan: ${summary}.\n` : `${verb === 'apply' ? 'Apply' : 'Destroy'} complete: ${summary.replace(/ to /g, ' ')}.\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`topo ${verb}: ${(e as Error).message}\n`);
    return 2;
  }
}

