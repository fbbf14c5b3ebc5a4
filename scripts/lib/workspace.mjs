// The checkout, its dependencies, and finding test files; plain Node only (runs before `npm ci`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Convene is supported and tested on Node 22 and 24. Node 20.19 still runs `npm start` and
 * `npm test` (the README says so) with a warning; anything older stops here, saying why.
 */
export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.version} is too old for Convene: install Node 22 or 24 (https://nodejs.org).`);
    process.exit(1);
  }
  if (major < 22) {
    console.warn(
      `Note: Node ${process.version} is past its end of life and not supported; Convene is tested on Node 22 and 24.`,
    );
  }
}

/** Installs dependencies (`npm ci`) when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  checkNode();
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed; see above. Node 22 or 24 (or 20.19) and access to the npm registry are needed.');
    process.exit(1);
  }
}

/** Files under `dir` (relative to the checkout) whose names end with `suffix`, sorted. */
export function findFiles(dir, suffix) {
  const out = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) out.push(relative(root, full));
    }
  };
  walk(join(root, dir));
  return out.sort();
}
