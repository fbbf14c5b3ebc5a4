/**
 * Every Storybook story, rendered from the built Storybook (`npm run build-storybook`) in
 * Chromium, finishes its play function (the fixture stories check there what they claim to
 * show) and passes axe: the states people can meet are accessible, not only the happy path.
 * The `Live/` stories find no server here: they must show the unreachable state, accessibly.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium.mjs';
import { root } from '../../scripts/lib/workspace.mjs';

const STATIC = join(root, 'storybook-static');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Collects what a play function threw: Storybook shows it in its Interactions panel only
 * (`throwPlayFunctionExceptions` is off by default), so the test listens on the preview's channel.
 * A string, so tsx adds no helpers the page lacks.
 */
const COLLECT_PLAY_ERRORS = `
  window.__playErrors = [];
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get() { return channel; },
    set(value) {
      channel = value;
      value.on('playFunctionThrewException', (e) => window.__playErrors.push(e.message));
      value.on('unhandledErrorsWhilePlaying', (es) => window.__playErrors.push(...es.map((e) => e.message)));
    },
  });
`;

/** What a person sees in the room of a story, read from its shadow root. */
function roomView(page: Page) {
  // No named functions inside: tsx would wrap them in a `__name` helper the page does not have.
  return page.evaluate(() => {
    const root = document.querySelector('#storybook-root convene-room')?.shadowRoot;
    const share = root?.querySelector<HTMLVideoElement>('[part~="screen-share"] video');
    const panel = root?.querySelector('convene-furniture-panel')?.shadowRoot;
    const chat = panel?.querySelector('convene-furniture-chat')?.shadowRoot;
    const hands = panel?.querySelector('convene-furniture-hand-raise')?.shadowRoot;
    const spotlight = panel?.querySelector('convene-furniture-spotlight')?.shadowRoot;
    const tables = panel?.querySelector('convene-furniture-breakout-tables')?.shadowRoot;
    return {
      tiles: root?.querySelectorAll('[part~="tile"]').length ?? 0,
      pager: root?.querySelector('[part~="pager"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      stage: root?.querySelector('[part~="stage"]')?.getAttribute('aria-label') ?? '',
      moderation: root?.querySelectorAll('[part~="moderation"]').length ?? 0,
      // A canvas track plays: the video has a picture the size the fixture draws.
      shareWidth: share?.videoWidth ?? 0,
      cameraVideos: root?.querySelectorAll('[part~="tile"] video').length ?? 0,
      message: root?.querySelector('[part~="message"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      // The furniture's selected piece, as a person reads it.
      chat: [...(chat?.querySelectorAll('[part~="message"] .text') ?? [])].map((m) => m.textContent?.trim() ?? ''),
      hands: [...(hands?.querySelectorAll('[part="queue"] .who') ?? [])].map((h) => h.textContent?.trim() ?? ''),
      spotlight: spotlight?.querySelector('[role="status"]')?.textContent?.trim() ?? '',
      seated: [...(tables?.querySelectorAll('[part="table"]') ?? [])].map(
        (t) => `${t.querySelector('h3')?.textContent?.trim()}: ${t.querySelector('.people')?.textContent?.trim()}`,
      ),
    };
  });
}

/** A few stories' claims, checked from outside the story too, so a broken fixture fails here. */
const CLAIMS: Record<string, (view: Awaited<ReturnType<typeof roomView>>) => void> = {
  'elements-convene-room--six-people': (v) => {
    assert.equal(v.tiles, 6, 'six tiles');
    assert.ok(v.cameraVideos >= 3, `cameras on show video (${v.cameraVideos})`);
  },
  'elements-convene-room--thirty-people': (v) => {
    assert.match(v.stage, /30/, 'the stage counts thirty people');
    assert.match(v.pager, /1\D+[2-9]/, `a pager (${v.pager})`);
    assert.ok(v.tiles < 30, `one page of tiles (${v.tiles})`);
  },
  'elements-convene-room--screen-share': (v) => assert.equal(v.shareWidth, 1280, 'the shared screen plays'),
  'elements-convene-room--moderator': (v) => assert.equal(v.moderation, 5, 'moderation on every other tile'),
  'elements-convene-room--removed': (v) => assert.match(v.message, /removed/i),
  'elements-convene-room-furniture--chat': (v) => {
    assert.equal(v.chat.length, 4, 'four messages');
    assert.match(v.chat[0] ?? '', /agenda/, 'the first message first');
  },
  'elements-convene-room-furniture--hand-queue': (v) =>
    assert.deepEqual(v.hands, ['Amara Okafor', 'Grace Hopper', 'Li Wei'], 'three hands, in order'),
  'elements-convene-room-furniture--spotlight': (v) => assert.match(v.spotlight, /Tomás Ortega/),
  'elements-convene-room-furniture--breakout-tables': (v) =>
    assert.deepEqual(v.seated.slice(0, 2), ['Garden: Grace Hopper, Li Wei', 'Kitchen: Tomás Ortega']),
  'live-convene-room--no-prejoin': (v) => assert.match(v.message, /could not reach/i, 'no server: unreachable'),
};

interface Entry {
  id: string;
  type: string;
  title: string;
  name: string;
}

const built = existsSync(join(STATIC, 'index.json'));
const stories = built
  ? Object.values(
      (JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, Entry> }).entries,
    ).filter((entry) => entry.type === 'story')
  : [];

describe('Storybook', () => {
  let base = '';
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;

  // One server and one browser for every story (the harness's `launchChromium` closes its browser
  // after the hook that launched it).
  before(async () => {
    if (!built) return;
    const app = express().use(express.static(STATIC));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: CHROMIUM_ARGS,
      protocolTimeout: 60_000,
    });
    page = await browser.newPage();
    await page.evaluateOnNewDocument(COLLECT_PLAY_ERRORS);
    await page.setViewport({ width: 1000, height: 800 });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('has the stories of every element and state', () => {
    assert.ok(built, 'storybook-static is missing: run `npm run build-storybook`');
    assert.ok(stories.length >= 40, `expected the stories of every element and state, found ${stories.length}`);
    for (const id of Object.keys(CLAIMS)) {
      assert.ok(
        stories.some((s) => s.id === id),
        `story ${id} is missing`,
      );
    }
  });

  for (const story of stories) {
    it(`${story.title} / ${story.name} renders, plays and passes axe`, async () => {
      await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
      // Rendered and played: Storybook's render of this story reached its last phase.
      await page
        .waitForFunction(
          (id) => {
            const render = (window as any).__STORYBOOK_PREVIEW__?.currentRender;
            return render?.id === id && render.phase === 'finished';
          },
          { timeout: 20_000, polling: 100 },
          story.id,
        )
        .catch(() => assert.fail('did not finish rendering within 20 s'));
      const error = await page.evaluate(() =>
        [
          ...((window as any).__playErrors as string[]),
          ...(document.body.classList.contains('sb-show-errordisplay')
            ? [document.querySelector('#error-message')?.textContent ?? 'an error']
            : []),
        ].join('; '),
      );
      assert.equal(error, '', 'the story threw');
      if (story.title.startsWith('Live/')) {
        // No server here: let joining fail, then check the failure too.
        await page
          .waitForFunction(
            () =>
              [...document.querySelectorAll('#storybook-root convene-room')].every(
                (el) => (el as any).session?.state.value.phase !== 'connecting',
              ),
            { timeout: 10_000, polling: 100 },
          )
          .catch(() => assert.fail('still connecting after 10 s with no server'));
      }
      await page.evaluate(async () => {
        const elements = [...document.querySelectorAll('#storybook-root *')].filter((el) =>
          customElements.get(el.localName),
        );
        await Promise.all(elements.map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      });
      const claim = CLAIMS[story.id];
      if (claim) {
        if (story.id.endsWith('screen-share')) {
          // The canvas stream's first frame.
          await page
            .waitForFunction(
              () =>
                (document
                  .querySelector('#storybook-root convene-room')
                  ?.shadowRoot?.querySelector<HTMLVideoElement>('[part~="screen-share"] video')?.videoWidth ?? 0) > 0,
              { timeout: 5_000, polling: 100 },
            )
            .catch(() => {});
        }
        claim(await roomView(page));
      }
      await page.addScriptTag({ path: axePath });
      const violations = (await page.evaluate(async () => {
        const result = await (window as any).axe.run(document.querySelector('#storybook-root'), {
          resultTypes: ['violations'],
        });
        return result.violations;
      })) as AxeViolation[];
      assert.deepEqual(
        violations.map((v) => `${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`),
        [],
        'axe found problems',
      );
    });
  }
});
