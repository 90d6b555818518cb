/**
 * `rtnl-ts topo plan|apply|destroy|show FILE` and `rtnl-ts topo draw FILE|--live FORMAT`: a
 * topology document made real, and drawn (src/topo).
 * plan prints one line per change (`+ create`, `~ modify`, `- delete`) and changes nothing;
 * `-n NAME` makes namespace NAME the document's root. show prints the same lines as drift (exit 2
 * when the kernel differs from the file). draw prints DOT or Mermaid, or writes an SVG: FILE as
 * the document intends it, --live as the kernel holds it now (the namespace of `-n NAME` or ours,
 * and every namespace named in /run/netns).
 */
import { writeFileSync } from 'node:fs';
import { IpRoute } from '../api/iproute.js';
import { Topology, TopologyError, drawTopology, formatChange, readPicture, type DrawFormat } from '../topo/index.js';
import type { CompletionTree } from './commands.js';

const USAGE = [
  'Usage: rtnl-ts topo [ -n[etns] NAME ] { plan | apply | destroy | show } FILE',
  '       rtnl-ts topo [ -n[etns] NAME ] draw { FILE | --live } { --dot | --mermaid | --svg OUT.svg }',
  '',
].join('\n');

const VERBS = ['plan', 'apply', 'destroy', 'show', 'draw', 'help'] as const;
const DRAW_WORDS = ['--live', '--dot', '--mermaid', '--svg'] as const;

/** topo's option and verbs, for shell completion. */
export const completion: CompletionTree = {
  options: [{ name: '-netns', arg: 'netns' }],
  objects: Object.fromEntries(VERBS.map((v) => [v, v === 'draw' ? DRAW_WORDS : []])),
};

function usage(status: number): number {
  process.stderr.write(USAGE);
  return status;
}

function load(file: string): Topology | number {
  try {
    return Topology.load(file);
  } catch (e) {
    if (e instanceof TopologyError) { process.stderr.write(`${e.message}\n`); return 1; }
    if ((e as { code?: string }).code === 'ENOENT') { process.stderr.write(`topo: cannot read "${file}"\n`); return 1; }
    throw e;
  }
}

/** `rtnl-ts topo ...` (a Program of PROGRAMS). */
export async function main(args: readonly string[]): Promise<number> {
  let netns: string | undefined;
  if (args[0] === '-n' || args[0] === '-netns') {
    netns = args[1];
    if (netns === undefined) return usage(255);
    args = args.slice(2);
  }
  const [verb, ...rest] = args;
  if (verb === 'help') return usage(0);
  if (verb === 'draw') return draw(rest, netns);
  const [file, ...extra] = rest;
  if (verb === undefined || file === undefined || extra.length > 0 || !VERBS.includes(verb as typeof VERBS[number])) return usage(255);
  const topo = load(file);
  if (typeof topo === 'number') return topo;
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

/** `topo draw FILE|--live --dot|--mermaid|--svg OUT`: each word once, a source and a format. */
async function draw(args: readonly string[], netns: string | undefined): Promise<number> {
  let source: string | undefined;
  let format: DrawFormat | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const fmt = w === '--dot' ? 'dot' : w === '--mermaid' ? 'mermaid' : w === '--svg' ? 'svg' : undefined;
    if (fmt !== undefined) {
      if (format !== undefined) return drawError(`only one of --dot, --mermaid, --svg (got "${w}" after --${format})`);
      format = fmt;
      if (fmt === 'svg') {
        out = args[++i];
        if (out === undefined) return drawError('--svg needs a file to write (or - for stdout)');
      }
    } else if (w.startsWith('-') && w !== '--live') {
      return drawError(`unknown option "${w}"`);
    } else if (source !== undefined) {
      return drawError(`one topology to draw, a FILE or --live ("${w}" after "${source}")`);
    } else {
      source = w;
    }
  }
  if (source === undefined || format === undefined) return usage(255);
  let text: string;
  try {
    if (source === '--live') {
      await using ip = await IpRoute.open(netns === undefined ? {} : { netns });
      text = await drawTopology(await readPicture(ip), format);
    } else {
      const topo = load(source);
      if (typeof topo === 'number') return topo;
      text = await topo.draw(format, netns);
    }
  } catch (e) {
    process.stderr.write(`topo draw: ${(e as Error).message}\n`);
    return 2;
  }
  if (out === undefined || out === '-') process.stdout.write(text);
  else writeFileSync(out, text);
  return 0;
}

function drawError(message: string): number {
  process.stderr.write(`topo draw: ${message}\n${USAGE}`);
  return 255;
}
