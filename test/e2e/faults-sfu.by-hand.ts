/**
 * OUT OF `npm test` FOR NOW (run by hand:
 * `node --conditions=convene:source --import tsx --test test/e2e/faults-sfu.by-hand.ts` after `npm run build`).
 * On a machine loaded far past its two cores (load 50-65) the call came back 21-24 s after the SFU
 * answered, over this test's 20 s bound, or not within 30 s (livekit-server logged "track not bound
 * after timeout" for Ada's subscription to Bea's microphone); at load 30-37 it passed every time.
 * The tile half of these faults (a network cut) is faults.test.ts, in `npm test`.
 *
 * The SFU killed and started again on the same ports (issue 20), end to end: the built embed on
 * test/pages/room.html, the Convene server from source, a real livekit-server and real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack } from '../harness/index.js';
import { until } from '../harness/pages.js';
import { restartableSfu } from '../harness/sfu.js';
import { meetEachOther, openRoom, seen, throughout, tileOf } from '../harness/tiles.js';

const ROOM = 'lobby';

// One stack and two visitors for the file (each `after` here runs when the file ends).
const stack = await startStack({ elementsDir: builtEmbed() });
const sfu = await restartableSfu(stack, [`${stack.baseUrl}/api/livekit/webhook`]);
after(() => sfu.stop());
const adaBrowser = await launchChromium();
const beaBrowser = await launchChromium();
let ada: Page;
let bea: Page;

describe('faults on one machine: the SFU killed and started again', () => {
  before(async () => {
    ada = await openRoom(adaBrowser, stack.baseUrl, ROOM, 'Ada');
    bea = await openRoom(beaBrowser, stack.baseUrl, ROOM, 'Bea');
    await meetEachOther(ada, bea);
  });

  it('the SFU killed and started again: both told at once, each other’s tile kept saying so, back within a bound', async (t) => {
    await sfu.kill();
    for (const [page, other] of [
      [ada, 'Bea'],
      [bea, 'Ada'],
    ] as const) {
      await until(
        `${other === 'Bea' ? 'Ada' : 'Bea'} told of the reconnection`,
        async () => (await seen(page)).banner.includes('Reconnecting'),
        10_000,
      );
      const tile = await until(
        `${other}’s tile saying it is reconnecting`,
        async () => {
          const t = await tileOf(page, other);
          return t && t.liveness !== 'live' ? t : undefined;
        },
        10_000,
      );
      assert.match(tile.status, /Reconnecting to the video service…|Connection lost — reconnecting…/);
    }
    // A while without the SFU (livekit-client's first tries fail): the tiles stay all along, nobody "left".
    await throughout(2500, async () => {
      for (const [page, other] of [
        [ada, 'Bea'],
        [bea, 'Ada'],
      ] as const) {
        const room = await seen(page);
        assert.equal(room.tiles.find((t) => t.name === other)?.status, 'Reconnecting to the video service…');
        assert.doesNotMatch(room.announced, /left/);
      }
    });
    const answered = await sfu.start();
    await meetEachOther(ada, bea);
    const backAfter = Date.now() - answered;
    // The bench measures it (bench/reconnect.bench.ts, ≤ 5 s); this bound only says the call came back without a press.
    assert.ok(backAfter < 20_000, `back after ${backAfter} ms`);
    t.diagnostic(`both saw each other's pictures move ${backAfter} ms after the SFU answered`);
    for (const [page, other] of [
      [ada, 'Bea'],
      [bea, 'Ada'],
    ] as const) {
      await until(`no banner, and ${other}’s tile live`, async () => {
        const room = await seen(page);
        return room.banner === '' && room.tiles.some((t) => t.name === other && t.liveness === 'live');
      });
      assert.equal((await seen(page)).tiles.filter((t) => t.name === other).length, 1, 'one tile each');
    }
  });
});
