/**
 * Server-side rendering (as Next.js does it): importing @convene/react and rendering a room to HTML
 * touches no `window` and defines no element; the element upgrades later, in the browser.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

test('renders <convene-room>, <convene-space> and <convene-furniture> to HTML without a browser', async () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  const { ConveneFurniture, ConveneRoom, ConveneSpace } = await import('@convene/react');
  const html = renderToString(
    createElement(
      'main',
      null,
      createElement(ConveneSpace, { server: 'https://coop.example/convene', space: 'river-coop' }),
      createElement(
        ConveneRoom,
        { server: 'https://coop.example/convene', space: 'river-coop', room: 'lobby' },
        createElement(ConveneFurniture, { kind: 'markdown', label: 'Agenda' }, '# Agenda'),
      ),
    ),
  );
  assert.match(html, /<convene-space[^>]*>/);
  assert.match(html, /<convene-room[^>]*><convene-furniture[^>]*># Agenda<\/convene-furniture><\/convene-room>/);
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'nothing created a window');
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  assert.equal(registry?.get('convene-room'), undefined, 'no element was defined on the server');
  assert.equal(registry?.get('convene-furniture'), undefined, 'no element was defined on the server');
});
