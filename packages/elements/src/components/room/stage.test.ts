import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
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

  it('pages the tiles beyond what fits, and the pager moves between pages, from the keyboard too', async () => {
    // 400 px fits four tiles a page: the visitor and twelve others make four pages.
    const { el } = await fixtureRoom({ people: people(12) }, { width: 400 });
    await until('four tiles on the first page', () => tiles(el).length === 4);
    const pager = $(el, '[part~="pager"]')!;
    const status = pager.querySelector('[role="status"]')!;
    expect(status.textContent, 'the page, announced as it changes').to.equal('Page 1 of 4');
    const previous = pager.querySelector<HTMLButtonElement>('[data-action="previous-page"]')!;
    const next = pager.querySelector<HTMLButtonElement>('[data-action="next-page"]')!;
    expect(previous.getAttribute('aria-disabled')).to.equal('true');
    expect(next.getAttribute('aria-label')).to.equal('Next page of people');
    const first = names(el);
    expect($$(el, '[part~="tile"] video'), 'only the tiles on view have media').to.have.length(
      tiles(el).filter((t) => t.querySelector('video')).length,
    );
    next.click();
    await until('page 2', () => status.textContent === 'Page 2 of 4');
    expect(names(el)).to.not.include.members(first);
    expect(previous.getAttribute('aria-disabled')).to.equal('false');
    // To the last page by keyboard: the button keeps the focus there, and does nothing more.
    next.focus();
    await sendKeys({ press: 'Enter' });
    await until('page 3', () => status.textContent === 'Page 3 of 4');
    await sendKeys({ press: 'Enter' });
    await until('page 4', () => status.textContent === 'Page 4 of 4');
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement, 'the focus stays on the button').to.equal(next);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(status.textContent).to.equal('Page 4 of 4');
    await expect(el).to.be.accessible();
  });

  it('asks LiveKit for less of the listeners in a grid, and everything of the speaker', async () => {
    const { el, session } = await fixtureRoom({ people: people(12) }, { width: 1300 });
    await until('thirteen tiles', () => tiles(el).length === 13);
    // A stand-in for LiveKit's room: each remote camera's publication records what it is asked.
    const asked = new Map<string, string[]>();
    const publication = (identity: string) => {
      const calls: string[] = [];
      asked.set(identity, calls);
      return {
        track: {},
        setVideoQuality: (q: number) => calls.push(`quality ${q}`),
        setVideoDimensions: (d: { width: number; height: number }) => calls.push(`${d.width}x${d.height}`),
        setVideoFPS: (fps: number) => calls.push(`fps ${fps}`),
      };
    };
    const remote = session().participants.value.filter((p) => !p.isLocal);
    const room = {
      remoteParticipants: new Map(
        remote.map((p) => [p.identity, { getTrackPublication: () => publication(p.identity) }] as const),
      ),
    };
    Object.defineProperty(session(), 'room', { value: room });
    el.requestUpdate();
    await el.updateComplete;
    const speaker = remote.find((p) => p.isSpeaking)!;
    const listener = remote.find((p) => !p.isSpeaking && p.video)!;
    const tile = tileOf(el, listener.name)!;
    expect(asked.get(speaker.identity)).to.deep.equal(['quality 2', 'fps 0']);
    const [size, fps] = asked.get(listener.identity)!;
    const [width, height] = size!.split('x').map(Number);
    expect(width).to.be.lessThan(tile.clientWidth);
    expect(height).to.be.lessThan(tile.clientHeight);
    expect(fps).to.equal('fps 8');
    const cameraOff = remote.find((p) => !p.video)!;
    expect(asked.get(cameraOff.identity), 'nothing asked for a camera that is off').to.equal(undefined);
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
