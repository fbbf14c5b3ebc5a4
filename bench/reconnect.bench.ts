/**
 * Reconnection after the SFU restarts: two `<convene-room>` visitors (the built embed, each in a
 * browser context of its own) in a call; livekit-server is killed, started again on the same
 * ports, and the figure is the time from its port answering to both visitors seeing each other's
 * picture move again. Medians of a few runs; each wait bounded. The reconnect policy under test is
 * Convene's (packages/elements/src/components/room/reconnect-policy.ts); with livekit-client's
 * default the same call came back 8–14 s after the SFU answered (issue 20).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { restartableSfu } from '../test/harness/sfu.js';
import { startStack } from '../test/harness/stack.js';
import { openRoom, seen } from '../test/harness/tiles.js';
import { percentile, type BenchRow } from './lib.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');
const RUNS = Number(process.env.RECONNECT_RUNS ?? 5);
/** How long the SFU stays down each run (ms): long enough for livekit-client's first tries to fail. */
const DOWN_MS = 3000;
const ROOM = 'lobby';

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** When (the page's Date.now()) `page` saw `name`'s picture move after `since`; throws after `timeoutMs`. */
async function movedAfter(page: Page, name: string, since: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const tile = (await seen(page)).tiles.find((t) => t.name === name);
    if (tile && tile.movedAt > since) return tile.movedAt;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name}'s picture did not move again within ${timeoutMs} ms`);
}

export default async function reconnectBench(): Promise<BenchRow[]> {
  if (!existsSync(join(dist, 'convene.js')))
    throw new Error('packages/elements/dist/convene.js is missing: run `npm run build` first.');
  const stack = await startStack({ elementsDir: dist });
  const sfu = await restartableSfu(stack, [`${stack.baseUrl}/api/livekit/webhook`]);
  // A browser each: a page in view draws every frame (a background tab's would not).
  const launch = () => puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const browsers = await Promise.all([launch(), launch()]);
  try {
    const ada = await openRoom(browsers[0], stack.baseUrl, ROOM, 'Ada');
    const bea = await openRoom(browsers[1], stack.baseUrl, ROOM, 'Bea');
    await movedAfter(ada, 'Bea', 0);
    await movedAfter(bea, 'Ada', 0);
    const back: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await sfu.kill();
      await new Promise((r) => setTimeout(r, DOWN_MS));
      const answered = await sfu.start();
      const [a, b] = await Promise.all([movedAfter(ada, 'Bea', answered), movedAfter(bea, 'Ada', answered)]);
      back.push(Math.max(a, b) - answered);
      // Settled before the next run: both pictures moving, no banner.
      const settle = Date.now() + 20_000;
      while (Date.now() < settle && ((await seen(ada)).banner || (await seen(bea)).banner)) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return [
      {
        group: 'reconnect',
        name: 'SFU restarted → both see each other again, median',
        value: median(back),
        unit: 'ms',
        detail: `min ${Math.min(...back)}, max ${Math.max(...back)}, ${back.length} runs; SFU down ${DOWN_MS} ms each`,
        budget: { max: 5000, label: '≤ 5 s' },
      },
    ];
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await sfu.stop();
    await stack.stop();
  }
}
