// The compiled peers of the bench, Go (vishvananda/netlink) and Rust (rtnetlink), built from
// Debian's packages with no network: what they need (and Debian's pyroute2, the bench's Python
// peer) is installed with apt-get when missing, then
// both are built into bench/.build (gitignored), before the sandbox and before any timing. The
// sources are bench/tools/go and bench/tools/rust. What was built, with which versions, or why
// a peer cannot run, goes to bench/.build/peers.json for run.js to read inside the sandbox.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { root } from './sandbox.js';

export const BUILD = path.join(root, 'bench/.build');
const STATE = path.join(BUILD, 'peers.json');

/** Debian's toolchains, named by path: a rustup or other toolchain earlier on PATH is not used. */
const GO = '/usr/bin/go';
const CARGO = '/usr/bin/cargo';
const RUSTC = '/usr/bin/rustc';

/** Debian's pyroute2, the interpreted peer: installed here too, nothing to build. */
const PYROUTE2 = ['python3-pyroute2'];

/** Each compiled peer: the Debian packages it needs and how it is built. */
const PEERS = {
  go: { packages: ['golang-go', 'golang-github-vishvananda-netlink-dev'], build: buildGo },
  rust: { packages: ['cargo', 'librust-rtnetlink-dev'], build: buildRust },
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? out.slice(-1500)}`);
  return (r.stdout ?? '').trim();
}

/** The installed version of a Debian package, or undefined. */
function dpkgVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status} ${Version}', pkg], { encoding: 'utf8' });
  const m = /^install ok installed (\S+)$/.exec((r.stdout ?? '').trim());
  return m?.[1];
}

/**
 * apt-get install the packages not installed yet. The dpkg lock may be held by someone else's
 * install on a shared machine: wait for it (apt-get's own lock timeout), and refresh the package
 * lists once if a package is not known.
 */
function ensurePackages(pkgs) {
  const missing = pkgs.filter((p) => !dpkgVersion(p));
  if (missing.length === 0) return;
  console.error(`bench: installing ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', ...missing], { encoding: 'utf8', env });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update'], { stdio: 'ignore', env });
    r = install();
  }
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed: ${(r.stderr || r.stdout || r.error?.message || '').trim().slice(-800)}`);
}

/** Write `text` to `file` only when it differs, so that the builds' freshness checks hold. */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** GOPATH mode against Debian's Go sources: no modules, no proxy, a build cache of our own. */
function buildGo() {
  const dir = path.join(BUILD, 'go');
  const bin = path.join(dir, 'rtnl-bench-go');
  const env = {
    ...process.env,
    GOPATH: '/usr/share/gocode',
    GO111MODULE: 'off',
    GOPROXY: 'off',
    GOFLAGS: '',
    GOCACHE: path.join(dir, 'cache'),
  };
  mkdirSync(dir, { recursive: true });
  run(GO, ['build', '-o', bin, path.join(root, 'bench/tools/go/main.go')], { env, cwd: root });
  const lib = dpkgVersion('golang-github-vishvananda-netlink-dev');
  const ns = dpkgVersion('golang-github-vishvananda-netns-dev');
  return {
    bin,
    versions: { go: run(GO, ['version']).replace(/^go version /, ''), 'vishvananda/netlink': lib, 'vishvananda/netns': ns },
  };
}

/**
 * The crate copied into the build dir with a .cargo/config.toml that replaces crates.io by
 * Debian's vendored crates, built offline by Debian's cargo and rustc with a CARGO_HOME of its
 * own (the user's global cargo configuration is not read). Cargo.lock stays in the build dir.
 */
function buildRust() {
  const dir = path.join(BUILD, 'rust');
  const src = path.join(root, 'bench/tools/rust');
  writeIfChanged(path.join(dir, 'Cargo.toml'), readFileSync(path.join(src, 'Cargo.toml'), 'utf8'));
  writeIfChanged(path.join(dir, 'src/main.rs'), readFileSync(path.join(src, 'src/main.rs'), 'utf8'));
  writeIfChanged(
    path.join(dir, '.cargo/config.toml'),
    [
      '[source.crates-io]',
      'replace-with = "debian"',
      '[source.debian]',
      'directory = "/usr/share/cargo/registry"',
      '[net]',
      'offline = true',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, CARGO_HOME: path.join(dir, 'cargo-home'), RUSTC, RUSTDOC: '/usr/bin/rustdoc' };
  delete env.RUSTUP_TOOLCHAIN;
  delete env.CARGO_TARGET_DIR;
  const bin = path.join(dir, 'target/release/rtnl-bench-rust');
  if (!existsSync(bin)) console.error('bench: building the Rust peer (the first build takes a few minutes)');
  run(CARGO, ['build', '--release', '--offline', '--quiet'], { env, cwd: dir });
  const lock = readFileSync(path.join(dir, 'Cargo.lock'), 'utf8');
  const crate = (name) => new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(lock)?.[1];
  return {
    bin,
    versions: {
      rustc: run(RUSTC, ['--version']).replace(/^rustc /, ''),
      rtnetlink: crate('rtnetlink'),
      'netlink-packet-route': crate('netlink-packet-route'),
      'netlink-proto': crate('netlink-proto'),
      tokio: crate('tokio'),
      'librust-rtnetlink-dev': dpkgVersion('librust-rtnetlink-dev'),
    },
  };
}

/**
 * Install what is missing and build every peer; write and return { go: { bin, versions } |
 * { error }, rust: ... }. A peer that cannot be installed or built is reported and skipped,
 * the rest of the bench still runs.
 */
export function preparePeers() {
  try {
    ensurePackages(PYROUTE2);
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : e}`);
  }
  const state = {};
  for (const [name, peer] of Object.entries(PEERS)) {
    try {
      ensurePackages(peer.packages);
      state[name] = peer.build();
    } catch (e) {
      state[name] = { error: e instanceof Error ? e.message : String(e) };
      console.error(`bench: the ${name} peer cannot run: ${state[name].error}`);
    }
  }
  mkdirSync(BUILD, { recursive: true });
  writeFileSync(STATE, JSON.stringify(state, null, 1) + '\n');
  return state;
}

/** What preparePeers wrote (inside the sandbox). */
export function builtPeers() {
  try {
    return JSON.parse(readFileSync(STATE, 'utf8'));
  } catch {
    return { go: { error: 'not built (run bench/run.js as a whole)' }, rust: { error: 'not built (run bench/run.js as a whole)' } };
  }
}
