/**
 * Convene on several machines (docs/DEPLOYING.md, "Running on several machines"), on one: two
 * LiveKit nodes sharing one Redis, two Convene copies with their store in it, nginx with TLS in
 * front, all as the guide prints them (test/harness/cluster.ts). One cluster for the whole file;
 * the tests run in order and the last ones break things: a Convene copy, Redis, a LiveKit node.
 * Browsers are real Chromium with fake cameras; the lighter visitors are `@livekit/rtc-node`.
 */
import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { livekitRoomName, type Directory, type PresenceEvent } from '../../packages/server/src/contract/index.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium.mjs';
import { joinThrough, startCluster, type Cluster, type NodeVisitor } from '../harness/cluster.js';
import { builtEmbed } from '../harness/embed.js';
import { readSse } from '../harness/sse.js';
import { enterRoom, namesWithVideo, until } from '../harness/pages.js';
import { movingInSpace } from '../harness/tiles.js';

const LOBBY = livekitRoomName('river-coop', 'lobby');
const TINY = livekitRoomName('river-coop', 'tiny');

/** A presence stream read from one copy, past nginx: the latest event it sent. */
interface Stream {
  latest(): PresenceEvent | null;
  close(): void;
}

function presenceStream(baseUrl: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let latest: PresenceEvent | null = null;
    const req = get(`${baseUrl}/api/spaces/river-coop/events`, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`presence stream: ${res.statusCode}`));
      readSse(res, (event, data) => {
        if (event === 'presence') latest = JSON.parse(data) as PresenceEvent;
      });
      resolve({ latest: () => latest, close: () => req.destroy() });
    });
    req.once('error', reject);
  });
}

/** Who a presence event or directory says is in `room` (names, sorted). */
const peopleIn = (rooms: { slug: string; people?: { name: string }[] }[] | undefined, room: string) =>
  (rooms?.find((r) => r.slug === room)?.people ?? []).map((p) => p.name).sort();

async function directoryOf(baseUrl: string): Promise<Directory> {
  const answer = await fetch(`${baseUrl}/api/spaces/river-coop`, { signal: AbortSignal.timeout(10_000) });
  assert.equal(answer.status, 200);
  return (await answer.json()) as Directory;
}

/** Whether `page` shows `name`'s camera moving (brought to the front: Chromium pauses videos behind). */
async function sees(page: Page, name: string): Promise<boolean> {
  await page.bringToFront();
  return (await namesWithVideo(page)).includes(name);
}

/** Whether `page` shows `name`'s camera with new frames arriving (over half a second). */
async function seesMoving(page: Page, name: string): Promise<boolean> {
  await page.bringToFront();
  return movingInSpace(page, name, 500);
}

/** From now on, the page keeps every banner text its room shows (a status seen for a moment counts too). */
function recordBanners(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen: string[] = ((window as unknown as { bannersSeen: string[] }).bannersSeen = []);
    setInterval(() => {
      const room = document.querySelector('convene-space')?.shadowRoot?.querySelector('convene-room');
      for (const banner of room?.shadowRoot?.querySelectorAll('[part~="banner"]') ?? []) {
        const text = banner.textContent?.trim() ?? '';
        if (text && !seen.includes(text)) seen.push(text);
      }
    }, 100);
  });
}

const bannersSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { bannersSeen?: string[] }).bannersSeen ?? []);

