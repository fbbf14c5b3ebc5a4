/**
 * Convene on several machines, on one: two `livekit-server` nodes sharing one Debian
 * `redis-server` (each on its own ports, the same key pair), two Convene server copies keeping
 * their store in that Redis, and Debian's nginx with TLS balancing both, as docs/DEPLOYING.md's
 * "Running on several machines" prints it. The configs are read from the guide: its LiveKit
 * cluster block is each node's extra config, and its nginx cluster file replaces the upstreams of
 * the single-machine site; only addresses, ports, the key pair and certificate paths are swapped.
 *
 * Browsers reach both copies and both nodes through nginx (`https://127.0.0.1:<port>/` and
 * `wss://livekit.coop.example:<port>`), and so do the copies LiveKit's API and LiveKit its
 * webhooks (each webhook reaches one copy). Used by test/e2e/cluster.test.ts and
 * bench/cluster.bench.ts; `stop()` ends it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Room } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import { createClient } from 'redis';
import type { TokenResponse } from '../../packages/server/src/index.js';
import { launchRedis } from '../../packages/server/test/redis-harness.js';
import {
  findLivekitServer,
  freeTcpPort,
  freeUdpPort,
  livekitConfig,
  startLivekit,
  type RunningLivekit,
} from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { startCopy, usageOf, type CopySettings, type Usage } from './convene-copy.js';
import { fencedBlock, selfSignedCertificate, startNginx, swap, type Certificate, type RunningNginx } from './nginx.js';
import { publishSmallTracks } from './node-participant.js';

// Loaded here only after node-participant.js has loaded it quietly (rtc-node reads NODE_ENV once, as it loads).
const rtc = await import('@livekit/rtc-node');

export const LIVEKIT_HOST = 'livekit.coop.example';

/** The co-op's page served by every copy: one script tag and the space's directory. */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>River Co-op: rooms</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/convene.js"></script>
  </head>
  <body>
    <convene-space server="/" space="river-coop"></convene-space>
  </body>
</html>
`;

export interface ClusterNode {
  /** `1` or `2`, as the guide's machines `10.0.0.11` and `10.0.0.12`. */
  readonly name: string;
  readonly livekit: RunningLivekit;
  /** LiveKit's own id of the node (`ND_…`), as Redis's room map names it. */
  readonly id: string;
  /** RoomService on this node. */
  readonly rooms: RoomServiceClient;
  /** Kills the node outright (SIGKILL): its rooms' media and signalling end at once. */
  kill(): Promise<void>;
  /**
   * Starts a killed node again on the same signalling port (nginx's upstream), as an operator's
   * restart does; it is then a new LiveKit node (a new `id`) with fresh RTC ports.
   */
  restart(): Promise<void>;
}

export interface ConveneCopy {
  readonly name: string;
  /** Its own address, past nginx: `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly process: ChildProcess;
  /** Kills the copy outright (SIGKILL). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Its CPU time and memory (after a full GC). */
  usage(): Promise<Usage>;
}

export interface Cluster {
  /** The balancer, as browsers reach it: `https://127.0.0.1:<port>`. */
  origin: string;
  /** What tokens tell browsers: `wss://livekit.coop.example:<port>`, nginx balancing both nodes. */
  livekitPublicUrl: string;
  cert: Certificate;
  /** Chromium's flags for this cluster: LiveKit's name on loopback, the test certificate trusted. */
  chromiumArgs: string[];
  redis: Awaited<ReturnType<typeof launchRedis>>;
  nodes: [ClusterNode, ClusterNode];
  copies: [ConveneCopy, ConveneCopy];
  nginx: RunningNginx;
  /** The id of the node a LiveKit room lives on, from LiveKit's room map in Redis; null if none. */
  nodeOfRoom(livekitRoom: string): Promise<string | null>;
  /** The LiveKit port of each connection nginx holds open to a node now (visitors' signalling). */
  signallingNodes(): Promise<number[]>;
  /** The ids of the nodes registered in Redis now. */
  liveNodes(): Promise<string[]>;
  /** Creates a LiveKit room on `node` (RoomService's node override, as LiveKit's tools do). */
  createRoomOn(node: ClusterNode, livekitRoom: string): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Presence polling of every copy, in ms: long, so that changes must come from webhooks. */
  pollMs?: number;
  /** Folder of the built embed (`builtEmbed()`), or null for an API-only cluster (the bench). */
  elementsDir: string | null;
  /** A space `bench` of this many rooms `r1`…`rN` on every copy (the bench). */
  benchRooms?: number;
}

