/**
 * The seed lab's SVG (rtnl-ts topo draw --svg, through the CLI bundle and the WASM Graphviz) as a
 * browser shows it: headless Chromium lays out a page holding it, and a script in the page reads
 * back every <text> the browser rendered with its box. Every namespace, device and address must
 * be there, inside the picture, no two texts overlapping. Then scripts/topo-png.js takes the
 * screenshot docs/seed-lab.png is made with (here into a temporary file): a PNG of twice the
 * SVG's size, not blank. Chromium is Debian's `chromium` (CHROMIUM names another); without it the
 * test says so and passes, except under CI=true, where it fails.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(root, 'bin/rtnl-ts.cjs');
const SEED = path.join(root, 'examples/seed-lab.yaml');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const EXPECTED = [
  'root namespace', 'netns ns0', 'netns ns1', 'netns ns2',
  'docker0', 'veth0', 'veth1', 'veth2', 'eth0',
  '172.17.0.1/16', '172.17.0.101/16', '172.17.0.102/16', '172.17.0.103/16',
];

// Runs in the page: every text of the SVG with its rendered box, and the SVG's own box.
const PAGE_SCRIPT = `
const svg = document.querySelector('svg');
const b = svg.getBoundingClientRect();
const texts = [...svg.querySelectorAll('text')].map((t) => {
  const r = t.getBoundingClientRect();
  return { text: t.textContent, x: r.left - b.left, y: r.top - b.top, w: r.width, h: r.height };
});
document.getElementById('result').textContent = JSON.stringify({ w: b.width, h: b.height, texts });
`;

interface Rendered { w: number; h: number; texts: { text: string; x: number; y: number; w: number; h: number }[] }

function chromium(args: string[], profile: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test('headless Chromium renders the seed lab SVG with every namespace, device and address; the PNG', (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') return t.fail(`${CHROMIUM} is missing: CI installs Debian's chromium (.ci/run)`);
    t.log(`SKIPPED: ${CHROMIUM} is missing (apt-get install chromium, or CHROMIUM=path)`);
    return t.pass();
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-ts-chromium-'));
  try {
    const svgFile = path.join(dir, 'seed-lab.svg');
    const draw = spawnSync(process.execPath, [BIN, 'topo', 'draw', SEED, '--svg', svgFile], { encoding: 'utf8' });
    t.is(draw.status, 0, draw.stderr);
    const svg = readFileSync(svgFile, 'utf8');
    const page = path.join(dir, 'page.html');
    writeFileSync(page, `<!doctype html><html><body style="margin:0">${svg.slice(svg.indexOf('<svg'))}<pre id="result"></pre><script>${PAGE_SCRIPT}</script></body></html>`);
    const dom = chromium(['--dump-dom', pathToFileURL(page).href], path.join(dir, 'profile'));
    t.is(dom.status, 0, dom.stderr);
    const json = /<pre id="result">(.*?)<\/pre>/s.exec(dom.stdout)?.[1];
    if (json === undefined) return t.fail(`no result in the page Chromium rendered:\n${dom.stdout.slice(0, 2000)}`);
    const r = JSON.parse(json.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Rendered;
    const shown = r.texts.map((x) => x.text);
    for (const s of EXPECTED) t.true(shown.includes(s), `"${s}" is not among the rendered texts: ${shown.join(', ')}`);
    t.is(shown.filter((s) => s === 'eth0').length, 3, 'one eth0 per namespace');
    for (const x of r.texts) {
      t.true(x.w > 0 && x.h > 0, `"${x.text}" has no size`);
      t.true(x.x >= 0 && x.y >= 0 && x.x + x.w <= r.w + 0.5 && x.y + x.h <= r.h + 0.5, `"${x.text}" is clipped: ${JSON.stringify(x)} in ${r.w}x${r.h}`);
    }
    const overlaps: string[] = [];
    r.texts.forEach((a, i) => r.texts.slice(i + 1).forEach((b) => {
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      // Line boxes of one label touch (a pixel or two): a quarter of a line is drawn over another.
      if (ox > 1 && oy > Math.min(a.h, b.h) / 4) overlaps.push(`"${a.text}" / "${b.text}"`);
    }));
    t.deepEqual(overlaps, [], 'texts drawn over each other');

    // The screenshot, as docs/seed-lab.png is made.
    const png = path.join(dir, 'seed-lab.png');
    const shot = spawnSync(process.execPath, [path.join(root, 'scripts/topo-png.js'), SEED, png], { encoding: 'utf8', env: { ...process.env, CHROMIUM } });
    t.is(shot.status, 0, shot.stderr);
    const bytes = readFileSync(png);
    t.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg)!;
    t.is(bytes.readUInt32BE(16), 2 * Math.ceil((Number(m[1]) * 96) / 72), 'width: the SVG at scale 2');
    t.is(bytes.readUInt32BE(20), 2 * Math.ceil((Number(m[2]) * 96) / 72), 'height: the SVG at scale 2');
    // A blank page of that size compresses to a few kilobytes; the picture is tens.
    t.true(bytes.length > 30_000, `${bytes.length} bytes: blank?`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
