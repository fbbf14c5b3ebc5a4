/**
 * Reconnection, two figures. First, after the SFU restarts: two `<convene-room>` visitors (the built embed, each in a
 * browser context of its own) in a call; livekit-server is killed, started again on the same
 * ports, and the figure is the time from its port answering to both visitors seeing each other's
 * picture move again. Medians of a few runs; each wait bounded. The reconnect policy under test is
 * Convene's (packages/elements/src/components/room/reconnect-policy.ts); with livekit-client's
 * default the same call came back 8–14 s after the SFU answered (issue 20).
 *
 * Second, a LiveKit node lost mid-meeting (test/harness/cluster.ts: two nodes on one Redis, two
 * Convene copies, nginx in front): two visitors, each on a copy of their own, in a room living on
 * one node; that node is killed and the figure is the time from the kill to both seeing each
 * other's picture move again, the room now on the other node (LiveKit moves it when they come
 * back through nginx). The killed node is started again between runs, and the next run kills the
 * node the room lives on then. test/e2e/cluster.test.ts checks the same once, with a wide bound.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Page } from 'puppeteer-core';
import { livekitRoomName } from '../packages/server/src/contract/index.js';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startCluster } from '../test/harness/cluster.js';
import { enterRoom, until } from '../test/harness/pages.js';
import { restartableSfu } from '../test/harness/sfu.js';
import { startStack } from '../test/harness/stack.js';
import { movingInSpace, openRoom, seen } from '../test/harness/tiles.js';
import { percentile, type BenchRow } from './lib.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');
const RUNS = Number(process.env.RECONNECT_RUNS ?? 5);
/** How long the SFU stays down each run (ms): long enough for livekit-client's first tries to fail. */
const DOWN_MS = 3000;
const ROOM = 'lobby';
const NODE_RUNS = Number(process.env.NODE_LOSS_RUNS ?? 3);

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
  return [...(await sfuRestart()), ...(await nodeLoss())];
}

async function sfuRestart(): Promise<BenchRow[]> {
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

async function nodeLoss(): Promise<BenchRow[]> {
  const cluster = await startCluster({ elementsDir: dist });
  const launch = () =>
    puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS, ...cluster.chromiumArgs],
      protocolTimeout: 60_000,
    });
  const browsers = await Promise.all([launch(), launch()]);
  try {
    const lobby = livekitRoomName('river-coop', ROOM);
    await cluster.createRoomOn(cluster.nodes[1], lobby);
    const [ada, grace] = await Promise.all(browsers.map((b) => b.newPage()));
    await ada!.goto(`${cluster.copies[0].baseUrl}/`);
    await enterRoom(ada!, ROOM, 'Ada');
    await grace!.goto(`${cluster.copies[1].baseUrl}/`);
    await enterRoom(grace!, ROOM, 'Grace');
    const meet = (ms: number) =>
      until(
        'Ada and Grace to see each other move',
        async () => (await movingInSpace(ada!, 'Grace')) && (await movingInSpace(grace!, 'Ada')),
        ms,
      );
    await meet(60_000);
    const back: number[] = [];
    for (let i = 0; i < NODE_RUNS; i++) {
      const home = await cluster.nodeOfRoom(lobby);
      const node = cluster.nodes.find((n) => n.id === home);
      if (!node) throw new Error(`the lobby lives on no node of the cluster (${home})`);
      const other = cluster.nodes.find((n) => n !== node)!;
      const killedAt = Date.now();
      await node.kill();
      // Gone first (so that the old pictures, still in flight for a moment, do not count)…
      await until(
        'the call to break',
        async () => !(await movingInSpace(ada!, 'Grace')) || !(await movingInSpace(grace!, 'Ada')),
        15_000,
      );
      // …and back, the room on the other node.
      await until(
        'Ada and Grace to see each other move again, the room on the other node',
        async () =>
          (await cluster.nodeOfRoom(lobby)) === other.id &&
          (await movingInSpace(ada!, 'Grace')) &&
          (await movingInSpace(grace!, 'Ada')),
        60_000,
      );
      back.push(Date.now() - killedAt);
      // The lost node back (a new LiveKit node on the same address) before the next run.
      await node.restart();
      await until('the restarted node registered', async () => (await cluster.liveNodes()).includes(node.id), 30_000);
    }
    return [
      {
        group: 'reconnect',
        name: 'LiveKit node killed → its room’s visitors meet again on the other node, median',
        value: median(back),
        unit: 'ms',
        detail: `min ${Math.min(...back)}, max ${Math.max(...back)}, ${back.length} runs; 2 nodes on Redis, 2 copies, nginx; from the kill`,
      },
    ];
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await cluster.stop();
    // The cluster harness loads rtc-node (for its lighter visitors); its runtime would keep this process alive.
    await (await import('@livekit/rtc-node')).dispose();
  }
}
