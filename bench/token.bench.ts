/**
 * The token endpoint under load: Convene's (every check on) against two baselines in the same
 * run, a bare Express 5 route returning a constant and the naive endpoint from LiveKit's examples
 * (express.json() + AccessToken.toJwt()). 100 connections on 127.0.0.1, autocannon in this
 * process, the servers in a child process (this file, started with CONVENE_BENCH_TOKEN_CHILD=1).
 *
 * The endpoint under test mints for a public room without a capacity, which needs no LiveKit
 * call; the LiveKit URL is never dialled.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './lib.js';

const CONNECTIONS = 100;
const WARMUP_SECONDS = 1;
const SECONDS = 3;
const ROUNDS = 4;
const TARGETS = ['bare', 'naive', 'convene'] as const;
const KEY = 'devkey';
const SECRET = 'secret-secret-secret-secret-secret';
const LIVEKIT_URL = 'ws://127.0.0.1:7880';

type Target = 'bare' | 'naive' | 'convene';

/** In the child: the three servers on free ports; prints their ports as one JSON line. */
async function serve(): Promise<void> {
  const { default: express } = await import('express');
  const { AccessToken } = await import('livekit-server-sdk');
  const { createApp, parseConfig } = await import('../packages/server/src/index.js');
  const { testConfig } = await import('../test/harness/config.js');

  const bare = express();
  bare.post('/token', (_req, res) => {
    res.json({ ok: true });
  });

  // As in LiveKit's token-endpoint examples.
  const naive = express();
  naive.use(express.json());
  naive.post('/token', async (req, res) => {
    const { room_name: roomName, participant_name: participantName } = req.body;
    const at = new AccessToken(KEY, SECRET, {
      identity: `${participantName}-${Math.random().toString(36).slice(2)}`,
      name: participantName,
      ttl: '10m',
    });
    at.addGrant({ room: roomName, roomJoin: true, canPublish: true, canSubscribe: true });
    res.json({ server_url: LIVEKIT_URL, participant_token: await at.toJwt() });
  });

  const convene = createApp({
    config: parseConfig(await testConfig()),
    livekit: { url: LIVEKIT_URL, apiKey: KEY, apiSecret: SECRET },
    elementsDir: null,
    // The limiter still counts every request; its limit is set out of the way of the load.
    rateLimits: { tokens: { limit: 1e12, windowSeconds: 60 } },
    log: () => {},
  });

  const listen = (app: ReturnType<typeof express>) =>
    new Promise<number>((resolve) => {
      const server: Server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const ports: Record<Target, number> = {
    bare: await listen(bare),
    naive: await listen(naive),
    convene: await listen(convene),
  };
  process.stdout.write(`${JSON.stringify(ports)}\n`);
  // Ends with its parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const PATHS: Record<Target, string> = { bare: '/token', naive: '/token', convene: '/api/spaces/river-coop/token' };

function load(autocannon: Autocannon, target: Target, port: number, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
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
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, CONVENE_BENCH_TOKEN_CHILD: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const ports = JSON.parse(line.toString()) as Record<Target, number>;
    // Rounds alternate the targets (naive and Convene swap places each round), so that drift in
    // the machine's load falls on all of them; the ratios compare the two runs of each round.
    const runs: Record<Target, AutocannonResult[]> = { bare: [], naive: [], convene: [] };
    for (const target of TARGETS) await load(autocannon, target, ports[target], WARMUP_SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      const order: Target[] = round % 2 === 0 ? ['bare', 'naive', 'convene'] : ['convene', 'naive', 'bare'];
      for (const target of order) {
        const result = await load(autocannon, target, ports[target], SECONDS);
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
        }
        runs[target].push(result);
      }
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
    const p99Ratio = paired((r) => r.latency.p99);
    const { bare, naive, convene } = results;
    const group = 'token endpoint';
    const detail = `${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s, 127.0.0.1`;
    return [
      { group, name: 'bare Express 5 constant req/s', value: bare.rps, unit: 'req/s', detail },
      { group, name: 'naive LiveKit example req/s', value: naive.rps, unit: 'req/s', detail },
      { group, name: 'Convene req/s', value: convene.rps, unit: 'req/s', detail },
      { group, name: 'bare Express 5 constant p99', value: bare.p99, unit: 'ms' },
      { group, name: 'naive LiveKit example p99', value: naive.p99, unit: 'ms' },
      { group, name: 'Convene p99', value: convene.p99, unit: 'ms' },
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
        budget: { max: 1.0, label: '≤ 1.0' },
      },
    ];
  } finally {
    child.stdin?.end();
    child.kill();
  }
}

if (process.env.CONVENE_BENCH_TOKEN_CHILD === '1') await serve();
