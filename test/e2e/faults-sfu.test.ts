/**
 * The SFU killed and started again on the same ports (issue 20), end to end: the built embed on
 * test/pages/room.html, the Convene server from source, a real livekit-server and real Chromium.
 *
 * It was out of `npm test` for a while: on a machine loaded far past its two cores (load 50-65) the
 * call came back 21-24 s after the SFU answered, over the 20 s this test then allowed. That bound
 * was a timing budget in a test; the budget is the bench's (bench/reconnect.bench.ts, ≤ 5 s on a
 * quiet machine), and this test says only that the call comes back with no press, within the same
 * bounded waits as every other wait here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack } from '../harness/index.js';
import { until } from '../harness/pages.js';
import { restartableSfu } from '../harness/sfu.js';
import { meetEachOther, moving, openRoom, seen, throughout, tileOf } from '../harness/tiles.js';

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
    // When each session was back (its banner gone), beside when the pictures moved: on a loaded
    // machine the two differ by what the browsers take to decode again.
    const sessionsBack = Promise.all(
      [ada, bea].map((page) =>
        until('the banner gone', async () => (await seen(page)).banner === '', 60_000).then(
          () => `${Date.now() - answered}`,
          () => 'never (60 s)',
        ),
      ),
    );
    // Wider than meetEachOther's 30 s each: at load 30 the pictures came back up to 30 s after the SFU answered.
    await Promise.all([
      until('Ada sees Bea’s picture move again', () => moving(ada, 'Bea'), 60_000),
      until('Bea sees Ada’s picture move again', () => moving(bea, 'Ada'), 60_000),
    ]);
    const backAfter = Date.now() - answered;
    // The bench measures how soon (bench/reconnect.bench.ts, ≤ 5 s); here only that it came back without a press.
    t.diagnostic(
      `both saw each other's pictures move ${backAfter} ms after the SFU answered; sessions back after ${(await sessionsBack).join(' and ')} ms`,
    );
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
