/**
 * The token endpoint under load: Convene's (every check on) against two baselines in the same
 * run, a bare Express 5 route returning a constant and the naive endpoint from LiveKit's examples
 * (express.json() + AccessToken.toJwt()). 100 connections on 127.0.0.1, autocannon in this
 * process, each server in a child process of its own (this file, started with
 * CONVENE_BENCH_TOKEN_CHILD=<target>): one heap and one event loop per server, so that the garbage
 * one leaves behind is not collected during another's run (with the three in one process, a
 * major collection of naive's garbage could fall in Convene's run, and the other way round).
 *
 * Throughput is measured flat out. The tail is measured apart, at one offered rate for both (half
 * of what naive answers flat out in this run): flat out on a 2-core machine, autocannon (in this
 * process) is saturated too, and a p99 there is mostly the load generator's own queue, longer for
 * the server that answers faster and with more bytes. At the same rate the p99 says how long each
 * server keeps a request when both have the same work to do.
 *
 * The endpoint under test mints for a public room without a capacity, which needs no LiveKit
 * call; the LiveKit URL is never dialled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './lib.js';

const CONNECTIONS = 100;
const WARMUP_SECONDS = 1;
const SECONDS = 3;
const ROUNDS = 4;
/** The tail's offered rate, as a share of naive's flat-out throughput in the same run. */
const TAIL_RATE_SHARE = 0.5;
const TARGETS = ['bare', 'naive', 'convene'] as const;
const KEY = 'devkey';
const SECRET = 'secret-secret-secret-secret-secret';
const LIVEKIT_URL = 'ws://127.0.0.1:7880';

type Target = 'bare' | 'naive' | 'convene';

/** In a child: `target`'s server on a free port; prints the port as one line. */
async function serve(target: Target): Promise<void> {
  const { default: express } = await import('express');
  let app: ReturnType<typeof express>;
  if (target === 'bare') {
    app = express();
    app.post('/token', (_req, res) => {
      res.json({ ok: true });
    });
  } else if (target === 'naive') {
    // As in LiveKit's token-endpoint examples.
    const { AccessToken } = await import('livekit-server-sdk');
    app = express();
    app.use(express.json());
    app.post('/token', async (req, res) => {
      const { room_name: roomName, participant_name: participantName } = req.body;
      const at = new AccessToken(KEY, SECRET, {
        identity: `${participantName}-${Math.random().toString(36).slice(2)}`,
        name: participantName,
        ttl: '10m',
      });
      at.addGrant({ room: roomName, roomJoin: true, canPublish: true, canSubscribe: true });
      res.json({ server_url: LIVEKIT_URL, participant_token: await at.toJwt() });
    });
  } else {
    const { createApp, parseConfig } = await import('../packages/server/src/index.js');
    const { testConfig } = await import('../test/harness/config.js');
    app = createApp({
      config: parseConfig(await testConfig()),
      livekit: { url: LIVEKIT_URL, apiKey: KEY, apiSecret: SECRET },
      elementsDir: null,
      // The limiter still counts every request; its limit is set out of the way of the load.
      rateLimits: { tokens: { limit: 1e12, windowSeconds: 60 } },
      log: () => {},
    });
  }
  const port = await new Promise<number>((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  process.stdout.write(`${port}\n`);
  // Ends with its parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

/** Starts `target`'s server in a child process of its own; resolves with it and its port. */
async function start(target: Target): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, CONVENE_BENCH_TOKEN_CHILD: target },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout as NonNullable<typeof child.stdout>, 'data')) as [Buffer];
  return { child, port: Number(line.toString().trim()) };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const PATHS: Record<Target, string> = { bare: '/token', naive: '/token', convene: '/api/spaces/river-coop/token' };

function load(
  autocannon: Autocannon,
  target: Target,
  port: number,
  seconds: number,
  overallRate = 0,
): Promise<AutocannonResult> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    // Without it, as fast as the server answers; with it, this many requests per second over all connections.
    ...(overallRate > 0 ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: PATHS[target],
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ room_name: 'lobby', participant_name: 'Ada Lovelace' }),
      },
    ],
  });
}

