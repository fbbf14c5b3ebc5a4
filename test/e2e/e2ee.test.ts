/**
 * End-to-end encrypted rooms (issue 15), with the built embed (packages/elements/dist, from `npm run
 * build`) on a real livekit-server in real Chromium. Two visitors with the room's key (one from the
 * invite link's fragment on a page of the Convene server's own origin, one typing the passphrase in
 * pre-join on a page of another origin, where the worker runs from a Blob URL) see and hear each
 * other and chat; LiveKit reports their tracks as encrypted; a third with a wrong key gets no
 * picture and no chat, the others' tiles say so and so does its own screen. The key is never
 * sent, stored or logged, and nothing is requested from any other host. A browser without
 * encoded transforms is told it cannot join. Axe passes in each of these states.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { RoomServiceClient } from 'livekit-server-sdk';
import { livekitRoomName } from '../../packages/server/src/contract/index.js';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { launchChromium, startStack, type Stack } from '../harness/index.js';
import { until } from '../harness/pages.js';

/** The built elements; `CONVENE_ELEMENTS_DIST` tests another build (as bench/size.bench.ts measures one). */
const dist = process.env.CONVENE_ELEMENTS_DIST ?? join(root, 'packages', 'elements', 'dist');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The room's key: in Ada's link, typed by Grace. Carol's link carries another. */
const KEY = 'river-otter-lantern-42';
const WRONG = 'not-the-river-key';
/** Bound on each wait for media to flow (generous: the suite runs on a loaded 2-core machine). */
const MEDIA_MS = 60_000;

interface Visit {
  page: Page;
  requests: { url: string; body: string }[];
  console: string[];
  errors: string[];
}

async function visit(browser: Browser, url: string, before?: (page: Page) => Promise<unknown>): Promise<Visit> {
  const page = await browser.newPage();
  const seen: Visit = { page, requests: [], console: [], errors: [] };
  page.on('request', (request) => seen.requests.push({ url: request.url(), body: request.postData() ?? '' }));
  page.on('console', (message) => seen.console.push(message.text()));
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  await before?.(page);
  await page.goto(url);
  return seen;
}

/** What a room on the page shows on each remote tile: the name, a decoded picture's brightness and detail, its note. */
function tiles(page: Page) {
  return page.evaluate(() =>
    [...(document.querySelector('convene-room')?.shadowRoot?.querySelectorAll('[part~="tile"]') ?? [])]
      .filter((tile) => (tile as HTMLElement).dataset.local !== 'true')
      .map((tile) => {
        const video = tile.querySelector('video');
        let mean = 0;
        let spread = 0;
        if (video && video.videoWidth > 0) {
          const canvas = document.createElement('canvas');
          canvas.width = 32;
          canvas.height = 18;
          const context = canvas.getContext('2d', { willReadFrequently: true })!;
          context.drawImage(video, 0, 0, 32, 18);
          const { data } = context.getImageData(0, 0, 32, 18);
          const luma: number[] = [];
          for (let i = 0; i < data.length; i += 4)
            luma.push(0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!);
          mean = luma.reduce((a, b) => a + b, 0) / luma.length;
          spread = Math.sqrt(luma.reduce((a, b) => a + (b - mean) ** 2, 0) / luma.length);
        }
        return {
          name: tile.querySelector('.name')?.textContent?.trim() ?? '',
          mean,
          spread,
          note: tile.querySelector('[data-e2ee="undecryptable"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        };
      }),
  );
}

/** From the LiveKit room of the page's `<convene-room>`: frames decoded and sound energy received, per remote participant's name. */
function received(page: Page) {
  return page.evaluate(async () => {
    const room = (
      document.querySelector('convene-room') as unknown as { session?: { room?: import('livekit-client').Room } }
    )?.session?.room;
    const out: Record<string, { frames: number; energy: number; videoBytes: number }> = {};
    for (const p of room?.remoteParticipants.values() ?? []) {
      const entry = { frames: 0, energy: 0, videoBytes: 0 };
      for (const publication of p.trackPublications.values()) {
        (await publication.track?.getRTCStatsReport())?.forEach(
          (r: {
            type: string;
            kind?: string;
            bytesReceived?: number;
            framesDecoded?: number;
            totalAudioEnergy?: number;
          }) => {
            if (r.type !== 'inbound-rtp') return;
            entry.frames += r.framesDecoded ?? 0;
            if (r.kind === 'video') entry.videoBytes += r.bytesReceived ?? 0;
            entry.energy += r.totalAudioEnergy ?? 0;
          },
        );
      }
      out[p.name ?? p.identity] = entry;
    }
    return out;
  });
}

const inRoom = (page: Page, selector: string) =>
  page.evaluate(
    (selector) =>
      document
        .querySelector('convene-room')
        ?.shadowRoot?.querySelector(selector)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
    selector,
  );

function chatLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('convene-room')?.shadowRoot?.querySelector('convene-furniture-panel');
    const chat =
      panel?.shadowRoot?.querySelector('convene-furniture-chat') ?? panel?.querySelector('convene-furniture-chat');
    return [...(chat?.shadowRoot?.querySelectorAll('[part~="message"] .text') ?? [])].map(
      (m) => m.textContent?.trim() ?? '',
    );
  });
}

