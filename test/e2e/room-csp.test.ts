/**
 * The built embed (packages/elements/dist/convene.js, from `npm run build`) on a page whose
 * Content-Security-Policy forbids eval, inline scripts and inline styles: two rooms meet, the
 * policy is never violated, and the page requests nothing from any host but the Convene server
 * and its LiveKit.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { root } from '../../scripts/lib/workspace.mjs';
import { launchChromium, startStack } from '../harness/index.js';

const dist = join(root, 'packages', 'elements', 'dist');

async function until<T>(what: string, read: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Per room on the page: names on tiles whose video shows decoded frames. */
function decodedNames(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    for (const room of document.querySelectorAll('convene-room')) {
      seen[room.id] = [...(room.shadowRoot?.querySelectorAll('[part~="tile"]') ?? [])]
        .filter((tile) => (tile.querySelector('video')?.videoWidth ?? 0) > 0)
        .map((tile) => tile.querySelector('.name')?.textContent ?? '');
    }
    return seen;
  });
}

describe('<convene-room> under a strict Content-Security-Policy', () => {
  it('two rooms meet with no violation and no request to any other host', async (t) => {
    if (!existsSync(join(dist, 'convene.js'))) {
      t.skip('packages/elements/dist/convene.js is missing: run `npm run build` first');
      return;
    }
    const stack = await startStack({ elementsDir: dist });
    const browser = await launchChromium();
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${stack.baseUrl}/test-pages/room-csp.html`);

    const seen = await until('both rooms to show two tiles with decoded video', async () => {
      const names = await decodedNames(page);
      return names.ada?.length === 2 && names.grace?.length === 2 ? names : undefined;
    });
    assert.deepEqual(seen.ada?.sort(), ['Ada (you)', 'Grace']);
    assert.deepEqual(seen.grace?.sort(), ['Ada', 'Grace (you)']);

    // The build minifies templates: its svg`` icons must come through whole (a shape that lost
    // its self-closing slash swallows the shapes after it, and the icon draws half).
    const icons = await page.evaluate(() => {
      const shadow = document.querySelector('convene-room')?.shadowRoot;
      return {
        drawn: shadow?.querySelectorAll('svg.icon').length ?? 0,
        nested: shadow?.querySelectorAll('svg :is(rect, circle, path) > *').length ?? -1,
      };
    });
    assert.ok(icons.drawn >= 4, `the controls show their icons (${icons.drawn})`);
    assert.equal(icons.nested, 0, 'no icon shape swallowed another');

    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(errors, [], 'no uncaught error');
    // The watcher itself works: an inline style is a violation it reports.
    await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await until('the watcher to report an inline style', () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.length === 1),
    );
    const allowed = new Set([new URL(stack.baseUrl).host, new URL(stack.livekit.url).host]);
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && !allowed.has(new URL(url).host));
    assert.deepEqual(elsewhere, [], 'requests only to the Convene server and its LiveKit');
    assert.ok(
      requests.some((url) => /\/chunks\/livekit-client-[\w-]+\.js$/.test(url)),
      'livekit-client came as its own chunk',
    );
  });
});