export default async function tokenBench(): Promise<BenchRow[]> {
  const autocannon = (await import('autocannon')).default as unknown as Autocannon;
  const children: ChildProcess[] = [];
  try {
    const ports = {} as Record<Target, number>;
    for (const target of TARGETS) {
      const { child, port } = await start(target);
      children.push(child);
      ports[target] = port;
    }
    // Rounds alternate the targets (naive and Convene swap places each round), so that drift in
    // the machine's load falls on all of them; the ratios compare the two runs of each round.
    const runs: Record<Target, AutocannonResult[]> = { bare: [], naive: [], convene: [] };
    const checked = (target: Target, result: AutocannonResult) => {
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
      }
      return result;
    };
    for (const target of TARGETS) await load(autocannon, target, ports[target], WARMUP_SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      const order: Target[] = round % 2 === 0 ? ['bare', 'naive', 'convene'] : ['convene', 'naive', 'bare'];
      for (const target of order)
        runs[target].push(checked(target, await load(autocannon, target, ports[target], SECONDS)));
    }
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    const summary = (target: Target) => ({
      rps: mean(runs[target].map((r) => r.requests.average)),
      p99: mean(runs[target].map((r) => r.latency.p99)),
    });
    const results = { bare: summary('bare'), naive: summary('naive'), convene: summary('convene') };
    const median = (list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const middle = sorted.length / 2;
      return sorted.length % 2
        ? (sorted[Math.floor(middle)] as number)
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    };
    const paired = (pick: (r: AutocannonResult) => number) =>
      median(runs.convene.map((c, i) => pick(c) / pick(runs.naive[i] as AutocannonResult)));
    const throughputRatio = paired((r) => r.requests.average);
    const flatOutP99Ratio = paired((r) => r.latency.p99);
    // The tail at one offered rate for both, naive and Convene alternating.
    const rate = Math.max(CONNECTIONS, Math.round(TAIL_RATE_SHARE * median(runs.naive.map((r) => r.requests.average))));
    const tail: Record<'naive' | 'convene', AutocannonResult[]> = { naive: [], convene: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of round % 2 === 0 ? (['naive', 'convene'] as const) : (['convene', 'naive'] as const)) {
        tail[target].push(checked(target, await load(autocannon, target, ports[target], SECONDS, rate)));
      }
    }
    const p99Ratio = median(
      tail.convene.map((c, i) => c.latency.p99 / (tail.naive[i] as AutocannonResult).latency.p99),
    );
    const tailP99 = (target: 'naive' | 'convene') => median(tail[target].map((r) => r.latency.p99));
    const { bare, naive, convene } = results;
    const group = 'token endpoint';
    const detail = `${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s, 127.0.0.1`;
    return [
      { group, name: 'bare Express 5 constant req/s', value: bare.rps, unit: 'req/s', detail },
      { group, name: 'naive LiveKit example req/s', value: naive.rps, unit: 'req/s', detail },
      { group, name: 'Convene req/s', value: convene.rps, unit: 'req/s', detail },
      { group, name: 'bare Express 5 constant p99, flat out', value: bare.p99, unit: 'ms' },
      { group, name: 'naive LiveKit example p99, flat out', value: naive.p99, unit: 'ms' },
      { group, name: 'Convene p99, flat out', value: convene.p99, unit: 'ms' },
      {
        group,
        name: 'Convene p99 / naive p99, flat out',
        value: flatOutP99Ratio,
        unit: 'x',
        detail: `median of ${ROUNDS} paired rounds; the load generator saturated too (see the budgeted row)`,
      },
      { group, name: `naive LiveKit example p99 at ${rate} req/s`, value: tailP99('naive'), unit: 'ms' },
      { group, name: `Convene p99 at ${rate} req/s`, value: tailP99('convene'), unit: 'ms' },
      {
        group,
        name: 'Convene / naive throughput',
        value: throughputRatio,
        unit: 'x',
        detail: `median of ${ROUNDS} paired rounds; vs the bare route: ${(convene.rps / bare.rps).toFixed(2)}x`,
        budget: { min: 1.0, label: '≥ 1.0' },
      },
      {
        group,
        name: 'Convene p99 / naive p99',
        value: p99Ratio,
        unit: 'x',
        detail: `at ${rate} req/s for both (${TAIL_RATE_SHARE} × naive flat out), median of ${ROUNDS} paired rounds`,
        budget: { max: 1.0, label: '≤ 1.0' },
      },
    ];
  } finally {
    for (const child of children) {
      child.stdin?.end();
      child.kill();
    }
  }
}

const childTarget = process.env.CONVENE_BENCH_TOKEN_CHILD;
if (childTarget) await serve(TARGETS.find((t) => t === childTarget) ?? 'convene');
