/**
 * Stage rooms (issue 17): 150 audience members joining in 30 s (real LiveKit clients from
 * `@livekit/rtc-node`, each with a real token), and what the Convene server does meanwhile: token
 * latency, the delay from a join to the presence stream's count, its memory (RSS); then the time
 * from a moderator's "bring up" to the new speaker's first camera frame on another page (Chromium).
 *
 * The token server runs in a child process (this file, with CONVENE_BENCH_STAGE_CHILD=1), so that
 * its memory is its own.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { percentile, subscribePresence, type BenchRow } from './lib.js';

const AUDIENCE = 150;
const OVER_MS = 30_000;
const BRING_UPS = 3;

/** In the child: the token server, answering `memory` messages with its RSS (no GC: as it is). */
async function serve(): Promise<void> {
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const { createApp, parseConfig } = await import('../packages/server/src/index.js');
  const { testConfig, testStageSpace } = await import('../test/harness/config.js');
  const config = await testConfig();
  config.spaces.push(await testStageSpace());
  const require = createRequire(import.meta.url);
  const app = createApp({
    config: parseConfig(config),
    livekit: {
      url: process.env.LIVEKIT_URL as string,
      apiKey: process.env.LIVEKIT_API_KEY as string,
      apiSecret: process.env.LIVEKIT_API_SECRET as string,
    },
    elementsDir: null,
    staticDir: dirname(require.resolve('livekit-client')),
    // One address asks for everyone here; in a meeting each person asks once from their own.
    rateLimits: { tokens: false, moderation: false },
    log: () => {},
  });
  app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
  process.on('message', (message: { memory?: boolean }) => {
    if (message.memory) process.send?.({ memory: process.memoryUsage().rss });
  });
  process.on('disconnect', () => process.exit(0));
}

