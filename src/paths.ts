/**
 * Where the package is installed, found by walking up from this module to rtnl-ts's
 * package.json. Works the same from dist/src/... and from the bundled CLI (dist/rtnl-ts-cli.cjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rtnl-ts') return dir;
    if (path.dirname(dir) === dir) return path.resolve(path.dirname(from), '..', '..');
  }
}

/** The package's root folder (holding package.json). */
export const PACKAGE_ROOT = findRoot(fileURLToPath(import.meta.url));
