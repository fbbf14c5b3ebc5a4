import { expect, fixture, html } from '@open-wc/testing';
import type { Room } from 'livekit-client';
import { fetchToken } from '../../core/api.js';
import { testStack, until } from '../../testing/stack.js';
import type { ConvenePresenceChangedEvent, ConveneRoomEnteredEvent, ConveneRoomLeftEvent } from './space.events.js';
import type { ConveneSpace } from './space.component.js';
import { applyPresence } from './directory.js';
import { roomFromHash } from './space.component.js';
import './convene-space.js';

const PERSON_COOKIE = 'convene-test-person';

function cards(el: ConveneSpace) {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="room-card"]')];
}

function card(el: ConveneSpace, room: string) {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part="room-card"][data-room="${room}"]`);
}

function presenceText(el: ConveneSpace, room: string) {
  return card(el, room)?.querySelector('.presence')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function directoryOf(el: ConveneSpace) {
  return until('the directory', () => (cards(el).length ? cards(el) : null));
}

/** Someone else walks into a room: a plain livekit-client participant with a token from the server. */
async function someoneJoins(server: string, room: string, name: string): Promise<Room> {
  const token = await fetchToken({ server, space: 'river-coop', room, name });
  const { Room } = await import('livekit-client');
  const participant = new Room();
  await participant.connect(token.server_url, token.participant_token);
  return participant;
}

describe('<convene-space>', () => {
  afterEach(() => {
    document.cookie = `${PERSON_COOKIE}=; Max-Age=0; Path=/`;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows a guest the listed public and locked rooms, entrance first, and passes axe', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    const found = await directoryOf(el);
    expect(found.map((c) => c.dataset.room)).to.deep.equal(['lobby', 'workshop', 'tiny']);
    expect(card(el, 'lobby')!.textContent).to.contain('Entrance');
    expect(card(el, 'lobby')!.querySelector('.access')!.textContent).to.contain('Open to everyone');
    expect(card(el, 'workshop')!.querySelector('.access')!.textContent).to.contain('Locked');
    expect(el.shadowRoot!.textContent).not.to.contain('Back office');
    expect(el.shadowRoot!.textContent).not.to.contain('Members');
    await expect(el).to.be.accessible();
  });

  it('shows a member the members-only room too, and never an unlisted one', async () => {
    const { server } = await testStack();
    document.cookie = `${PERSON_COOKIE}=member; Path=/`;
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    const found = await directoryOf(el);
    expect(found.map((c) => c.dataset.room)).to.deep.equal(['lobby', 'workshop', 'members', 'tiny']);
    expect(card(el, 'members')!.querySelector('.access')!.textContent).to.contain('Members only');
    expect(el.shadowRoot!.textContent).not.to.contain('Back office');
  });

  it('shows who walks in within 3 seconds, and that they left', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    await directoryOf(el);
    const changes: ConvenePresenceChangedEvent[] = [];
    el.addEventListener('convene-presence-changed', (e) => changes.push(e));
    expect(presenceText(el, 'lobby')).to.equal('Nobody here yet');

    const ada = await someoneJoins(server, 'lobby', 'Ada Lovelace');
    await until('Ada to appear in the lobby', () => presenceText(el, 'lobby').includes('Ada Lovelace'), 3000);
    expect(presenceText(el, 'lobby')).to.equal('1 person inside: Ada Lovelace');
    expect(changes.at(-1)?.directory.rooms.find((r) => r.slug === 'lobby')?.count).to.equal(1);

    await ada.disconnect();
    await until('the lobby to be empty again', () => presenceText(el, 'lobby') === 'Nobody here yet', 3000);
  });

  it('marks presence as possibly out of date while the server is away, then shows correct figures', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    await directoryOf(el);
    await fetch('/__convene/server/stop');
    try {
      await until('the stale mark', () => el.shadowRoot!.querySelector('.banner.stale'), 10_000);
      expect(el.shadowRoot!.querySelector('.banner.stale')!.textContent).to.contain('may be out of date');
      expect(el.shadowRoot!.querySelector('[part="directory"]')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
    } finally {
      await fetch('/__convene/server/start');
    }
    // Someone arrives while the element is still reconnecting: the figures it shows once fresh must include them.
    const ada = await someoneJoins(server, 'lobby', 'Ada');
    await until('the stale mark to go', () => !el.shadowRoot!.querySelector('.banner.stale'), 15_000);
    await until('Ada in the lobby after recovery', () => presenceText(el, 'lobby').includes('Ada'), 5000);
    await ada.disconnect();
  });

  it('opens a room from the directory, and Back returns to the directory', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    await directoryOf(el);
    const entered: ConveneRoomEnteredEvent[] = [];
    const left: ConveneRoomLeftEvent[] = [];
    el.addEventListener('convene-room-entered', (e) => entered.push(e));
    el.addEventListener('convene-room-left', (e) => left.push(e));

    card(el, 'lobby')!.querySelector<HTMLButtonElement>('[part="enter"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('convene-room')?.getAttribute('room')).to.equal('lobby');
    expect(location.hash).to.equal('#room=lobby');
    expect(entered.map((e) => e.room)).to.deep.equal(['lobby']);
    await expect(el).to.be.accessible();

    history.back();
    await until('the directory after Back', () => (el.room === '' && cards(el).length ? true : null));
    expect(left.map((e) => e.room)).to.deep.equal(['lobby']);
    expect(location.hash).to.equal('');
    await until('focus back on the lobby’s Enter button', () =>
      el.shadowRoot!.activeElement?.closest('[data-room="lobby"]') ? true : null,
    );
  });

  it('opens the room a deep link names', async () => {
    const { server } = await testStack();
    history.replaceState(null, '', '#room=tiny');
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    expect(el.room).to.equal('tiny');
    expect(el.shadowRoot!.querySelector('convene-room')?.getAttribute('room')).to.equal('tiny');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await directoryOf(el);
    expect(location.hash).to.equal('');
  });

  it('leaves the URL alone with navigation="none"', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space="river-coop" navigation="none"></convene-space>`,
    );
    await directoryOf(el);
    card(el, 'lobby')!.querySelector<HTMLButtonElement>('[part="enter"]')!.click();
    await el.updateComplete;
    expect(el.room).to.equal('lobby');
    expect(location.hash).to.equal('');
  });

  it('moves between rooms with the arrow keys, one tab stop for the list', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    await directoryOf(el);
    const buttons = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="enter"]')];
    expect(buttons().map((b) => b.tabIndex)).to.deep.equal([0, -1, -1]);
    buttons()[0]!.focus();
    buttons()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await until('focus on the second room', () => el.shadowRoot!.activeElement === buttons()[1]);
    buttons()[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await until('focus on the last room', () => el.shadowRoot!.activeElement === buttons()[2]);
    expect(buttons().map((b) => b.tabIndex)).to.deep.equal([-1, -1, 0]);
  });

  it('says so when the space is empty, unknown, or the server unreachable', async () => {
    const { server } = await testStack();
    const empty = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space="members-club"></convene-space>`,
    );
    await until('the empty message', () => empty.shadowRoot!.textContent?.includes('no rooms you can enter'));
    await expect(empty).to.be.accessible();

    const unknown = await fixture<ConveneSpace>(html`<convene-space server=${server} space="nowhere"></convene-space>`);
    const alert = await until('the not-found message', () => unknown.shadowRoot!.querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('There is no space called “nowhere”');
    await expect(unknown).to.be.accessible();

    const away = await fixture<ConveneSpace>(
      html`<convene-space server="http://127.0.0.1:9" space="river-coop"></convene-space>`,
    );
    const down = await until('the unreachable message', () => away.shadowRoot!.querySelector('[role="alert"]'));
    expect(down.textContent).to.contain('cannot be reached');
    expect(down.querySelector('button')?.textContent?.trim()).to.equal('Try again');
    await expect(away).to.be.accessible();
  });

  it('speaks Spanish when the page says so', async () => {
    const { server } = await testStack();
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="es"><convene-space server=${server} space="river-coop"></convene-space></div>`,
    );
    const el = wrapper.querySelector('convene-space')!;
    await directoryOf(el);
    expect(card(el, 'lobby')!.querySelector('[part="enter"]')!.textContent!.trim()).to.equal('Entrar en Lobby');
    expect(card(el, 'workshop')!.querySelector('.access')!.textContent).to.contain('código de acceso');
  });
});

describe('presence logic', () => {
  it('reads the room from a URL hash among other parameters', () => {
    expect(roomFromHash('#room=lobby')).to.equal('lobby');
    expect(roomFromHash('#tab=2&room=workshop')).to.equal('workshop');
    expect(roomFromHash('')).to.equal('');
  });

  it('applies a presence event without touching rooms it does not name', () => {
    const directory = {
      space: 's',
      name: 'S',
      entrance: 'a',
      presence: 'live' as const,
      rooms: [
        { slug: 'a', name: 'A', access: 'public' as const, furniture: [], count: 0, people: [] },
        { slug: 'b', name: 'B', access: 'locked' as const, furniture: [], count: 2 },
      ],
    };
    const next = applyPresence(directory, {
      space: 's',
      presence: 'live',
      rooms: [{ slug: 'a', count: 1, people: [{ identity: 'x', name: 'Ada' }] }],
    });
    expect(next.rooms[0]).to.include({ count: 1 });
    expect(next.rooms[0]!.people).to.deep.equal([{ identity: 'x', name: 'Ada' }]);
    expect(next.rooms[1]).to.deep.equal(directory.rooms[1]);
  });
});
