// The workloads: what each one sets up in its fresh namespace, how each tool runs it, how the
// result is checked, and the target it is held to. Paths come from `env` (see run.js).
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** 198.18.0.0/15 (RFC 2544's benchmarking range): address number i, as text. */
export function addrText(i) {
  return `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

/** Every tool the bench knows, in table order. */
export const TOOLS = ['floor', 'floor-pipe', 'node-floor', 'objects', 'rtnl-ts', 'iproute2', 'pyroute2', 'netlink', 'go', 'rust'];

export const TOOL_LABELS = {
  floor: 'floor (C)',
  'floor-pipe': 'floor (C, pipelined)',
  'node-floor': 'floor (Node)',
  objects: 'objects only (JS)',
  'rtnl-ts': 'rtnl-ts',
  iproute2: 'iproute2',
  pyroute2: 'pyroute2',
  netlink: 'npm netlink',
  go: 'Go netlink',
  rust: 'Rust rtnetlink',
  'node -e 0': 'node -e 0',
};

const SIZES = { veth: 1000, links: 1000, addrs: 10000, routes: 100000, netns: 100 };

/**
 * Build the workload list. `env` has: floor (binary), tmp (dir for batch files), root (repo),
 * python (Debian's python3), peers ({ go, rust }: the compiled peers' binaries, bench/peers.js). Each workload: id, title, base (tool the ratios divide by), setup
 * (`ip -n NS` argument lines), run[tool] (argv run inside the namespace via `ip netns exec`),
 * count (objects a dump must see), after (an `ip -n NS` command and the lines it must print
 * once the tool is done), targets.
 */
export function workloads(env) {
  const batch = (name, lines) => {
    const file = path.join(env.tmp, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };
  const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  const rtnl = (...a) => ['node', path.join(env.root, 'bench/tools/rtnl-ts.js'), ...a];
  const netlink = (...a) => ['node', path.join(env.root, 'bench/tools/netlink.cjs'), ...a];
  const pyroute2 = (...a) => [env.python, '-B', path.join(env.root, 'bench/tools/pyroute2_tool.py'), ...a];
  const floor = (...a) => [env.floor, ...a];
  const nodeFloor = (...a) => ['node', path.join(env.root, 'bench/tools/node-floor.js'), ...a];
  const objects = (...a) => ['node', path.join(env.root, 'bench/tools/object-floor.js'), ...a];
  const timeit = (...a) => [env.floor, 'timeit', ...a];
  const go = (...a) => [env.peers?.go ?? 'rtnl-bench-go', ...a];
  const rust = (...a) => [env.peers?.rust ?? 'rtnl-bench-rust', ...a];

  const vethBatch = batch('veth.batch', range(SIZES.veth, (i) => `link add va${i} type veth peer name vb${i}`));
  const linksSetup = batch('links.batch', range(SIZES.links, (i) => `link add va${i} type veth peer name vb${i}`));
  const addrBatch = batch('addr.batch', range(SIZES.addrs, (i) => `addr add ${addrText(i)}/32 dev va0`));
  const routeBatch = batch('route.batch', range(SIZES.routes, (i) => `route add ${addrText(i)}/32 dev va0`));
  const netnsBatch = batch('netns.batch', [
    ...range(SIZES.netns, (i) => `netns add ipr${i}`),
    ...range(SIZES.netns, (i) => `netns del ipr${i}`),
  ]);
  const oneVeth = ['link add va0 type veth peer name vb0', 'link set va0 up'];

  return [
    {
      id: 'W1',
      // A 10% target and a per-repetition spread of ±15%: more repetitions than the dumps get
      // (one is ~7 s for all tools).
      reps: 9,
      title: `create ${SIZES.veth.toLocaleString('en')} veth pairs`,
      base: 'floor',
      setup: [],
      run: {
        floor: floor('veth', String(SIZES.veth)),
        'node-floor': nodeFloor('veth', String(SIZES.veth)),
        'rtnl-ts': rtnl('veth', String(SIZES.veth)),
        iproute2: timeit('ip', '-batch', vethBatch),
        pyroute2: pyroute2('veth', String(SIZES.veth)),
        netlink: netlink('veth', String(SIZES.veth)),
        go: go('veth', String(SIZES.veth)),
        rust: rust('veth', String(SIZES.veth)),
      },
      after: { cmd: ['-o', 'link', 'show'], lines: 2 * SIZES.veth + 1 },
      targets: [{ ratio: 1.1 }],
    },
    {
      id: 'W1b',
      reps: 5,
      title: `create ${SIZES.veth.toLocaleString('en')} veth pairs through ip.batch (pipelined)`,
      base: 'floor',
      setup: [],
      run: {
        floor: floor('veth', String(SIZES.veth)),
        'floor-pipe': floor('vethpipe', String(SIZES.veth)),
        'rtnl-ts': rtnl('vethbatch', String(SIZES.veth)),
        iproute2: timeit('ip', '-batch', vethBatch),
      },
      after: { cmd: ['-o', 'link', 'show'], lines: 2 * SIZES.veth + 1 },
      // The two targets: against the per-request floor, and against the C floor that
      // pipelines as ip.batch does (the same requests, up to 32 KiB of them per send).
      targets: [{ ratio: 0.85 }, { ratio: 1.15, over: 'floor-pipe' }],
    },
    {
      id: 'W2',
      title: `dump ${(2 * SIZES.links).toLocaleString('en')} links, decoded`,
      base: 'floor',
      setup: [`-batch ${linksSetup}`],
      run: {
        floor: floor('linkdump'),
        objects: objects('linkdump', String(2 * SIZES.links + 1)),
        'rtnl-ts': rtnl('linkdump'),
        iproute2: timeit('ip', '-s', '-d', 'link', 'show'),
        pyroute2: pyroute2('linkdump'),
        netlink: netlink('linkdump'),
        go: go('linkdump'),
        rust: rust('linkdump'),
      },
      count: 2 * SIZES.links + 1,
      targets: [{ ratio: 1.5 }],
    },
    {
      id: 'W3',
      title: `add ${SIZES.addrs.toLocaleString('en')} IPv4 addresses to one link`,
      base: 'floor',
      setup: oneVeth,
      run: {
        floor: floor('addradd', 'va0', String(SIZES.addrs)),
        'node-floor': nodeFloor('addradd', 'va0', String(SIZES.addrs)),
        'rtnl-ts': rtnl('addradd', 'va0', String(SIZES.addrs)),
        iproute2: timeit('ip', '-batch', addrBatch),
        pyroute2: pyroute2('addradd', 'va0', String(SIZES.addrs)),
        netlink: netlink('addradd', 'va0', String(SIZES.addrs)),
        go: go('addradd', 'va0', String(SIZES.addrs)),
        rust: rust('addradd', 'va0', String(SIZES.addrs)),
      },
      after: { cmd: ['-4', '-o', 'addr', 'show', 'dev', 'va0'], lines: SIZES.addrs },
      targets: [{ ratio: 1.1 }],
    },
    {
      id: 'W3b',
      title: `add ${SIZES.addrs.toLocaleString('en')} IPv4 addresses to one link through ip.batch (pipelined)`,
      base: 'floor',
      setup: oneVeth,
      run: {
        floor: floor('addradd', 'va0', String(SIZES.addrs)),
        'floor-pipe': floor('addrpipe', 'va0', String(SIZES.addrs)),
        'rtnl-ts': rtnl('addrbatch', 'va0', String(SIZES.addrs)),
        iproute2: timeit('ip', '-batch', addrBatch),
      },
      after: { cmd: ['-4', '-o', 'addr', 'show', 'dev', 'va0'], lines: SIZES.addrs },
      targets: [{ ratio: 0.85 }, { ratio: 1.15, over: 'floor-pipe' }], // as W1b's
    },
    {
      id: 'W4',
      reps: 3,
      title: `dump ${SIZES.addrs.toLocaleString('en')} IPv4 addresses`,
      base: 'floor',
      setup: [...oneVeth, `-batch ${addrBatch}`],
      run: {
        floor: floor('addrdump'),
        objects: objects('addrdump', String(SIZES.addrs + 1)),
        'rtnl-ts': rtnl('addrdump'),
        iproute2: timeit('ip', '-4', 'addr', 'show'),
        pyroute2: pyroute2('addrdump'),
        netlink: netlink('addrdump'),
        go: go('addrdump'),
        rust: rust('addrdump'),
      },
      count: SIZES.addrs + 1,
      targets: [{ ratio: 1.5 }],
    },
    {
      id: 'W5',
      title: `dump ${SIZES.routes.toLocaleString('en')} IPv4 routes, streaming`,
      base: 'floor',
      setup: [...oneVeth, `-batch ${routeBatch}`],
      run: {
        floor: floor('routedump'),
        'node-floor': nodeFloor('routedump'),
        objects: objects('routedump', String(SIZES.routes)),
        'rtnl-ts': rtnl('routedump'),
        iproute2: timeit('ip', '-4', 'route', 'show', 'table', 'all'),
        pyroute2: pyroute2('routedump'),
        netlink: netlink('routedump'),
        // No streaming form in this version: the whole dump is gathered, as npm netlink's.
        go: go('routedump'),
        rust: rust('routedump'),
      },
      count: SIZES.routes,
      rss: true,
      targets: [{ ratio: 1.5 }, { rssMiB: 64 }],
    },
    {
      // W5's dump kept whole, as a list: what every library can do, streaming or not.
      id: 'W5b',
      title: `dump ${SIZES.routes.toLocaleString('en')} IPv4 routes, collected into a list`,
      base: 'floor',
      setup: [...oneVeth, `-batch ${routeBatch}`],
      run: {
        floor: floor('routedump'),
        objects: objects('routelist', String(SIZES.routes)),
        'rtnl-ts': rtnl('routelist'),
        pyroute2: pyroute2('routelist'),
        netlink: netlink('routedump'),
        go: go('routedump'),
        rust: rust('routelist'),
      },
      count: SIZES.routes,
      rss: true,
      targets: [],
    },
    {
      id: 'W6',
      title: `create and delete ${SIZES.netns} named namespaces`,
      base: 'floor',
      setup: [],
      run: {
        floor: floor('netns', String(SIZES.netns)),
        'rtnl-ts': rtnl('netns', String(SIZES.netns)),
        iproute2: timeit('ip', '-batch', netnsBatch),
        pyroute2: pyroute2('netns', String(SIZES.netns)),
        go: go('netns', String(SIZES.netns)),
        rust: rust('netns', String(SIZES.netns)),
      },
      // Every namespace the tool made is gone again: /run/netns holds only the workload's own.
      afterNetns: true,
      targets: [{ ratio: 1.5, over: 'iproute2' }],
    },
    {
      // The CLI's -batch, whole process. With -force rtnl-ts pipelines the address lines
      // (src/cli/batch.ts); without it every line waits for its answer, as ip's semantics need
      // (nothing after a failing line may run), shown beside it.
      id: 'W8',
      reps: 3,
      title: `\`-force -batch\` of ${SIZES.addrs.toLocaleString('en')} \`addr add\` lines, whole process`,
      base: 'iproute2',
      setup: oneVeth,
      run: {
        iproute2: timeit('ip', '-force', '-batch', addrBatch),
        'rtnl-ts': timeit('node', path.join(env.root, 'bin/rtnl-ts.cjs'), '-force', '-batch', addrBatch),
        'rtnl-ts, no -force': timeit('node', path.join(env.root, 'bin/rtnl-ts.cjs'), '-batch', addrBatch),
      },
      after: { cmd: ['-4', '-o', 'addr', 'show', 'dev', 'va0'], lines: SIZES.addrs },
      targets: [{ ratio: 1.0 }],
    },
    {
      id: 'W7',
      title: 'start-up: `link show`, whole process',
      base: 'node -e 0',
      setup: [],
      repsFactor: 3,
      run: {
        'rtnl-ts': timeit('node', path.join(env.root, 'bin/rtnl-ts.cjs'), 'link', 'show'),
        iproute2: timeit('ip', 'link', 'show'),
        'node -e 0': timeit('node', '-e', '0'),
      },
      targets: [{ ratio: 1.5 }],
    },
  ];
}
