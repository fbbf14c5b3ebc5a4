/** What a person does and sees on a page with Convene elements, driven through puppeteer-core. */
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';

/** Polls until `read` gives a truthy value; fails naming what did not happen. */
export async function until<T>(what: string, read: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The rooms the page's `<convene-space>` lists. */
export function listedRooms(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(document.querySelector('convene-space')?.shadowRoot?.querySelectorAll('[part="room-card"]') ?? [])].map(
      (card) => (card as HTMLElement).dataset.room ?? '',
    ),
  );
}

/** Enters a room from the directory and joins with a name, as a person would. */
export async function enterRoom(page: Page, room: string, name: string): Promise<void> {
  await page.bringToFront();
  // Polled: puppeteer's waitForSelector does not see changes inside shadow roots.
  const enter = await until(`${room} in the directory`, () =>
    page.$(`convene-space >>> [data-room="${room}"] [part="enter"]`),
  );
  await enter.click();
  const input = await until('the name field', () => page.$('convene-space >>> convene-room >>> input[name="name"]'));
  // The field may be prefilled with the name this browser used last: replace it, as a person would.
  await input.click({ clickCount: 3 });
  await input.type(name);
  await page.keyboard.press('Enter');
}

/** Joins the page's own top-level `<convene-room>` (not one inside a space) with a name. */
export async function joinRoom(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  const input = await until('the name field', () => page.$('convene-room >>> input[name="name"]'));
  await input.click({ clickCount: 3 });
  await input.type(name);
  await page.keyboard.press('Enter');
}

/** Names on the room's tiles whose video shows decoded frames: the room in the space, or the page's own. */
export function namesWithVideo(page: Page, where: 'space' | 'page' = 'space'): Promise<string[]> {
  return page.evaluate((where) => {
    const room =
      where === 'space'
        ? document.querySelector('convene-space')?.shadowRoot?.querySelector('convene-room')
        : document.querySelector('convene-room');
    const tiles = [...(room?.shadowRoot?.querySelectorAll('[part~="tile"]') ?? [])];
    return tiles
      .filter((tile) => (tile.querySelector('video')?.videoWidth ?? 0) > 0)
      .map((tile) => (tile as HTMLElement).dataset.name ?? tile.querySelector('.name')?.textContent?.trim() ?? '');
  }, where);
}

/**
 * The text a person sees in the first element `selector` matches (puppeteer's `>>>` pierces shadow
 * roots), shadow roots and slotted content within it included, hidden elements left out; '' if none.
 */
export async function visibleText(page: Page, selector: string): Promise<string> {
  const element = await page.$(selector);
  if (!element) return '';
  try {
    // A loop, not a named inner function: tsx would wrap one in a helper the page does not have.
    return await element.evaluate((root) => {
      const parts: string[] = [];
      const stack: Node[] = [root];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (!(node instanceof Element || node instanceof ShadowRoot)) continue;
        if (node instanceof Element) {
          if (/^(STYLE|SCRIPT|TEMPLATE)$/.test(node.tagName)) continue;
          // A `display: contents` element (a slot) has no box of its own, but its content shows.
          if (getComputedStyle(node).display !== 'contents' && !node.checkVisibility()) continue;
        }
        const children =
          node instanceof HTMLSlotElement
            ? node.assignedNodes({ flatten: true })
            : node instanceof Element && node.shadowRoot
              ? node.shadowRoot.childNodes
              : node.childNodes;
        stack.push(...[...children].reverse());
      }
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    });
  } finally {
    await element.dispose();
  }
}
