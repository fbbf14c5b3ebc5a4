// Builds test/harness/go-crowd (a crowd of LiveKit listeners in Go, for the stage-scale test) once
// per version of its source, into the per-user cache beside livekit-server, never into the checkout.
// Plain JavaScript, like livekit.mjs; `node scripts/lib/go-crowd.mjs` builds it (CI does, before npm test).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../test/harness/go-crowd/', import.meta.url));
const FILES = ['go.mod', 'go.sum', 'main.go'];

export class GoNotFoundError extends Error {
  constructor() {
    super(
      [
        'Go was not found, and the stage-scale test needs it to build its crowd of listeners',
        '(test/harness/go-crowd, LiveKit’s Go SDK). Install Go (https://go.dev/dl/; the version in',
        'test/harness/go-crowd/go.mod, or any Go 1.21+ that downloads it), so that `go` is on your PATH,',
        'or set GO_BIN to its path; then run the test again.',
      ].join('\n'),
    );
    this.name = 'GoNotFoundError';
  }
}

function findGo() {
  if (process.env.GO_BIN) return process.env.GO_BIN;
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return null;
}

/** Where the binary for the source as it is now goes: named by a hash of go.mod, go.sum and main.go. */
export function goCrowdPath() {
  const hash = createHash('sha256');
  for (const file of FILES) hash.update(file).update(readFileSync(join(SOURCE, file)));
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'convene', `go-crowd-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * Returns the path of the go-crowd binary, building it first when this version is not in the cache.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function buildGoCrowd({ log = (line) => console.error(line) } = {}) {
  const binary = goCrowdPath();
  if (existsSync(binary)) return binary;
  const go = findGo();
  if (!go) throw new GoNotFoundError();
  mkdirSync(dirname(binary), { recursive: true });
  log(`Building the Go crowd (test/harness/go-crowd) into ${binary} (once per version of its source)…`);
  // Built under another name and moved into place, so that a build cut short leaves nothing behind.
  const partial = `${binary}.${process.pid}.partial`;
  // No VCS stamp: the checkout's git state is not the binary's business (and may be unreadable).
  const result = spawnSync(go, ['build', '-buildvcs=false', '-mod=readonly', '-o', partial, '.'], {
    cwd: SOURCE,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error || result.status !== 0 || !existsSync(partial)) {
    throw new Error(
      `\`go build\` of test/harness/go-crowd failed (${result.error?.message ?? `exit ${result.status}`}). See the output above.`,
    );
  }
  renameSync(partial, binary);
  // Earlier versions are of no more use.
  for (const name of readdirSync(dirname(binary))) {
    if (/^go-crowd-[0-9a-f]{16}$/.test(name) && name !== basename(binary)) {
      rmSync(join(dirname(binary), name), { force: true });
    }
  }
  return binary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(buildGoCrowd());
}
