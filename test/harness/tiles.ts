/**
 * What a person sees on the tiles of a page's `<convene-room>` (test/pages/room.html), for the fault
 * tests and the reconnect bench: who has a tile, what its status line and badge say, and when each
 * remote tile's picture last moved (a frame presented, as the page's clock, Date.now(), saw it).
 */
import type { Browser, Page } from 'puppeteer-core';
import { until } from './pages.js';

export interface SeenTile {
  name: string;
  /** The tile's status line as a sighted person reads it ('' when none). */
  status: string;
  liveness: string;
  /** The connection badge's label. */
  quality: string;
  /** When its picture last moved (page's Date.now()), 0 if never. */
  movedAt: number;
}

export interface SeenRoom {
  banner: string;
  tiles: SeenTile[];
  /** What the room last announced to screen readers. */
  announced: string;
  now: number;
}

/** Opens test/pages/room.html in a context of its own (its own guest id), joined at once as `name`. */
export async function openRoom(browser: Browser, baseUrl: string, room: string, name: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 960, height: 720 });
  // tsx names the functions it compiles (`__name(fn, 'tick')`): the functions evaluated in the page need it too.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
  await page.goto(`${baseUrl}/test-pages/room.html?${new URLSearchParams({ room, name })}`);
  // Every frame, note when each remote tile's picture moved.
  await page.evaluate(() => {
    const moved: Record<string, number> = {};
    const frames = new Map<HTMLVideoElement, number>();
    (window as unknown as { movedAt: Record<string, number> }).movedAt = moved;
    const tick = () => {
      const root = document.querySelector('convene-room')?.shadowRoot;
      for (const tile of root?.querySelectorAll<HTMLElement>('[part~="tile"][data-local="false"]') ?? []) {
        const video = tile.querySelector('video');
        const name = tile.querySelector('[part~="tile-name"]')?.textContent ?? '';
        if (!video) continue;
        const count = video.getVideoPlaybackQuality().totalVideoFrames;
        if (video.videoWidth > 0 && count > (frames.get(video) ?? 0)) moved[name] = Date.now();
        frames.set(video, count);
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
  return page;
}

export function seen(page: Page): Promise<SeenRoom> {
  return page.evaluate(() => {
    const root = document.querySelector('convene-room')?.shadowRoot;
    const moved = (window as unknown as { movedAt: Record<string, number> }).movedAt ?? {};
    const visible = (el: Element | null | undefined) => {
      if (!el) return '';
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    };
    const tiles = [...(root?.querySelectorAll<HTMLElement>('[part~="tile"][data-local="false"]') ?? [])].map((tile) => {
      const name = tile.querySelector('[part~="tile-name"]')?.textContent ?? '';
      const status = tile.querySelector<HTMLElement>('[part~="tile-status"]');
      return {
        name,
        status: visible(status),
        liveness: status?.dataset.liveness ?? '',
        quality: tile.querySelector('[part~="quality"]')?.getAttribute('aria-label') ?? '',
        movedAt: moved[name] ?? 0,
      };
    });
    return {
      banner: [...(root?.querySelectorAll('.banner') ?? [])].map((b) => b.textContent?.trim()).join(' | '),
      tiles,
      announced: root?.querySelector('[aria-live="polite"].visually-hidden')?.textContent?.trim() ?? '',
      now: Date.now(),
    };
  });
}

/** The tile of `name` on `page`, if there is one. */
export async function tileOf(page: Page, name: string): Promise<SeenTile | undefined> {
  return (await seen(page)).tiles.find((t) => t.name === name);
}

/** Whether `name`'s picture on `page` moved in the last `withinMs`. */
export async function moving(page: Page, name: string, withinMs = 700): Promise<boolean> {
  const room = await seen(page);
  const tile = room.tiles.find((t) => t.name === name);
  return !!tile && tile.movedAt > 0 && room.now - tile.movedAt < withinMs;
}

/** Until Ada sees Bea's picture move and Bea sees Ada's (the pages of two people named so). */
export async function meetEachOther(ada: Page, bea: Page): Promise<void> {
  await until('Ada sees Bea’s picture move', () => moving(ada, 'Bea'), 30_000);
  await until('Bea sees Ada’s picture move', () => moving(bea, 'Ada'), 30_000);
}

/** Checks `check` every 200 ms for `ms`: what a person sees holds all along (a fault kept on that long). */
export async function throughout(ms: number, check: () => Promise<void>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await check();
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Whether `page`, a `<convene-space>` page with its room open, shows `name`'s picture with new
 * frames arriving over `windowMs` (bring the page to the front first: Chromium pauses videos behind).
 */
export function movingInSpace(page: Page, name: string, windowMs = 300): Promise<boolean> {
  return page.evaluate(
    async (name, windowMs) => {
      const room = document.querySelector('convene-space')?.shadowRoot?.querySelector('convene-room');
      const tile = [
        ...(room?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="tile"][data-local="false"]') ?? []),
      ].find((t) => t.querySelector('[part~="tile-name"]')?.textContent?.trim() === name);
      const video = tile?.querySelector('video');
      if (!video || video.videoWidth === 0) return false;
      const before = video.getVideoPlaybackQuality().totalVideoFrames;
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      return video.getVideoPlaybackQuality().totalVideoFrames > before;
    },
    name,
    windowMs,
  );
}
