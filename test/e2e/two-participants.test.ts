/**
 * The harness's proof: two participants in Chromium get tokens from the Convene token server
 * and meet in one room on a real livekit-server; each decodes the other's camera.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, startStack, type Stack } from '../harness/index.js';

interface SeenVideo {
  identity: string;
  name: string;
  width: number;
  framesDecoded: number;
}

/** What a page shows of other people's cameras: their videos' sizes and decoded frames. */
function videosOn(page: Page): Promise<SeenVideo[]> {
  return page.evaluate(async () => {
    const room = (window as unknown as { testRoom: import('livekit-client').Room }).testRoom;
    const seen: SeenVideo[] = [];
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.videoTrackPublications.values()) {
        const track = publication.videoTrack;
        if (!track) continue;
        let framesDecoded = 0;
        (await track.getRTCStatsReport())?.forEach((report: { type: string; framesDecoded?: number }) => {
          if (report.type === 'inbound-rtp') framesDecoded += report.framesDecoded ?? 0;
        });
        const video = document.querySelector<HTMLVideoElement>(`video[data-identity="${participant.identity}"]`);
        seen.push({
          identity: participant.identity,
          name: participant.name ?? '',
          width: video?.videoWidth ?? 0,
          framesDecoded,
        });
      }
    }
    return seen;
  });
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) assert.fail(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

async function openParticipant(browser: Browser, stack: Stack, name: string): Promise<Page> {
  const page = await browser.newPage();
  const params = new URLSearchParams({ space: 'river-coop', room: 'lobby', name });
  await page.goto(`${stack.baseUrl}/test-pages/plain-livekit.html?${params}`);
  return page;
}

const statusOf = (page: Page) => page.$eval('#status', (el) => el.textContent ?? '');

describe('two participants on a real livekit-server', () => {
  it('each decodes the other’s camera', async () => {
    const stack = await startStack();
    const browser = await launchChromium();
    const ada = await openParticipant(browser, stack, 'Ada');
    const grace = await openParticipant(browser, stack, 'Grace');

    for (const [page, other] of [
      [ada, 'Grace'],
      [grace, 'Ada'],
    ] as const) {
      const videos = await waitFor(
        `${other}'s camera decoded on the other page`,
        () => videosOn(page),
        (seen) => seen.some((v) => v.name === other && v.width > 0 && v.framesDecoded > 0),
      );
      const theirs = videos.find((v) => v.name === other);
      assert.ok(theirs?.identity.startsWith('guest-'), 'the server chose a guest identity');
    }
    assert.equal(await statusOf(ada), 'connected');
    assert.equal(await statusOf(grace), 'connected');
  });

  it('cannot meet once livekit-server is stopped', async () => {
    const stack = await startStack();
    const browser = await launchChromium();
    await stack.livekit.stop();
    const page = await openParticipant(browser, stack, 'Ada');
    const status = await waitFor(
      'the page to report that it could not connect',
      () => statusOf(page),
      (s) => s.startsWith('failed'),
      30_000,
    );
    assert.match(status, /failed/);
  });
});
