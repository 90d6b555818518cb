/**
 * The process that holds a withTopology sandbox: started by fixture.ts inside fresh network and
 * mount namespaces, it reads a topology document from stdin (one JSON line), applies it and
 * answers `ready` (or `error <message>`) on stdout, then waits for stdin to end. Its parent
 * closes stdin when the test is done, and the kernel closes it when the parent dies (even by
 * SIGKILL): the process exits, and with it the last holder of the namespaces and of the
 * private /run/netns their names were mounted on, so the whole lab is gone.
 */
import { IpRoute } from '../api/iproute.js';
import { Topology } from './topology.js';

async function main(): Promise<void> {
  let buf = '';
  let started = false;
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    buf += d;
    const nl = buf.indexOf('\n');
    if (started || nl < 0) return;
    started = true;
    const { text } = JSON.parse(buf.slice(0, nl)) as { text: string };
    void (async () => {
      try {
        const topo = Topology.parse(text, 'topology');
        await using ip = await IpRoute.open();
        await topo.apply(ip);
        process.stdout.write('ready\n');
      } catch (e) {
        process.stdout.write(`error ${JSON.stringify((e as Error).message)}\n`);
      }
    })();
  });
  process.stdin.on('end', () => process.exit(0));
}

await main();