const guide = () => readFileSync(join(root, 'docs', 'DEPLOYING.md'), 'utf8');

/** Starts it all; on any failure, stops what started and throws. */
export async function startCluster({ pollMs = 30_000, elementsDir, benchRooms }: ClusterOptions): Promise<Cluster> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  try {
    const text = guide();
    const [https, http, copyPortA, copyPortB] = await Promise.all([
      freeTcpPort(),
      freeTcpPort(),
      freeTcpPort(),
      freeTcpPort(),
    ]);
    const origin = `https://127.0.0.1:${https}`;
    const livekitPublicUrl = `wss://${LIVEKIT_HOST}:${https}`;
    const dir = mkdtempSync(join(tmpdir(), 'convene-cluster-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // nginx's own folder (it may run as nobody, who owns it then) holds the certificate and its logs.
    const nginxDir = mkdtempSync(join(tmpdir(), 'convene-nginx-'));
    cleanups.push(() => rmSync(nginxDir, { recursive: true, force: true }));
    const cert = selfSignedCertificate(nginxDir, ['convene.coop.example', LIVEKIT_HOST]);

    // Kept on disk, as the guide's Redis (`appendonly yes`): a restart loses nothing.
    const redis = await launchRedis({ persist: true });
    cleanups.push(() => redis.close());

    // Each node: startLivekit's own settings (ports, loopback) and the guide's cluster block.
    // Its webhooks go to the balancer over TLS; Go trusts the test certificate through SSL_CERT_FILE.
    const nodeConfig = swap(fencedBlock(text, '# livekit.yaml, on every node of a cluster'), [
      ['address: 10.0.0.5:6379', `address: 127.0.0.1:${redis.port}`, 1],
      ['api_key: APIa1b2c3d4e5f6', 'api_key: devkey', 1],
      ['https://convene.coop.example/api/livekit/webhook', `${origin}/api/livekit/webhook`, 1],
    ]);
    // One after the other, each retried: a free port picked for one may be taken before it binds.
    const started: ClusterNode[] = [];
    for (const name of ['1', '2']) {
      const livekit = await withRetries(3, () =>
        startLivekit({ config: nodeConfig, env: { SSL_CERT_FILE: cert.certFile } }),
      );
      const node = await clusterNode(name, livekit, nodeConfig, { SSL_CERT_FILE: cert.certFile });
      cleanups.push(() => node.kill());
      started.push(node);
    }
    const nodes = started as [ClusterNode, ClusterNode];

    // The copies (on the guide's machines 10.0.0.11 and 10.0.0.12, beside nodes 1 and 2).
    const pageDir = join(dir, 'page');
    mkdirSync(pageDir);
    writeFileSync(join(pageDir, 'index.html'), PAGE);
    const copies = (await Promise.all(
      (
        [
          ['A', copyPortA],
          ['B', copyPortB],
        ] as const
      ).map(async ([name, port]) => {
        const copy = await conveneCopy(name, {
          port,
          // LiveKit's API through the balancer too: whichever node is up answers.
          livekit: {
            url: `https://${LIVEKIT_HOST}:${https}`,
            publicUrl: livekitPublicUrl,
            apiKey: nodes[0].livekit.apiKey,
            apiSecret: nodes[0].livekit.apiSecret,
          },
          redisUrl: redis.url,
          allowedOrigins: [origin],
          pollMs,
          elementsDir,
          staticDir: pageDir,
          ...(benchRooms ? { benchRooms } : {}),
          balancerNames: [LIVEKIT_HOST],
          caFile: cert.certFile,
        });
        cleanups.push(() => copy.kill());
        return copy;
      }),
    )) as [ConveneCopy, ConveneCopy];

    // nginx: the guide's single-machine site without its upstreams, and the cluster file.
    const upstreams = swap(fencedBlock(text, '# /etc/nginx/conf.d/convene-cluster.conf'), [
      ['server 10.0.0.11:8080', `server 127.0.0.1:${copyPortA}`, 1],
      ['server 10.0.0.12:8080', `server 127.0.0.1:${copyPortB}`, 1],
      ['server 10.0.0.11:7880', `server 127.0.0.1:${nodes[0].livekit.port}`, 1],
      ['server 10.0.0.12:7880', `server 127.0.0.1:${nodes[1].livekit.port}`, 1],
    ]);
    const site = swap(fencedBlock(text, '# /etc/nginx/sites-available/convene'), [
      [/^upstream convene \{\n[^}]*\}\n/m, '', 1],
      [/^upstream livekit \{\n[^}]*\}\n/m, '', 1],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${https} ssl http2;`, 2],
      ['listen [::]:443 ssl http2;', '', 2],
      ['listen 80;', `listen 127.0.0.1:${http};`, 1],
      ['listen [::]:80;', '', 1],
      ['/etc/letsencrypt/live/convene.coop.example/fullchain.pem', cert.certFile, 2],
      ['/etc/letsencrypt/live/convene.coop.example/privkey.pem', cert.keyFile, 2],
      ['/var/log/nginx/livekit-access.log', join(nginxDir, 'livekit-access.log'), 1],
    ]);
    const nginx = await startNginx({ site: `${upstreams}\n${site}`, port: https, dir: nginxDir, stopWithTests: false });
    cleanups.push(() => nginx.stop());

    const roomMap = createClient({ url: redis.url, disableOfflineQueue: true, socket: { reconnectStrategy: 200 } });
    roomMap.on('error', () => {});
    await roomMap.connect();
    cleanups.push(() => void roomMap.destroy());

    return {
      origin,
      livekitPublicUrl,
      cert,
      chromiumArgs: [
        `--host-resolver-rules=MAP ${LIVEKIT_HOST} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${cert.spki}`,
      ],
      redis,
      nodes,
      copies,
      nginx,
      async nodeOfRoom(livekitRoom) {
        return (await roomMap.hGet('room_node_map', livekitRoom)) ?? null;
      },
      async signallingNodes() {
        const ports = new Set(nodes.map((node) => node.livekit.port));
        return connectionsOf([nginx.pid, ...childrenOf(nginx.pid)]).filter((port) => ports.has(port));
      },
      async liveNodes() {
        return roomMap.hKeys('nodes');
      },
      async createRoomOn(node, livekitRoom) {
        await node.rooms.createRoom({ name: livekitRoom, nodeId: node.id, emptyTimeout: 300 });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `start()`, tried again (at most `times` in all) when it fails with a port taken meanwhile. */
async function withRetries<T>(times: number, start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= times || !/address already in use/.test(String(error))) throw error;
    }
  }
}

/** LiveKit logs its node id once, when it starts: "starting LiveKit server … nodeID". */
function nodeIdOf(name: string, logFile: string): string {
  const log = readFileSync(logFile, 'utf8');
  const ids = [...log.matchAll(/"nodeID": "(ND_[A-Za-z0-9]+)"/g)];
  const id = ids[ids.length - 1]?.[1];
  if (!id) throw new Error(`livekit-server node ${name} logged no node id:\n${log}`);
  return id;
}

async function clusterNode(
  name: string,
  first: RunningLivekit,
  nodeConfig: string,
  env: Record<string, string>,
): Promise<ClusterNode> {
  let livekit = first;
  let id = nodeIdOf(name, first.logFile);
  return {
    name,
    get livekit() {
      return livekit;
    },
    get id() {
      return id;
    },
    rooms: new RoomServiceClient(first.httpUrl, first.apiKey, first.apiSecret, { requestTimeout: 15 }),
    kill: () => livekit.stop(),
    async restart() {
      await livekit.stop();
      livekit = await restartOn(first, nodeConfig, env);
      id = nodeIdOf(name, livekit.logFile);
    },
  };
}

/**
 * livekit-server started again on `before`'s signalling port (and its log file), with new RTC
 * ports: as startLivekit() starts one, and stopped the same way (its whole process group).
 */
async function restartOn(
  before: RunningLivekit,
  nodeConfig: string,
  env: Record<string, string>,
): Promise<RunningLivekit> {
  const [tcpPort, udpPort] = await Promise.all([freeTcpPort(), freeUdpPort()]);
  const config = [...livekitConfig({ port: before.port, tcpPort, udpPort }), nodeConfig].join('\n');
  const log = openSync(before.logFile, 'a');
  const child = spawn(
    findLivekitServer(),
    ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--config-body', config],
    { stdio: ['ignore', log, log], detached: true, env: { ...process.env, ...env } },
  );
  closeSync(log);
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      process.off('exit', killGroup);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      killGroup();
    }));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`livekit-server exited at restart (${child.exitCode}); see ${before.logFile}`);
    const ok = await fetch(before.httpUrl, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`livekit-server did not answer on port ${before.port} within 20 s of a restart`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { ...before, stop };
}

async function conveneCopy(name: string, settings: CopySettings): Promise<ConveneCopy> {
  let child = await startCopy(settings);
  const copy: ConveneCopy = {
    name,
    baseUrl: `http://127.0.0.1:${settings.port}`,
    get process() {
      return child;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    async start() {
      if (child.exitCode === null && child.signalCode === null) return;
      child = await startCopy(settings);
    },
    usage: () => usageOf(child),
  };
  return copy;
}

/** A lightweight real participant (`@livekit/rtc-node`) signalling through one chosen node. */
export interface NodeVisitor {
  identity: string;
  room: Room;
  /** Connection events it has seen: `reconnecting`, `reconnected`, `disconnected`. */
  events: string[];
  leave(): Promise<void>;
}

/**
 * Asks `copy` for a token (as a browser does) and joins through `node`'s signalling, whichever
 * node the room lives on. With `publish: 'audio'` it sends a small tone (a microphone track), with
 * `'video'` (or `true`) a small video too (64×64, five frames a second): media for LiveKit to carry.
 */
export async function joinThrough(
  copy: ConveneCopy,
  node: ClusterNode,
  room: string,
  name: string,
  {
    publish = false,
    timeoutMs = 20_000,
    space = 'river-coop',
  }: { publish?: boolean | 'audio' | 'video'; timeoutMs?: number; space?: string } = {},
): Promise<NodeVisitor> {
  const answer = await fetch(`${copy.baseUrl}/api/spaces/${space}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: name }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (answer.status !== 201) throw new Error(`token for ${name}: ${answer.status} ${await answer.text()}`);
  const token = (await answer.json()) as TokenResponse;
  const lk = new rtc.Room();
  const events: string[] = [];
  lk.on(rtc.RoomEvent.Reconnecting, () => events.push('reconnecting'))
    .on(rtc.RoomEvent.Reconnected, () => events.push('reconnected'))
    .on(rtc.RoomEvent.Disconnected, () => events.push('disconnected'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      lk.connect(node.livekit.url, token.participant_token, { autoSubscribe: false, dynacast: false }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not connect in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await lk.disconnect().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const stops: (() => Promise<void>)[] = [];
  if (publish) stops.push(await publishSmallTracks(lk, publish !== 'audio'));
  return {
    identity: token.identity,
    room: lk,
    events,
    async leave() {
      for (const stop of stops) await stop().catch(() => {});
      await lk.disconnect().catch(() => {});
    },
  };
}

/** The processes whose parent is `pid` (Linux's /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The remote ports of the established IPv4 TCP connections the processes `pids` hold (Linux's /proc). */
function connectionsOf(pids: number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = (() => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        })();
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      }
    } catch {
      // gone
    }
  }
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[3] === '01' && inodes.has(cols[9] ?? ''))
    .map((cols) => parseInt(cols[2]?.split(':')[1] ?? '0', 16));
}
