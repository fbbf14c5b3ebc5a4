/**
 * examples/python-pass as its README runs it, with Debian's python3 (python3-jwt,
 * python3-cryptography): `keygen` makes the site's key and prints the lines for the Convene
 * config, then `site.py` serves its pages and its pass endpoint on 127.0.0.1. Everything stops, and
 * the key is deleted, when the test file ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { until } from './pages.js';

const SITE = join(root, 'examples', 'python-pass', 'site.py');
export const PYTHON_PACKAGES = 'python3 python3-jwt python3-cryptography';

/** The first python3 that has PyJWT and cryptography: the one on PATH, or Debian's own. */
function findPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import jwt, cryptography'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error(
    `The Python site runs on Debian's python3 with PyJWT and cryptography; install them, then run the tests again:\n  sudo apt-get install -y ${PYTHON_PACKAGES}`,
  );
}

export interface PythonSiteKey {
  /** What `site.py keygen` printed: the `memberPasses` lines for the space in the Convene config (YAML). */
  configLines: string;
  /** Starts the site with this key, for `space` on the Convene server at `server`. */
  start(options: { server: string; space: string }): Promise<RunningPythonSite>;
}

export interface RunningPythonSite {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** What the site printed so far (its log names methods and paths only, never a pass). */
  output(): string;
}

/** The operator's first step: makes the site's key with `keygen`, as the README says. */
export async function makePythonSiteKey(kid = 'python-site-1'): Promise<PythonSiteKey> {
  const python = findPython();
  const dir = await mkdtemp(join(tmpdir(), 'convene-python-site-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const keyFile = join(dir, 'pass-key.pem');
  const env = { ...process.env, CONVENE_PASS_KID: kid };
  const keygen = spawnSync(python, [SITE, 'keygen', keyFile], { env, encoding: 'utf8' });
  if (keygen.status !== 0) throw new Error(`site.py keygen failed (${keygen.status}):\n${keygen.stderr}`);
  return {
    configLines: keygen.stdout,
    async start({ server, space }) {
      const port = await freeTcpPort();
      const child = spawn(python, [SITE], {
        env: { ...env, PORT: String(port), CONVENE_PASS_KEY: keyFile, CONVENE_SPACE: space, CONVENE_SERVER: server },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      after(() => child.kill());
      const url = `http://127.0.0.1:${port}`;
      await until(
        'the Python site to listen',
        () => output.includes(`listening on ${url}`) || child.exitCode !== null,
        15_000,
      );
      if (child.exitCode !== null) throw new Error(`site.py exited (${child.exitCode}):\n${output}`);
      return { url, output: () => output };
    },
  };
}