export default async function stageBench(): Promise<BenchRow[]> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROMIUM_ARGS, findChromium } = await import('../scripts/lib/chromium.mjs');
  const { freeTcpPort, startLivekit } = await import('../scripts/lib/livekit.mjs');
  // The audience, spread over child processes: rtc-node 1.1 breaks at about 45–50 in one.
  const { startCrowd } = await import('../test/harness/node-crowd.js');
  const { TEST_CODES } = await import('../test/harness/config.js');

  const port = await freeTcpPort();
  const base = `http://127.0.0.1:${port}`;
  const livekit = await startLivekit({ webhookUrls: [`${base}/api/livekit/webhook`] });
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      CONVENE_BENCH_STAGE_CHILD: '1',
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
  const rss = () => {
    const answer = fromChild<number>('memory');
    child.send({ memory: true });
    return answer;
  };
  const token = async (name: string, extra: Record<string, unknown> = {}) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/spaces/assembly/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room_name: 'hall', participant_name: name, ...extra }),
    });
    const body = await response.json();
    if (response.status !== 201) throw new Error(`token: ${response.status} ${JSON.stringify(body)}`);
    return { body, ms: performance.now() - started };
  };

  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const audience = startCrowd({ perProcess: 30, expect: AUDIENCE });
  let presence: { close(): void } | undefined;
  try {
    await fromChild<boolean>('ready');
    const baseline = await rss();

    // The presence stream, noting when the hall's count first reaches each figure.
    const countSeenAt = new Map<number, number>();
    presence = subscribePresence(`${base}/api/spaces/assembly/events`, (rooms) => {
      const count = rooms.find((r) => r.slug === 'hall')?.count ?? 0;
      for (let n = 1; n <= count; n++) if (!countSeenAt.has(n)) countSeenAt.set(n, Date.now());
    });

    // 150 joins spread over 30 s: a token, then a real connection.
    const tokenMs: number[] = [];
    const joinedAt: number[] = [];
    let peak = baseline;
    const sampler = setInterval(() => void rss().then((value) => (peak = Math.max(peak, value))), 500);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: AUDIENCE }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * OVER_MS) / AUDIENCE));
        const { body, ms } = await token(`Member ${i + 1}`);
        tokenMs.push(ms);
        await audience.join(body, { timeoutMs: 30_000, attempts: 2 });
        joinedAt.push(Date.now());
      }),
    );
    const joinSpan = Date.now() - started;
    // Wait (bounded) for the stream to count everyone.
    for (let waited = 0; !countSeenAt.has(AUDIENCE) && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    clearInterval(sampler);
    const withAudience = await rss();
    joinedAt.sort((a, b) => a - b);
    const presenceDelay = joinedAt
      .map((at, index) => (countSeenAt.get(index + 1) ?? Number.NaN) - at)
      .map((delay) => Math.max(0, delay))
      .filter((delay) => Number.isFinite(delay))
      .sort((a, b) => a - b);
    tokenMs.sort((a, b) => a - b);

    // Bring up → first frame: a moderator, a watcher, and Ada in the audience with her camera ready.
    const [moderator, watcher, ada] = await Promise.all([
      token('Moderator', { moderator_code: TEST_CODES.moderator }),
      token('Watcher'),
      token('Ada'),
    ]);
    const open = async (details: { server_url: string; participant_token: string }, comesUp: boolean) => {
      const page = await browser.newPage();
      await page.goto(`${base}/livekit-client.esm.mjs`);
      await page.evaluate('globalThis.__name = (fn) => fn');
      await page.evaluate(
        async (url: string, participantToken: string, up: boolean) => {
          const lk = await import('/livekit-client.esm.mjs' as string);
          const w = window as any;
          const room = new lk.Room();
          w.room = room;
          w.firstFrameAt = {};
          room.on(lk.RoomEvent.TrackSubscribed, (track: any, _pub: unknown, participant: any) => {
            if (track.kind !== 'video') return;
            const video = track.attach() as HTMLVideoElement;
            video.muted = true;
            document.body.append(video);
            video.requestVideoFrameCallback(() => (w.firstFrameAt[participant.identity] ??= Date.now()));
          });
          // As the elements do on a bring-up: publish once LiveKit says they may.
          if (up) {
            room.on(lk.RoomEvent.ParticipantPermissionsChanged, () => {
              if (room.localParticipant.permissions?.canPublish) void room.localParticipant.setCameraEnabled(true);
            });
          }
          await room.connect(url, participantToken);
        },
        details.server_url,
        details.participant_token,
        comesUp,
      );
      return page;
    };
    const pages = [await open(moderator.body, false), await open(watcher.body, false), await open(ada.body, true)];
    const watcherPage = pages[1] as (typeof pages)[number];
    // Only the tab in front renders: a hidden one never calls requestVideoFrameCallback.
    await watcherPage.bringToFront();
    const firstFrame: number[] = [];
    const moderate = (action: string) =>
      fetch(`${base}/api/spaces/assembly/rooms/hall/moderation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${moderator.body.participant_token}` },
        body: JSON.stringify({ action, identity: ada.body.identity }),
      });
    for (let round = 0; round < BRING_UPS; round++) {
      await watcherPage.evaluate(() => ((window as any).firstFrameAt = {}));
      const broughtAt = Date.now();
      await moderate('bring-up');
      for (let waited = 0; waited < 15_000; waited += 50) {
        const at = await watcherPage.evaluate(
          (identity: string) => (window as any).firstFrameAt[identity] as number | undefined,
          ada.body.identity,
        );
        if (at) {
          firstFrame.push(at - broughtAt);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await moderate('send-back');
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    firstFrame.sort((a, b) => a - b);

    const group = 'stage';
    const detail = `${AUDIENCE} rtc-node joins in ${(joinSpan / 1000).toFixed(1)} s`;
    return [
      {
        group,
        name: 'bring up → first frame on another page',
        value: percentile(firstFrame, 50),
        unit: 'ms',
        detail: `median of ${firstFrame.length}; all ${firstFrame.map(Math.round).join(', ')} ms`,
      },
      { group, name: 'token latency p50', value: percentile(tokenMs, 50), unit: 'ms', detail },
      { group, name: 'token latency p99', value: percentile(tokenMs, 99), unit: 'ms', detail },
      {
        group,
        name: 'join → presence stream count p50',
        value: percentile(presenceDelay, 50),
        unit: 'ms',
        detail: `p99 ${Math.round(percentile(presenceDelay, 99))} ms; ${presenceDelay.length} of ${AUDIENCE} seen`,
      },
      {
        group,
        name: 'server RSS, peak during joins',
        value: peak,
        unit: 'B',
        detail: `before ${(baseline / 1e6).toFixed(1)} MB, after ${(withAudience / 1e6).toFixed(1)} MB`,
      },
    ];
  } finally {
    presence?.close();
    await audience.close();
    await browser.close();
    child.kill();
    await livekit.stop();
  }
}

if (process.env.CONVENE_BENCH_STAGE_CHILD === '1') await serve();
