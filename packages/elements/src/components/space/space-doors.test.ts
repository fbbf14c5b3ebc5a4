import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Directory, DirectoryRoom } from '@convene/server/contract';
import { FixtureDoors } from '../room/fixture-doors.js';
import { until } from '../../testing/stack.js';
import { FixedDirectory, applyPresence } from './directory.js';
import type { ConveneSpace } from './space.component.js';
import './convene-space.js';

const rooms: DirectoryRoom[] = [
  { slug: 'lobby', name: 'Lobby', access: 'public', count: 2, furniture: [] },
  {
    slug: 'workshop',
    name: 'Workshop',
    access: 'locked',
    knock: true,
    count: 1,
    furniture: [],
    locked_by_moderator: true,
  },
];
const directory: Directory = { space: 'river-coop', name: 'River Co-op', entrance: 'lobby', rooms, presence: 'live' };

const card = (el: ConveneSpace, room: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="room-card"][data-room="${room}"]`)!;
const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<convene-space> door (fixtures)', () => {
  it('says a room is locked by a moderator, in text with an icon', async () => {
    const el = await fixture<ConveneSpace>(
      html`<convene-space .source=${new FixedDirectory({ status: 'ready', directory, stale: false })}></convene-space>`,
    );
    await until('the cards', () => card(el, 'workshop'));
    const note = card(el, 'workshop').querySelector('[data-locked-by-moderator]')!;
    expect(text(note)).to.equal('Locked by a moderator');
    expect(note.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(card(el, 'lobby').querySelector('[data-locked-by-moderator]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('follows presence events: the lock shows and goes', () => {
    const unlocked = applyPresence(directory, {
      space: 'river-coop',
      presence: 'live',
      rooms: [{ slug: 'workshop', count: 1 }],
    });
    expect(unlocked.rooms[1]!.locked_by_moderator).to.equal(undefined);
    const locked = applyPresence(unlocked, {
      space: 'river-coop',
      presence: 'live',
      rooms: [{ slug: 'lobby', count: 2, locked_by_moderator: true }],
    });
    expect(locked.rooms[0]!.locked_by_moderator).to.equal(true);
  });

  it('shows a moderator who knocks on which room, with Admit and Deny from the keyboard; passes axe', async () => {
    const doors = new FixtureDoors();
    const el = await fixture<ConveneSpace>(
      html`<convene-space
        .doorsApi=${doors}
        .source=${new FixedDirectory({ status: 'ready', directory, stale: false })}
      ></convene-space>`,
    );
    await until('the cards', () => card(el, 'workshop'));
    await until('following', () => el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));
    doors.addKnock('Ada', 'workshop');
    doors.addKnock('Ben', 'workshop');
    const list = await until('the knocks', () => {
      const ul = card(el, 'workshop').querySelector('.knocks');
      return ul?.querySelectorAll('li').length === 2 ? ul : undefined;
    });
    expect(list.getAttribute('aria-label')).to.equal('Asking to come in to Workshop');
    expect([...list.querySelectorAll('li span')].map(text)).to.deep.equal([
      'Ada is asking to come in',
      'Ben is asking to come in',
    ]);
    await until('announced', () =>
      text(el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')).includes('Ben is asking to come in.'),
    );
    expect(card(el, 'lobby').querySelector('.knocks')).to.equal(null);
    await expect(el).to.be.accessible();
    list.querySelector<HTMLButtonElement>('button.admit')!.focus();
    await sendKeys({ press: 'Enter' });
    await until('focus on Admit Ben', () => deepActive()?.getAttribute('aria-label') === 'Admit Ben');
    expect(doors.calls).to.deep.equal(['answer k1 admit']);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until('Ben denied', () => doors.calls.length === 2);
    expect(doors.calls[1]).to.equal('answer k2 deny');
    await until('focus on Enter', () => deepActive()?.getAttribute('part') === 'enter');
  });
});
