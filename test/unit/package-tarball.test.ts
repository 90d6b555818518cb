// What `npm pack` puts in the package: the exec helpers for x64 and arm64 as static ELF binaries
// of the right machine, the C source, the licence, and nothing users do not need (no scripts, no
// tests, no TypeScript sources, no CLI-internal declarations; every .d.ts reachable from the
// entry's). Packs the built tree as it is (--ignore-scripts), so run `npm run build` first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

// ELF header fields (the System V ABI's Elf64_Ehdr, Elf64_Phdr; <elf.h>).
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ET_EXEC = 2;
const EM_X86_64 = 62;
const EM_AARCH64 = 183;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;

interface ElfFacts {
  class: number;
  data: number;
  type: number;
  machine: number;
  /** p_type of every program header. */
  segments: number[];
}

/** The facts of a 64-bit little-endian ELF file's header and program headers. */
function readElf(bytes: Buffer): ElfFacts {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const facts = { class: bytes[4]!, data: bytes[5]!, type: bytes.readUInt16LE(16), machine: bytes.readUInt16LE(18), segments: [] as number[] };
  if (facts.class !== ELFCLASS64 || facts.data !== ELFDATA2LSB) return facts;
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const phnum = bytes.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) facts.segments.push(bytes.readUInt32LE(phoff + i * phentsize));
  return facts;
}

let unpacked: string;
let files: string[];

test.before(() => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rtnl-ts-pack-'));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  const untar = spawnSync('tar', ['-xzf', path.join(tmp, filename), '-C', tmp], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  unpacked = path.join(tmp, 'package');
  files = (fs.readdirSync(unpacked, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(unpacked, path.join(e.parentPath, e.name)))
    .sort();
});
test.after.always(() => {
  if (unpacked) fs.rmSync(path.dirname(unpacked), { recursive: true, force: true });
});

for (const [arch, machine] of [['x64', EM_X86_64], ['arm64', EM_AARCH64]] as const) {
  test(`the package holds the exec helper for linux-${arch}: a static, executable ELF for that machine`, (t) => {
    const rel = `dist/helper/rtnl-ts-exec-linux-${arch}`;
    t.true(files.includes(rel), `${rel} is not in the package: install gcc-aarch64-linux-gnu (or gcc-x86-64-linux-gnu) and npm run build`);
    const file = path.join(unpacked, rel);
    t.not(fs.statSync(file).mode & 0o111, 0, 'not executable');
    const elf = readElf(fs.readFileSync(file));
    t.is(elf.class, ELFCLASS64);
    t.is(elf.data, ELFDATA2LSB);
    t.is(elf.machine, machine);
    t.is(elf.type, ET_EXEC);
    t.true(elf.segments.length > 0);
    t.false(elf.segments.includes(PT_INTERP), 'dynamically linked: it names an interpreter');
    t.false(elf.segments.includes(PT_DYNAMIC), 'dynamically linked: it has a dynamic section');
  });
}

test('the package holds the entry, the CLI, the C source of the helper and the licence', (t) => {
  for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/rtnl-ts.cjs', 'dist/rtnl-ts-cli.cjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'src/netlink/exec-helper.c']) {
    t.true(files.includes(f), f);
  }
  t.regex(fs.readFileSync(path.join(unpacked, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} the rtnl-ts authors\n/);
});

test('the package holds nothing users do not need', (t) => {
  const extra = files.filter((f) => /^(scripts|test|bench|examples|dist\/(test|bench|examples))\//.test(f)
    || (f.startsWith('src/') && f !== 'src/netlink/exec-helper.c')
    || f.endsWith('.tsbuildinfo') || f.endsWith('.cache'));
  t.deepEqual(extra, []);
  t.deepEqual(files.filter((f) => /(^|\/)cli\/.*\.d\.ts$/.test(f)), [], 'CLI-internal declarations');
});

test("every declaration file in the package is reachable from the entry's, and all it reaches is there", (t) => {
  const reached = new Set<string>();
  const queue = ['dist/src/index.d.ts'];
  while (queue.length > 0) {
    const f = queue.pop()!;
    if (reached.has(f)) continue;
    reached.add(f);
    if (!files.includes(f)) continue; // reported below
    const text = fs.readFileSync(path.join(unpacked, f), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      queue.push(path.posix.join(path.posix.dirname(f), `${m[1]!}.d.ts`));
    }
  }
  t.deepEqual([...reached].filter((f) => !files.includes(f)), [], 'referenced but not packed');
  t.deepEqual(files.filter((f) => f.endsWith('.d.ts') && !reached.has(f)), [],
    'packed but not part of the public API: exclude it in package.json `files`');
});
