/**
 * Faults on one machine (issue 20), end to end: the built embed on test/pages/room.html, the
 * Convene server from source, a real livekit-server and real Chromium (the SFU killed and started
 * again is faults-sfu.test.ts). Ada and Bea each have a browser of their own, so Bea's can be frozen (SIGSTOP on
 * its whole process group): a real cut of everything Bea sends, UDP media included, that Ada's side
 * meets as a person whose network is gone (CDP's network emulation does not stop WebRTC's UDP).
 * The cut comes as soon as each sees the other's picture move, when all of Bea's first frames may
 * have come between two of the liveness sampler's readings (liveness.ts counts those as arrived).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack } from '../harness/index.js';
import { until } from '../harness/pages.js';
import { restartableSfu } from '../harness/sfu.js';
import { meetEachOther, moving, openRoom, seen, throughout, tileOf } from '../harness/tiles.js';

const ROOM = 'lobby';

/** `pid` and every process below it (Chromium's zygote and renderers need not share its group). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the name may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Signals `browser`'s whole process group and every process under it (Chromium and its helpers). */
function signalBrowser(browser: Browser, signal: NodeJS.Signals) {
  const pid = browser.process()?.pid;
  assert.ok(pid, 'a browser we launched');
  for (const target of [-pid, ...processTree(pid)]) {
    try {
      process.kill(target, signal);
    } catch {
      // no such group, or gone meanwhile
    }
  }
}

// One stack and two visitors for the file (each `after` here runs when the file ends).
const stack = await startStack({ elementsDir: builtEmbed() });
const sfu = await restartableSfu(stack, [`${stack.baseUrl}/api/livekit/webhook`]);
after(() => sfu.stop());
const adaBrowser = await launchChromium();
const beaBrowser = await launchChromium();
// Whatever happens, Bea's browser is not left frozen (closing it would hang).
after(() => {
  try {
    signalBrowser(beaBrowser, 'SIGCONT');
  } catch {
    // gone
  }
});
let ada: Page;
let bea: Page;

describe('faults on one machine: what a person’s tile says when their network goes, and when it returns', () => {
  before(async () => {
    ada = await openRoom(adaBrowser, stack.baseUrl, ROOM, 'Ada');
    bea = await openRoom(beaBrowser, stack.baseUrl, ROOM, 'Bea');
    await meetEachOther(ada, bea);
  });

  it('Bea’s network cut: Ada’s tile for her says so within ~3 s, badge and all, and recovers when it returns', async (t) => {
    const cut = Date.now();
    signalBrowser(beaBrowser, 'SIGSTOP');
    try {
      let last: unknown;
      const frozen = await until(
        'Ada’s tile for Bea to say her connection is lost',
        async () => {
          const tile = await tileOf(ada, 'Bea');
          last = tile;
          return tile?.liveness === 'stalled' ? tile : undefined;
        },
        6000,
      ).catch((error: Error) => assert.fail(`${error.message}; last seen: ${JSON.stringify(last)}`));
      const saidAfter = Date.now() - cut;
      assert.equal(frozen.status, 'Connection lost — reconnecting…');
      assert.equal(frozen.quality, 'Connection lost');
      // The bound the issue gives, with room for a loaded machine's sampling.
      assert.ok(saidAfter < 4500, `said after ${saidAfter} ms`);
      t.diagnostic(`Ada's tile said Bea's connection was lost ${saidAfter} ms after the cut`);
      // Ada's own connection is fine: no banner for her.
      assert.equal((await seen(ada)).banner, '');
      // The network stays away a while (about 8 s in all): the tile keeps saying so all along.
      await throughout(4000, async () => assert.equal((await tileOf(ada, 'Bea'))?.liveness, 'stalled'));
    } finally {
      signalBrowser(beaBrowser, 'SIGCONT');
    }
    await until('Bea’s picture moving again on Ada’s page', () => moving(ada, 'Bea'), 30_000);
    const back = await until(
      'Ada’s tile for Bea back to the truth',
      async () => {
        const tile = await tileOf(ada, 'Bea');
        return tile?.liveness === 'live' ? tile : undefined;
      },
      5000,
    );
    assert.equal(back.status, '');
    // Her picture moves: the badge is no longer "lost" (LiveKit's own score takes 10 s or more to climb back).
    assert.notEqual(back.quality, 'Connection lost');
    assert.notEqual(back.quality, 'Poor connection');
    await meetEachOther(ada, bea);
  });
});
