/**
 * One Convene server copy of the cluster harness (./cluster.ts), in a process of its own so that
 * it can be killed outright and its CPU and memory are its own: the standalone app with the test
 * config, its store in Redis, LiveKit's API on its own machine's node. Started by `startCopy()`
 * with its settings in CONVENE_COPY (JSON); it ends when its parent does (the IPC channel
 * closes), and answers `usage` messages with its CPU time and memory after a full GC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface CopySettings {
  port: number;
  /** The node's API (`http://127.0.0.1:<port>`) and what browsers are told to use. */
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string };
  redisUrl: string;
  allowedOrigins: string[];
  pollMs: number;
  elementsDir: string | null;
  staticDir?: string;
  /** With a number, a space `bench` of that many public rooms `r1`…`rN` besides the test config's. */
  benchRooms?: number;
  /** Host names this copy resolves to 127.0.0.1, as DNS would lead them to the balancer. */
  balancerNames?: string[];
  /** A certificate (PEM file) this copy trusts besides the usual ones: the balancer's. */
  caFile?: string;
}

export interface Usage {
  /** CPU time used so far, user + system, in ms. */
  cpuMs: number;
  /** Resident set size and V8 heap in use after a full GC, in bytes. */
  rss: number;
  heapUsed: number;
}

const FILE = fileURLToPath(import.meta.url);

/** Starts a copy and resolves once it listens. */
export async function startCopy(settings: CopySettings): Promise<ChildProcess> {
  const child = fork(FILE, [], {
    execArgv: ['--conditions=convene:source', '--import', 'tsx', '--expose-gc'],
    env: {
      ...process.env,
      CONVENE_COPY: JSON.stringify(settings),
      ...(settings.caFile ? { NODE_EXTRA_CA_CERTS: settings.caFile } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`a Convene copy exited at start-up (${String(code)})`);
    }),
  ])) as [{ ready?: boolean }];
  if (!message.ready) throw new Error('a Convene copy did not say it was ready');
  return child;
}

/** Asks a copy for its CPU time and memory. */
export async function usageOf(child: ChildProcess): Promise<Usage> {
  child.send({ usage: true });
  for (;;) {
    const [message] = (await once(child, 'message')) as [{ usage?: Usage }];
    if (message.usage) return message.usage;
  }
}

async function serve(settings: CopySettings): Promise<void> {
  if (settings.balancerNames?.length) {
    // The balancer's names lead to this machine, as Chromium's --host-resolver-rules do for the browsers.
    const dns = (await import('node:dns')).default;
    const lookup = dns.lookup;
    const names = new Set(settings.balancerNames);
    dns.lookup = ((host: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
      const opts = (typeof options === 'object' && options ? options : {}) as { all?: boolean };
      if (!names.has(host)) return (lookup as (...args: unknown[]) => void)(host, options, callback);
      if (opts.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    }) as typeof dns.lookup;
  }
  const { createApp, createStore, parseConfig } = await import('../../packages/server/src/index.js');
  const { testConfig } = await import('./config.js');
  const store = createStore({ redisUrl: settings.redisUrl, log: () => {} });
  const config = await testConfig({ allowedOrigins: settings.allowedOrigins });
  if (settings.benchRooms) {
    const rooms = Array.from({ length: settings.benchRooms }, (_, i) => ({
      slug: `r${i + 1}`,
      name: `Room ${i + 1}`,
      access: 'public' as const,
    }));
    config.spaces.push({ slug: 'bench', name: 'Bench', entrance: 'r1', allowedOrigins: [], rooms });
  }
  const app = createApp({
    config: parseConfig(config, 'test config'),
    livekit: settings.livekit,
    store,
    elementsDir: settings.elementsDir,
    ...(settings.staticDir ? { staticDir: settings.staticDir } : {}),
    trustProxy: 'loopback',
    presence: { pollMs: settings.pollMs },
    // Every visitor comes from 127.0.0.1 here: room for a whole suite and a bench.
    rateLimits: {
      tokens: { limit: 5000, windowSeconds: 60 },
      tableTokens: false,
      moderation: false,
      health: false,
      streamsPerClient: 5000,
    },
    log: () => {},
  });
  await app.ready();
  const server = app.listen(settings.port, '127.0.0.1', () => process.send?.({ ready: true }));
  server.on('error', (error) => {
    console.error('a Convene copy could not listen', error);
    process.exit(1);
  });
  process.on('message', (message: { usage?: boolean }) => {
    if (!message.usage) return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const cpu = process.cpuUsage();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ usage: { cpuMs: (cpu.user + cpu.system) / 1000, rss, heapUsed } satisfies Usage });
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.env.CONVENE_COPY && process.argv[1] === FILE) {
  await serve(JSON.parse(process.env.CONVENE_COPY) as CopySettings);
}
