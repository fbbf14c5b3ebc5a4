import { expect } from '@open-wc/testing';
import { people } from '../../testing/fixture-session.js';
import { $, fixtureRoom, tileOf } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';

const status = (tile: HTMLElement) => tile.querySelector<HTMLElement>('[part~="tile-status"]')!;
/** What a sighted person reads: the text without the part only screen readers get. */
const visible = (el: HTMLElement) => {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return copy.textContent?.trim() ?? '';
};

/** The line on a tile that says someone's media does not reach the visitor (fixtures; liveness.ts decides it in a real room). */
describe('<convene-room> tile status (fixtures)', () => {
  it('says "Connection lost — reconnecting…" with the lost badge, politely, and clears when they are back; passes axe', async () => {
    const { el, session } = await fixtureRoom({ people: people(2) });
    const grace = await until('Grace’s tile', () => tileOf(el, 'Grace Hopper'));
    const region = status(grace);
    // The region is there from the start (so a screen reader hears the change), empty.
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.hasAttribute('aria-live'), 'polite, as a status is').to.equal(false);
    expect(region.textContent?.trim()).to.equal('');
    session().setConnection(grace.dataset.identity!, 'stalled', 'lost');
    await until('the stalled line', () => visible(status(tileOf(el, 'Grace Hopper')!)) !== '');
    const tile = tileOf(el, 'Grace Hopper')!;
    expect(visible(status(tile))).to.equal('Connection lost — reconnecting…');
    // A screen reader hears whose: the name, visually hidden.
    expect(status(tile).textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Grace Hopper: Connection lost — reconnecting…',
    );
    expect(tile.querySelector('[part~="quality"]')!.getAttribute('aria-label')).to.equal('Connection lost');
    // The visitor's own tile has no such line.
    expect($(el, '[part~="tile"][data-local="true"] [part~="tile-status"]')).to.equal(null);
    await expect(el).to.be.accessible();

    session().setConnection(grace.dataset.identity!, 'live', 'good');
    await until('the line gone', () => status(tileOf(el, 'Grace Hopper')!).textContent?.trim() === '');
    expect(tileOf(el, 'Grace Hopper')!.querySelector('[part~="quality"]')!.getAttribute('aria-label')).to.equal(
      'Good connection',
    );
  });

  it('says "Reconnecting to the video service…" on the tiles of who was there, quietly (the banner says it once), in Spanish too', async () => {
    const { el, session } = await fixtureRoom(
      { people: people(2), outcome: { phase: 'reconnecting' } },
      { lang: 'es' },
    );
    const grace = await until('Grace’s tile', () => tileOf(el, 'Grace Hopper'));
    session().setConnection(grace.dataset.identity!, 'reconnecting', 'unknown');
    await until('the reconnecting line', () => visible(status(tileOf(el, 'Grace Hopper')!)) !== '');
    const region = status(tileOf(el, 'Grace Hopper')!);
    expect(visible(region)).to.equal('Reconectando con el servicio de vídeo…');
    expect(region.getAttribute('aria-live')).to.equal('off');
    expect($(el, '.banner[role="status"]')?.textContent).to.contain('Reconectando');
    await expect(el).to.be.accessible();
  });
});
