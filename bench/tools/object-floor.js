// The least a JavaScript dump can cost beyond the kernel: building the objects alone. One object
// of the workload's kind is read through rtnl-ts (untimed) and written out as a function that
// returns it as object and array literals, V8's cheapest way to build an object graph; a fresh
// Node process then builds as many as the dump holds and times only that (for the streaming W5,
// each handed to a `for await` loop and dropped). No bytes are read or checked.
// Prints one JSON line like the floor.
//
//   node bench/tools/object-floor.js linkdump|addrdump|routedump|routelist COUNT
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const [mode, countText] = process.argv.slice(2);
const count = Number(countText);
const { IpRoute } = await import('../../dist/src/api/iproute.js');
const ip = await IpRoute.open();
let sample;
if (mode === 'linkdump') sample = (await ip.link.list()).find((l) => l.linkinfo?.kind === 'veth');
else if (mode === 'addrdump') sample = (await ip.addr.list({ family: 'inet' })).find((a) => a.local?.startsWith('198.18.'));
else if (mode === 'routedump' || mode === 'routelist') {
  for await (const r of ip.route.stream({ family: 'inet', table: 'all' })) if (r.dst.startsWith('198.18.')) { sample = r; break; }
} else throw new Error(`unknown mode ${mode}`);
ip.close();
if (!sample) throw new Error(`${mode}: nothing to copy`);

/** JavaScript source that evaluates to a fresh copy of `v`. */
function literal(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (ArrayBuffer.isView(v)) return `new ${v.constructor.name}(${v.length})`;
  if (Array.isArray(v)) return `[${v.map(literal).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${literal(x)}`).join(',')}}`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-object-floor-'));
try {
  // A streaming dump hands each object to a `for await` loop: the cheapest async iterator there
  // is (an already-resolved promise per object) is part of its least cost, as keeping every
  // object is part of a full dump's.
  const run = mode === 'routedump'
    ? `let i = 0;
       const it = { [Symbol.asyncIterator]: () => it, next: () => Promise.resolve(i++ < ${count} ? { value: make(), done: false } : { value: undefined, done: true }) };
       let seen = 0;
       for await (const o of it) if (o.raw !== undefined) seen++;`
    : `const out = [];
       for (let i = 0; i < ${count}; i++) out.push(make());`;
  writeFileSync(path.join(dir, 'build.mjs'), `
    const make = () => (${literal(sample)});
    const t0 = performance.now();
    ${run}
    console.log(JSON.stringify({ ms: performance.now() - t0, count: ${count} }));
  `);
  const r = spawnSync('node', [path.join(dir, 'build.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  process.stdout.write(r.stdout);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
