/**
 * Presence fan-out: 2,000 SSE subscribers on one space, a real participant joining and leaving
 * from Chromium, and the time from each change (the browser's `room.connect()` resolving, or its
 * `disconnect()`) to every subscriber seeing it. Also the server's memory per subscriber.
 *
 * A real livekit-server on 127.0.0.1 sends its webhooks to the token server, which runs in a child
 * process (this file, started with CONVENE_BENCH_SSE_CHILD=1) so that its memory is its own.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { percentile, subscribePresence, type BenchRow } from './lib.js';

const SUBSCRIBERS = 2000;
const CHANGES = 4;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

/** In the child: the token server, answering `memory` messages with its usage after a full GC. */
async function serve(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const { createApp, parseConfig } = await import('../packages/server/src/index.js');
  const { testConfig } = await import('../test/harness/config.js');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const require = createRequire(import.meta.url);
  const app = createApp({
    config: parseConfig(await testConfig()),
    livekit: {
      url: process.env.LIVEKIT_URL as string,
      apiKey: process.env.LIVEKIT_API_KEY as string,
      apiSecret: process.env.LIVEKIT_API_SECRET as string,
    },
    elementsDir: null,
    // Serves livekit-client's ESM build for the participant's page.
    staticDir: dirname(require.resolve('livekit-client')),
    rateLimits: { streamsPerClient: SUBSCRIBERS * 2, tokens: false },
    log: () => {},
  });
  const port = Number(process.env.PORT);
  app.listen(port, '127.0.0.1', () => process.send?.({ ready: true }));
  process.on('message', (message: { memory?: boolean }) => {
    if (!message.memory) return;
    gc();
    gc();
    const { rss, heapUsed, external } = process.memoryUsage();
    process.send?.({ memory: { rss, heapUsed, external } satisfies Memory });
  });
  process.on('disconnect', () => process.exit(0));
}

/** One SSE subscriber: records when it sees the lobby's count become `want`. */
class Subscriber {
  count = -1;
  #waiting: { want: number; resolve: (at: number) => void } | null = null;
  #stream: { close(): void };

  constructor(url: string, agent: Agent, ready: () => void) {
    this.#stream = subscribePresence(
      url,
      (rooms) => {
        const first = this.count === -1;
        this.count = rooms.find((r) => r.slug === 'lobby')?.count ?? -1;
        if (first) ready();
        if (this.#waiting && this.count === this.#waiting.want) {
          this.#waiting.resolve(Date.now());
          this.#waiting = null;
        }
      },
      agent,
    );
  }

  seen(want: number): Promise<number> {
    return new Promise((resolve) => (this.#waiting = { want, resolve }));
  }

  close() {
    this.#stream.close();
  }
}

export default async function sseBench(): Promise<BenchRow[]> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROMIUM_ARGS, findChromium } = await import('../scripts/lib/chromium.mjs');
  const { freeTcpPort, startLivekit } = await import('../scripts/lib/livekit.mjs');

  const port = await freeTcpPort();
  const base = `http://127.0.0.1:${port}`;
  const livekit = await startLivekit({ webhookUrls: [`${base}/api/livekit/webhook`] });
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      CONVENE_BENCH_SSE_CHILD: '1',
      PORT: String(port),
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the token server exited (${code})`);
  });
  exited.catch(() => {});
  /** The child's next message that has `key`, or its exit as an error. */
  const fromChild = <T>(key: string): Promise<T> =>
    Promise.race([
      new Promise<T>((resolve) => {
        const listener = (message: Record<string, T>) => {
          if (!(key in message)) return;
          child.off('message', listener);
          resolve(message[key] as T);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const memory = () => {
    const answer = fromChild<Memory>('memory');
    child.send({ memory: true });
    return answer;
  };
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const subscribers: Subscriber[] = [];
  try {
    await fromChild<boolean>('ready');
    // One subscriber first, so that the poller and the first snapshot exist before the baseline.
    await new Promise<void>((resolve) =>
      subscribers.push(new Subscriber(`${base}/api/spaces/river-coop/events`, agent, resolve)),
    );
    const before = await memory();
    let connected = 1;
    await new Promise<void>((resolve) => {
      for (let i = 1; i < SUBSCRIBERS; i++) {
        subscribers.push(
          new Subscriber(`${base}/api/spaces/river-coop/events`, agent, () => {
            if (++connected === SUBSCRIBERS) resolve();
          }),
        );
      }
    });
    const after = await memory();

    const page = await browser.newPage();
    await page.goto(`${base}/livekit-client.esm.mjs`);
    const latencies: number[] = [];
    const lastPerChange: number[] = [];
    const spread: number[] = [];
    for (let change = 0; change < CHANGES; change++) {
      const joining = change % 2 === 0;
      const seen = Promise.all(subscribers.map((s) => s.seen(joining ? 1 : 0)));
      const changedAt: number = joining
        ? await page.evaluate(async (tokenUrl: string) => {
            const lk = await import('/livekit-client.esm.mjs' as string);
            const response = await fetch(tokenUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ room_name: 'lobby', participant_name: 'Bench' }),
            });
            const { server_url, participant_token } = await response.json();
            const room = new lk.Room();
            (globalThis as any).room = room;
            await room.connect(server_url, participant_token);
            return Date.now();
          }, `${base}/api/spaces/river-coop/token`)
        : await page.evaluate(async () => {
            await (globalThis as any).room.disconnect();
            return Date.now();
          });
      const arrivals = await seen;
      for (const at of arrivals) latencies.push(Math.max(0, at - changedAt));
      lastPerChange.push(Math.max(...arrivals) - changedAt);
      spread.push(Math.max(...arrivals) - Math.min(...arrivals));
    }
    latencies.sort((a, b) => a - b);
    const group = 'presence SSE';
    const detail = `${SUBSCRIBERS} subscribers, ${CHANGES} real joins/leaves`;
    return [
      {
        group,
        name: 'change → subscriber p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        detail: `${detail}; p50 ${percentile(latencies, 50)} ms`,
        budget: { max: 1000, label: '≤ 1000 ms' },
      },
      { group, name: 'change → last subscriber (worst)', value: Math.max(...lastPerChange), unit: 'ms', detail },
      { group, name: 'first → last subscriber (fan-out)', value: Math.max(...spread), unit: 'ms', detail },
      {
        group,
        name: 'server memory per subscriber (RSS)',
        value: Math.round((after.rss - before.rss) / (SUBSCRIBERS - 1)),
        unit: 'B',
        detail: `heap ${Math.round((after.heapUsed - before.heapUsed) / (SUBSCRIBERS - 1))} B per subscriber`,
      },
    ];
  } finally {
    for (const s of subscribers) s.close();
    agent.destroy();
    await browser.close();
    child.kill();
    await livekit.stop();
  }
}

if (process.env.CONVENE_BENCH_SSE_CHILD === '1') await serve();
