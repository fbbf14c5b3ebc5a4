/**
 * Debian's nginx (`/usr/sbin/nginx`) for tests: run as an unprivileged process with its own prefix,
 * temp folders and logs, on 127.0.0.1 only, with a self-signed certificate made at test time by
 * Debian's `openssl` command. Also reads the configs a guide prints, so a test runs them as printed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export const NGINX = '/usr/sbin/nginx';

/** A fenced code block of a Markdown file: the one whose first line is `firstLine`, without the fences. */
export function fencedBlock(markdown: string, firstLine: string): string {
  const blocks = [...markdown.matchAll(/^```[\w-]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const found = blocks.filter((block) => block.split('\n', 1)[0] === firstLine);
  assert.equal(found.length, 1, `one fenced block beginning "${firstLine}"`);
  return found[0]!;
}

/**
 * Replaces each `from` in `text` with `to`, checking it occurs exactly `times` times, so that a
 * guide whose text moved on fails the test instead of being tested half-swapped.
 */
export function swap(text: string, swaps: [from: string | RegExp, to: string, times: number][]): string {
  let out = text;
  for (const [from, to, times] of swaps) {
    const pattern = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from;
    const seen = out.match(pattern)?.length ?? 0;
    assert.equal(seen, times, `"${String(from)}" occurs ${times} time(s) in the config`);
    out = out.replace(pattern, () => to);
  }
  return out;
}

export interface Certificate {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the certificate's public key, for Chromium's `--ignore-certificate-errors-spki-list`. */
  spki: string;
}

/** A self-signed certificate (P-256, one day) for `names` and 127.0.0.1, made with the openssl command. */
export function selfSignedCertificate(dir: string, names: string[]): Certificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const san = ['IP:127.0.0.1', ...names.map((name) => `DNS:${name}`)].join(',');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${names[0] ?? '127.0.0.1'}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(made.status, 0, `openssl made a certificate: ${made.stderr}`);
  const der = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return { certFile, keyFile, spki: createHash('sha256').update(der).digest('base64') };
}

export interface RunningNginx {
  /** The folder nginx runs in (its prefix): config, logs, temp files. */
  dir: string;
  /** What nginx wrote to its error log so far. */
  errorLog(): string;
  /** The master process's id (its workers are its children). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground with `site` (a file of `server` blocks, as in
 * `/etc/nginx/sites-available/`) inside a minimal main config of its own, as Debian's nginx.conf
 * includes a site. Run as `nobody` when the tests run as root, so it is never privileged. Waits
 * until `port` answers; stopped when the test file ends.
 */
export async function startNginx({
  site,
  port,
  dir,
  stopWithTests = true,
}: {
  site: string;
  port: number;
  dir?: string;
  /** Stopped when the test file ends (off outside node's test runner: a bench stops it itself). */
  stopWithTests?: boolean;
}): Promise<RunningNginx> {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: install Debian's nginx (apt-get install nginx-light)`);
  const prefix = dir ?? mkdtempSync(join(tmpdir(), 'convene-nginx-'));
  mkdirSync(join(prefix, 'temp'), { recursive: true });
  writeFileSync(join(prefix, 'site.conf'), site);
  const temp = (name: string) => join(prefix, 'temp', name);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'error.log')} info;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${join(prefix, 'access.log')};`,
      `  client_body_temp_path ${temp('body')};`,
      `  proxy_temp_path ${temp('proxy')};`,
      `  fastcgi_temp_path ${temp('fastcgi')};`,
      `  uwsgi_temp_path ${temp('uwsgi')};`,
      `  scgi_temp_path ${temp('scgi')};`,
      `  include ${join(prefix, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  // Root runs it as nobody (65534 on Debian), which then owns the folder it works in.
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: 65534, gid: 65534 } : {};
  if (asRoot) chownTree(prefix, 65534, 65534);
  const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf')];
  const checked = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8', ...ids });
  assert.equal(checked.status, 0, `nginx -t accepts the config:\n${checked.stderr}`);

  const child: ChildProcess = spawn(NGINX, [...args, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...ids,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const errorLog = () => {
    try {
      return readFileSync(join(prefix, 'error.log'), 'utf8') + stderr;
    } catch {
      return stderr;
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // SIGTERM is nginx's fast shutdown: master and workers exit at once.
      child.kill('SIGTERM');
    }).then(() => rmSync(prefix, { recursive: true, force: true })));
  if (stopWithTests) after(stop);
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null) assert.fail(`nginx exited (${child.exitCode}):\n${errorLog()}`);
    if (Date.now() > deadline) assert.fail(`nginx did not listen on 127.0.0.1:${port}:\n${errorLog()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir: prefix, errorLog, pid: child.pid!, stop };
}

function chownTree(path: string, uid: number, gid: number) {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    chownSync(join(entry.parentPath, entry.name), uid, gid);
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
