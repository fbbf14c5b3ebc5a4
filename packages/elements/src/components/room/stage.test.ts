import { expect } from '@open-wc/testing';
import { people } from '../../testing/fixture-session.js';
import { $, $$, announced, fixtureRoom, names, tileOf, tiles } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';

/** The stage from fixtures: what a visitor sees of the people in the room (no server, no LiveKit). */
describe('<convene-room> stage (fixtures)', () => {
  it('shows everyone by name, the visitor first, with the muted badge on who is muted; passes axe', async () => {
    const { el } = await fixtureRoom({ people: people(4) });
    await until('five tiles', () => tiles(el).length === 5);
    expect(names(el)).to.deep.equal(['Sam Rivera (you)', 'Grace Hopper', 'Tomás Ortega', 'Amara Okafor', 'Li Wei']);
    expect($(el, '[part~="stage"]')!.getAttribute('aria-label')).to.equal('People in the room: 5 people');
    // people(4): the fourth (Li Wei) has the microphone off.
    const muted = tiles(el).filter((t) => t.querySelector('[part~="muted"]'));
    expect(muted.map((t) => t.querySelector('[part~="tile-name"]')?.textContent)).to.deep.equal(['Li Wei']);
    expect(muted[0]!.querySelector('[part~="muted"]')!.getAttribute('aria-label')).to.equal(
      "Li Wei's microphone is off",
    );
    // Amara's camera is off: her initials instead of video.
    expect(tileOf(el, 'Amara Okafor')!.querySelector('.initials')?.textContent).to.equal('AO');
    expect(tileOf(el, 'Grace Hopper')!.querySelector('video')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('pins whoever the session’s spotlight names, with a badge, and announces it; clears it', async () => {
    const { el, session } = await fixtureRoom({ people: people(3), spotlight: 1 });
    const pinned = await until('Tomás pinned', () => $(el, '[part~="tile"][part~="pinned"]'));
    expect(pinned.querySelector('[part~="tile-name"]')?.textContent).to.equal('Tomás Ortega');
    const badge = pinned.querySelector('[part~="spotlight"]')!;
    expect(badge.textContent?.trim()).to.equal('Spotlight');
    expect(badge.getAttribute('aria-label')).to.equal('Tomás Ortega is in the spotlight');
    expect($(el, '.stage-area')!.classList.contains('pinning')).to.equal(true);
    await until('the pin announced', () => announced(el) === 'Tomás Ortega is in the spotlight');
    await expect(el).to.be.accessible();

    session().setSpotlight('');
    await until('the pin gone', () => !$(el, '[part~="pinned"]'));
    await until('the clearing announced', () => announced(el) === 'Spotlight cleared');
    expect($(el, '.stage-area')!.classList.contains('pinning')).to.equal(false);
  });

  it('pages the tiles beyond what fits, and the pager moves between pages', async () => {
    // 400 px fits four tiles a page: the visitor and twelve others make four pages.
    const { el } = await fixtureRoom({ people: people(12) }, { width: 400 });
    await until('four tiles on the first page', () => tiles(el).length === 4);
    const pager = $(el, '[part~="pager"]')!;
    expect(pager.textContent).to.contain('Page 1 of 4');
    const previous = pager.querySelector<HTMLButtonElement>('[data-action="previous-page"]')!;
    const next = pager.querySelector<HTMLButtonElement>('[data-action="next-page"]')!;
    expect(previous.disabled).to.equal(true);
    expect(next.getAttribute('aria-label')).to.equal('Next page of people');
    const first = names(el);
    next.click();
    await until('page 2', () => $(el, '[part~="pager"]')!.textContent?.includes('Page 2 of 4'));
    expect(names(el)).to.not.include.members(first);
    expect(previous.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('floats reactions from session.reactions over the sender’s tile, for a few seconds, not for someone off the page', async () => {
    const { el, session } = await fixtureRoom({ people: people(12) }, { width: 400 });
    await until('four tiles', () => tiles(el).length === 4);
    const grace = tileOf(el, 'Grace Hopper')!;
    session().showReaction({ identity: grace.dataset.identity!, emoji: '👏' });
    const emoji = await until('👏 over Grace’s tile', () => grace.querySelector('[part~="reactions"] span'));
    expect(emoji.textContent).to.equal('👏');
    expect(grace.querySelector('[part~="reactions"]')!.getAttribute('aria-hidden')).to.equal('true');
    // Someone on another page: nothing floats anywhere.
    const offPage = session().participants.value.find((p) => p.name === 'Ana Souza');
    session().showReaction({ identity: offPage!.identity, emoji: '🎉' });
    await new Promise((r) => setTimeout(r, 50));
    expect($$(el, '[part~="reactions"] span').map((s) => s.textContent)).to.deep.equal(['👏']);
    await until('the reaction gone', () => !grace.querySelector('[part~="reactions"] span'), 5000);
  });
});