async function say(page: Page, text: string) {
  const input = await until('the chat input', () => page.$('convene-room >>> convene-furniture-chat >>> form input'));
  await input.type(text);
  await page.keyboard.press('Enter');
}

async function axe(page: Page, what: string) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(n: Node, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document.querySelector('convene-room')!, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  assert.deepEqual(violations, [], `axe: ${what}`);
}

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('an end-to-end encrypted room', () => {
  it('meets with the key, refuses a wrong key and never lets the key out', async (t) => {
    if (!existsSync(join(dist, 'convene.js'))) {
      t.skip('packages/elements/dist/convene.js is missing: run `npm run build` first');
      return;
    }
    const port = await freeTcpPort();
    const otherOrigin = `http://localhost:${port}`;
    const stack: Stack = await startStack({
      port,
      elementsDir: dist,
      config: {
        spaces: [
          {
            slug: 'vault',
            name: 'Vault',
            entrance: 'secret',
            allowedOrigins: [otherOrigin],
            rooms: [
              { slug: 'secret', name: 'Secret', access: 'public', e2ee: 'passphrase', furniture: [{ kind: 'chat' }] },
            ],
          },
        ],
      },
    });
    const browser = await launchChromium();
    const page = `${stack.baseUrl}/test-pages/e2ee.html`;

    // Ada: the key in her invite link's fragment, convene.js from this origin, under a strict policy.
    const ada = await visit(browser, `${page}?name=Ada&auto#convene_key=${encodeURIComponent(KEY)}`);
    // Grace: a page of another origin; she types the passphrase in pre-join.
    const grace = await visit(browser, `${otherOrigin}/test-pages/e2ee-cross.html?name=Grace&server=${stack.baseUrl}`);
    const field = await until('Grace’s passphrase field', () =>
      grace.page.$('convene-room >>> input[name="e2ee-passphrase"]'),
    );
    assert.match(await inRoom(grace.page, '[part="e2ee"]'), /end-to-end encrypted/);
    await axe(grace.page, 'pre-join of an encrypted room');
    await field.type(KEY);
    await grace.page.keyboard.press('Enter');

    // Both see each other's camera (decoded frames with a picture, not black) and hear each other.
    for (const [visitor, other] of [
      [ada, 'Grace'],
      [grace, 'Ada'],
    ] as const) {
      // The page in front: LiveKit's adaptive stream pauses video a hidden page does not show.
      await visitor.page.bringToFront();
      let last: Awaited<ReturnType<typeof tiles>> = [];
      await until(
        `${other}'s picture on the other's tile`,
        async () =>
          (last = await tiles(visitor.page)).some((tile) => tile.name === other && tile.mean > 20 && tile.spread > 2),
        MEDIA_MS,
      ).catch((error: Error) => assert.fail(`${error.message}; last seen: ${JSON.stringify(last)}`));
      await until(
        `${other}'s sound on the other's page`,
        async () => ((await received(visitor.page))[other]?.energy ?? 0) > 0,
        MEDIA_MS,
      );
    }
    assert.equal(await inRoom(ada.page, '[data-action="e2ee-badge"]'), 'End-to-end encrypted');

    // LiveKit itself sees every track as encrypted (AES-GCM: Encryption_Type.GCM is 1).
    const service = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
    const participants = await until(
      'both in LiveKit with their tracks',
      async () => {
        const list = await service.listParticipants(livekitRoomName('vault', 'secret'));
        return list.length === 2 && list.every((p) => p.tracks.length >= 2) ? list : undefined;
      },
      MEDIA_MS,
    );
    assert.deepEqual(
      participants.flatMap((p) => p.tracks.map((track) => track.encryption)),
      participants.flatMap((p) => p.tracks.map(() => 1)),
      'every track encrypted',
    );

    await say(ada.page, 'Hello in confidence');
    await until(
      'Grace to read Ada’s message',
      async () => (await chatLines(grace.page)).includes('Hello in confidence'),
      MEDIA_MS,
    );

    // Carol's link carries another key.
    const carol = await visit(browser, `${page}?name=Carol&auto#convene_key=${WRONG}`);
    for (const [who, visitor] of Object.entries({ ada, grace })) {
      await visitor.page.bringToFront();
      let last: Awaited<ReturnType<typeof tiles>> = [];
      await until(
        `Carol’s tile on ${who}’s page to say it cannot be decrypted`,
        async () =>
          (last = await tiles(visitor.page)).some(
            (tile) => tile.name === 'Carol' && /can’t decrypt \(different key\?\)/.test(tile.note),
          ),
        MEDIA_MS,
      ).catch((error: Error) => assert.fail(`${error.message}; last seen: ${JSON.stringify(last)}`));
    }
    await carol.page.bringToFront();
    const told = await until(
      'Carol to be told her key is not theirs',
      () => inRoom(carol.page, '[data-e2ee="key-mismatch"]'),
      MEDIA_MS,
    );
    assert.match(told, /your key or passphrase is probably not the one the others use/);
    const carolTiles = await tiles(carol.page);
    assert.deepEqual(
      carolTiles.map((tile) => `${tile.name}: ${tile.mean}`).sort(),
      ['Ada: 0', 'Grace: 0'],
      'Carol sees no picture',
    );
    // Not one frame of theirs decodes for Carol (her tiles no longer ask for their video at all).
    const carolGets = await received(carol.page);
    assert.deepEqual(
      Object.values(carolGets).map((r) => r.frames),
      Object.values(carolGets).map(() => 0),
      'Carol decodes no frame',
    );
    await say(grace.page, 'Only for the key holders');
    await until(
      'Ada to read Grace’s message',
      async () => (await chatLines(ada.page)).includes('Only for the key holders'),
      MEDIA_MS,
    );
    // Bounded: the message reached Ada; Carol's copy (if any) would come over the same SFU at once.
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await chatLines(carol.page), [], 'Carol reads no message');
      await new Promise((r) => setTimeout(r, 200));
    }

    // The lock badge says what is and is not encrypted.
    await ada.page.bringToFront();
    const badge = await until('the lock badge', () => ada.page.$('convene-room >>> [data-action="e2ee-badge"]'));
    await badge.click();
    assert.match(
      await inRoom(ada.page, '[part="e2ee-explain"]'),
      /names, raised hands, table seats and the spotlight are not encrypted/,
    );
    await axe(ada.page, 'an encrypted room, the badge open, a tile that cannot be decrypted');
    await carol.page.bringToFront();
    await axe(carol.page, 'the wrong key’s own screen');

    // A browser without encoded transforms is told so in pre-join.
    const old = await visit(browser, `${page}?name=Old`, (p) =>
      p.evaluateOnNewDocument(() => {
        delete (window as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform;
        delete (RTCRtpSender.prototype as { createEncodedStreams?: unknown }).createEncodedStreams;
      }),
    );
    const unsupported = await until('the unsupported browser’s notice', () =>
      inRoom(old.page, '[data-e2ee="unsupported"]'),
    );
    assert.match(unsupported, /This browser can’t join encrypted rooms/);
    await axe(old.page, 'an encrypted room in a browser that cannot join it');

    // Nothing about the key left the pages: no request carried it, no storage holds it, no log said it.
    const allowed = new Set([new URL(stack.baseUrl).host, new URL(otherOrigin).host, new URL(stack.livekit.url).host]);
    for (const [who, seen] of Object.entries({ ada, grace, carol, old })) {
      const elsewhere = seen.requests.filter(
        (r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:') && !allowed.has(new URL(r.url).host),
      );
      assert.deepEqual(elsewhere, [], `${who}: requests only to the Convene server and its LiveKit`);
      // What is sent: a URL's fragment never is (puppeteer shows it on the page's own navigation).
      const leaks = seen.requests.filter((r) =>
        [KEY, WRONG].some((k) => r.url.split('#')[0]!.includes(k) || r.body.includes(k)),
      );
      assert.deepEqual(
        leaks.map((r) => r.url),
        [],
        `${who}: no request carries the key`,
      );
      assert.deepEqual(
        seen.console.filter((line) => line.includes(KEY) || line.includes(WRONG)),
        [],
        `${who}: no log says the key`,
      );
      const stored = await seen.page.evaluate(() =>
        [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join('\n'),
      );
      assert.ok(!stored.includes(KEY) && !stored.includes(WRONG), `${who}: no storage holds the key`);
      assert.deepEqual(await cspViolations(seen.page), [], `${who}: no Content-Security-Policy violation`);
      assert.deepEqual(seen.errors, [], `${who}: no uncaught error`);
    }
    // The worker came as a file of its own: from this origin for Ada, through a Blob for Grace.
    assert.ok(
      ada.requests.some((r) => /\/chunks\/e2ee-worker-[\w-]+\.js$/.test(r.url)),
      'Ada’s worker file',
    );
    assert.ok(
      grace.requests.some((r) => /\/chunks\/e2ee-worker-[\w-]+\.js$/.test(r.url)),
      'Grace fetched the worker',
    );
  });
});