describe('Convene on several machines: two LiveKit nodes, two Convene copies, Redis and nginx', () => {
  let cluster: Cluster;
  let browser: Browser;
  const visitors: NodeVisitor[] = [];
  let ada: Page;
  let grace: Page;
  let lin: NodeVisitor;

  before(async () => {
    cluster = await startCluster({ elementsDir: builtEmbed() });
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS, ...cluster.chromiumArgs],
      protocolTimeout: 60_000,
    });
  });
  after(async () => {
    await Promise.all(visitors.map((v) => v.leave()));
    await browser?.close();
    await cluster?.stop();
    // Loaded by the harness (quietly: see test/harness/node-participant.ts).
    await (await import('@livekit/rtc-node')).dispose();
  });

  it('two visitors, each on a different Convene copy and LiveKit node, meet and see each other', async () => {
    // The room lives on node 2; nginx sends each visitor's signalling to the node with fewer.
    await cluster.createRoomOn(cluster.nodes[1], LOBBY);
    ada = await browser.newPage();
    grace = await browser.newPage();
    // Each page comes from one copy (the co-op's page on that machine), its requests all to that copy.
    await ada.goto(`${cluster.copies[0].baseUrl}/`);
    await enterRoom(ada, 'lobby', 'Ada');
    await until('Ada in the room', async () => (await namesWithVideo(ada)).includes('Ada (you)'));
    await recordBanners(ada);
    await grace.goto(`${cluster.copies[1].baseUrl}/`);
    await enterRoom(grace, 'lobby', 'Grace');
    await until('Grace to see Ada’s camera', () => sees(grace, 'Ada'));
    await until('Ada to see Grace’s camera', () => sees(ada, 'Grace'));
    assert.equal(await cluster.nodeOfRoom(LOBBY), cluster.nodes[1].id, 'the room stayed on node 2');
    const signalling = await cluster.signallingNodes();
    assert.deepEqual(
      signalling.sort(),
      [cluster.nodes[0].livekit.port, cluster.nodes[1].livekit.port].sort(),
      'one visitor signals through each node',
    );
  });

  it('the directory and presence stream are right from either copy, for rooms on either node', async () => {
    // Polling is 30 s here: what the streams show within the bound came from the nodes' webhooks.
    const streams = await Promise.all(cluster.copies.map((copy) => presenceStream(copy.baseUrl)));
    try {
      await cluster.createRoomOn(cluster.nodes[0], TINY);
      // Lin is in the tiny room (node 1) with copy B's token: its webhooks come from node 1, the lobby's from node 2.
      lin = await joinThrough(cluster.copies[1], cluster.nodes[0], 'tiny', 'Lin', { publish: true });
      visitors.push(lin);
      for (const [i, stream] of streams.entries()) {
        await until(
          `copy ${cluster.copies[i]!.name}'s stream to show Ada and Grace in the lobby and Lin in the tiny room`,
          () => {
            const rooms = stream.latest()?.rooms;
            return peopleIn(rooms, 'lobby').join() === 'Ada,Grace' && peopleIn(rooms, 'tiny').join() === 'Lin';
          },
          20_000,
        );
      }
      assert.equal(await cluster.nodeOfRoom(TINY), cluster.nodes[0].id);
      for (const copy of cluster.copies) {
        const directory = await directoryOf(copy.baseUrl);
        assert.equal(directory.presence, 'live');
        assert.deepEqual(peopleIn(directory.rooms, 'lobby'), ['Ada', 'Grace'], `copy ${copy.name}'s directory`);
        assert.deepEqual(peopleIn(directory.rooms, 'tiny'), ['Lin'], `copy ${copy.name}'s directory`);
      }
      // Grace leaves, as a person does: her node's webhook reaches one copy, and both streams say so.
      const leave = await until('the leave button', () =>
        grace.$('convene-space >>> convene-room >>> [data-control="leave"]'),
      );
      await grace.bringToFront();
      await leave.click();
      for (const [i, stream] of streams.entries()) {
        await until(
          `copy ${cluster.copies[i]!.name}'s stream to show Grace gone`,
          () => peopleIn(stream.latest()?.rooms, 'lobby').join() === 'Ada',
          20_000,
        );
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('with one Convene copy killed, a new visitor still gets in through the balancer', async () => {
    await cluster.copies[0].kill();
    await grace.close();
    grace = await browser.newPage();
    await grace.goto(`${cluster.origin}/`);
    await enterRoom(grace, 'lobby', 'Grace');
    await until('Grace, back through nginx, to see Ada', () => sees(grace, 'Ada'));
    await recordBanners(grace);
    await cluster.copies[0].start();
  });

  it('Redis restarted: the store and both LiveKit nodes recover, with no server restarted', async () => {
    // Redis keeps its data on disk, as the guide says (without it LiveKit would forget who is in
    // which room and where each room lives).
    await cluster.redis.stop();
    await cluster.redis.start();
    // The store: every copy answers a token (its rate limit lives in Redis) and says it is reachable.
    for (const copy of cluster.copies) {
      await until(
        `copy ${copy.name} to reach Redis again`,
        async () => {
          const health = await fetch(`${copy.baseUrl}/healthz`).then((r) => r.json() as Promise<{ store: string }>);
          return health.store === 'reachable';
        },
        20_000,
      );
    }
    // LiveKit: both nodes still in the cluster, the rooms where they were, and who is in them.
    await until('both nodes registered in Redis again', async () => (await cluster.liveNodes()).length === 2, 20_000);
    assert.equal(await cluster.nodeOfRoom(LOBBY), cluster.nodes[1].id);
    assert.equal(await cluster.nodeOfRoom(TINY), cluster.nodes[0].id);
    for (const copy of cluster.copies) {
      const directory = await directoryOf(copy.baseUrl);
      assert.deepEqual(peopleIn(directory.rooms, 'lobby'), ['Ada', 'Grace'], `copy ${copy.name}'s directory`);
      assert.deepEqual(peopleIn(directory.rooms, 'tiny'), ['Lin'], `copy ${copy.name}'s directory`);
    }
    // And two new visitors through different nodes meet.
    const room = 'back-office';
    const mo = await joinThrough(cluster.copies[0], cluster.nodes[0], room, 'Mo', { publish: true });
    visitors.push(mo);
    const nia = await joinThrough(cluster.copies[1], cluster.nodes[1], room, 'Nia');
    visitors.push(nia);
    await until(
      'Nia and Mo to see each other',
      () =>
        [...nia.room.remoteParticipants.values()].some((p) => p.identity === mo.identity) &&
        [...mo.room.remoteParticipants.values()].some((p) => p.identity === nia.identity),
    );
    await Promise.all([mo.leave(), nia.leave()]);
  });

  it('a node killed with a room on it: its visitors are told and meet again on the other node; other rooms never notice', async () => {
    // The lobby (Ada and Grace) lives on node 2 since the first test; the tiny room (Lin) on node 1.
    const killedAt = Date.now();
    await cluster.nodes[1].kill();
    for (const [name, page] of [
      ['Ada', ada],
      ['Grace', grace],
    ] as const) {
      await until(
        `${name} to be told`,
        async () => (await bannersSeen(page)).some((t) => /Reconnecting/.test(t)),
        30_000,
      );
    }
    await until(
      'Ada and Grace to see each other move again, the lobby on node 1',
      async () =>
        (await cluster.nodeOfRoom(LOBBY)) === cluster.nodes[0].id &&
        (await seesMoving(ada, 'Grace')) &&
        (await seesMoving(grace, 'Ada')),
      60_000,
    );
    // Said once here; bench/reconnect.bench.ts measures it over several runs (its node-loss row).
    const metAgainS = (Date.now() - killedAt) / 1000;
    console.log(`# node killed → its visitors meet again on the other node after ${metAgainS.toFixed(1)} s`);
    assert.equal(await cluster.nodeOfRoom(LOBBY), cluster.nodes[0].id, 'LiveKit moved the lobby to node 1');
    assert.deepEqual(lin.events, [], 'the tiny room, on node 1, never noticed');
    // The directory, from either copy, is right again: both in the lobby, Lin in the tiny room.
    for (const copy of cluster.copies) {
      let last: Directory | undefined;
      await until(
        `copy ${copy.name}'s directory after the move`,
        async () => {
          last = await directoryOf(copy.baseUrl);
          return peopleIn(last.rooms, 'lobby').join() === 'Ada,Grace' && peopleIn(last.rooms, 'tiny').join() === 'Lin';
        },
        20_000,
      ).catch((error: Error) => assert.fail(`${error.message}; it said ${JSON.stringify(last)}`));
    }
  });
});
