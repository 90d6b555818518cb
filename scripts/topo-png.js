#!/usr/bin/env node
// A topology document's picture as a PNG, the way docs/seed-lab.png is made:
//   node scripts/topo-png.js examples/seed-lab.yaml docs/seed-lab.png
// `rtnl-ts topo draw FILE --svg` (the WASM Graphviz), then headless Chromium takes a screenshot of
// the SVG at its own size, twice the pixels (CHROMIUM names the browser, default
// /usr/bin/chromium). Needs a build (npm run build). Prints the PNG's size in pixels.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [file, out] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: node scripts/topo-png.js TOPOLOGY.yaml OUT.png');
  process.exit(2);
}
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const scale = 2;
const tmp = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-png-'));
try {
  const svg = path.join(tmp, 'topology.svg');
  const draw = spawnSync(process.execPath, [path.join(root, 'bin/rtnl-ts.cjs'), 'topo', 'draw', file, '--svg', svg], { encoding: 'utf8' });
  if (draw.status !== 0) throw new Error(`topo draw failed: ${draw.stderr}`);
  // Graphviz sizes the SVG in points: 96 CSS pixels are 72 points.
  const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(readFileSync(svg, 'utf8'));
  if (!m) throw new Error('no size in the SVG');
  const [w, h] = [Math.ceil((Number(m[1]) * 96) / 72), Math.ceil((Number(m[2]) * 96) / 72)];
  const shot = spawnSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${path.join(tmp, 'profile')}`,
    `--force-device-scale-factor=${scale}`, `--window-size=${w},${h}`, `--screenshot=${path.resolve(out)}`, pathToFileURL(svg).href,
  ], { encoding: 'utf8', timeout: 120_000 });
  if (shot.status !== 0) throw new Error(`chromium failed (${shot.status ?? shot.signal}): ${shot.stderr}`);
  const png = readFileSync(out);
  console.log(`${out}: ${png.readUInt32BE(16)}x${png.readUInt32BE(20)} pixels (SVG ${w}x${h} CSS pixels, scale ${scale})`);
} catch (e) {
  console.error(`topo-png: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
