// Finds, installs and runs a local livekit-server for development and tests.
// Plain JavaScript so that `npm start` can use it before dependencies are installed.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const LIVEKIT_VERSION = '1.13.5';
export const LIVEKIT_MODULE = `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`;
/** Dev mode's fixed key pair (`livekit-server --dev`). */
export const DEV_KEY = 'devkey';
export const DEV_SECRET = 'secret';

/** Per-user cache shared by every clone on this machine (CI's fresh clones included). */
export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'convene', `livekit-server-${LIVEKIT_VERSION}`);
}

export class LivekitNotFoundError extends Error {
  constructor() {
    super(
      [
        `livekit-server ${LIVEKIT_VERSION} was not found, and Go is not installed to build it.`,
        'Do one of these, then run the command again:',
        '  - install Go (https://go.dev/dl/); Convene then installs livekit-server itself with',
        `      go install ${LIVEKIT_MODULE}`,
        '  - install livekit-server: `curl -sSL https://get.livekit.io | bash` (Linux)',
        '    or `brew install livekit` (macOS), so that `livekit-server` is on your PATH',
        '  - set LIVEKIT_SERVER_BIN to the path of a livekit-server binary',
        '  - for `npm start` only: use an existing LiveKit (LiveKit Cloud or self-hosted) by setting',
        '      LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET; no local server is started then.',
      ].join('\n'),
    );
    this.name = 'LivekitNotFoundError';
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Returns the path of a livekit-server binary: $LIVEKIT_SERVER_BIN, `livekit-server` on PATH,
 * or the per-user cache. With `install`, builds the pinned version into the cache with Go.
 * @param {{ install?: boolean, log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function findLivekitServer({ install = true, log = (line) => console.error(line) } = {}) {
  const fromEnv = process.env.LIVEKIT_SERVER_BIN;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`LIVEKIT_SERVER_BIN is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const cached = join(cacheDir(), 'server');
  if (existsSync(cached)) return cached;
  const found = onPath('livekit-server');
  if (found) return found;
  if (!install) throw new LivekitNotFoundError();
  const go = onPath('go');
  if (!go) throw new LivekitNotFoundError();
  mkdirSync(cacheDir(), { recursive: true });
  log(
    `Installing livekit-server ${LIVEKIT_VERSION} into ${cacheDir()} with Go (once per machine; a few minutes the first time)…`,
  );
  const result = spawnSync(go, ['install', LIVEKIT_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: cacheDir(), GOFLAGS: process.env.GOFLAGS || '-mod=mod' },
    cwd: tmpdir(),
  });
  if (result.status !== 0 || !existsSync(cached)) {
    throw new Error(`\`go install ${LIVEKIT_MODULE}\` failed (exit ${result.status}). See the output above.`);
  }
  return cached;
}

/** A free TCP port on 127.0.0.1. */
export function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** A free UDP port on 127.0.0.1. */
export function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `livekit-server exited during start-up (${exited.code ?? exited.signal}). Its log:\n${tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`livekit-server did not answer on ${url} within ${timeoutMs} ms. Its log:\n${tail(logFile)}`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * @typedef {object} RunningLivekit
 * @property {string} url        ws:// URL for clients and server SDKs
 * @property {string} httpUrl    http:// URL of the same server
 * @property {string} apiKey
 * @property {string} apiSecret
 * @property {number} port
 * @property {string} logFile
 * @property {() => Promise<void>} stop  stops the server (idempotent)
 */

const running = new Set();
let hooksInstalled = false;
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The config of one livekit-server on loopback (its lines): its ports and, when given, where its
 * webhooks go (signed with the dev key).
 * @param {{ port: number, tcpPort: number, udpPort: number, webhookUrls?: string[] }} options
 * @returns {string[]}
 */
export function livekitConfig({ port, tcpPort, udpPort, webhookUrls = [] }) {
  const config = [
    `port: ${port}`,
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    'logging:',
    '  level: info',
  ];
  if (webhookUrls.length > 0) {
    config.push('webhook:', `  api_key: ${DEV_KEY}`, '  urls:', ...webhookUrls.map((u) => `    - ${u}`));
  }
  return config;
}

/**
 * Starts `livekit-server --dev` bound to 127.0.0.1 on free ports and waits until it answers.
 * It is stopped by `stop()`, when this process exits, and (through a stdin watchdog) even when
 * this process is killed outright.
 * `config` is more YAML for its config (sections it does not set itself: `redis`, `webhook`…):
 * with a `redis` section it is one node of a cluster. `env` is added to its environment.
 * @param {{ webhookUrls?: string[], binary?: string, timeoutMs?: number, config?: string, env?: Record<string, string> }} [options]
 * @returns {Promise<RunningLivekit>}
 */
export async function startLivekit({ webhookUrls = [], binary, timeoutMs = 20000, config: more, env } = {}) {
  const bin = binary ?? findLivekitServer();
  const [port, tcpPort, udpPort] = await Promise.all([freeTcpPort(), freeTcpPort(), freeUdpPort()]);
  const config = livekitConfig({ port, tcpPort, udpPort, webhookUrls });
  if (more) config.push(more);
  const logDir = mkdtempSync(join(tmpdir(), 'convene-livekit-'));
  const logFile = join(logDir, 'livekit.log');
  const logFd = openSync(logFile, 'a');
  const args = ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--config-body', config.join('\n')];
  // The shell runs livekit-server and kills it as soon as our end of its stdin closes,
  // which happens however this process ends (even SIGKILL).
  const watchdog =
    'exec 3<&0; trap \'kill $pid 2>/dev/null\' EXIT TERM INT; "$0" "$@" </dev/null & pid=$!; ' +
    '(cat <&3 >/dev/null; kill $pid 2>/dev/null) & wait $pid';
  const child = spawn('/bin/sh', ['-c', watchdog, bin, ...args], {
    stdio: ['pipe', logFd, logFd],
    detached: true,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  closeSync(logFd);
  installExitHooks();
  running.add(child);
  const httpUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(httpUrl, child, logFile, timeoutMs);
  } catch (error) {
    killGroup(child, 'SIGKILL');
    running.delete(child);
    throw error;
  }
  let stopped = null;
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey: DEV_KEY,
    apiSecret: DEV_SECRET,
    port,
    logFile,
    stop() {
      // livekit-server's graceful shutdown waits for rooms to drain; nothing here needs it,
      // so the whole process group (shell, server, watchdog) is killed at once.
      stopped ??= new Promise((resolve) => {
        running.delete(child);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        killGroup(child, 'SIGKILL');
      });
      return stopped;
    },
  };
}
