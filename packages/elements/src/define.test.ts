// The script-tag embed's entry (define.ts, dist/convene.js): the directory at once, the room's code
// only once the page has a <convene-room>. Nothing here imports the room's own registration.
import { expect } from '@open-wc/testing';
import type { ConveneRoom } from './components/room/room.component.js';
import type { SessionOptions } from './components/room/session.js';
import { FixtureDoors } from './components/room/fixture-doors.js';
import { FixtureSession } from './testing/fixture-session.js';
import { until } from './testing/stack.js';
import { loadRoom } from './define.js';

const SERVER = 'https://convene.example';

describe('convene.js: <convene-room> loads when the page has one', () => {
  it('defines <convene-space> and <convene-furniture> at once, and not <convene-room> on a page without one', async () => {
    expect(customElements.get('convene-space'), 'the directory').to.not.equal(undefined);
    expect(customElements.get('convene-furniture'), 'furniture the page places').to.not.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(customElements.get('convene-room'), 'no room on the page yet').to.equal(undefined);
  });

  it('defines <convene-room> once one is added, keeping what the page set on it before', async () => {
    const el = document.createElement('convene-room') as ConveneRoom;
    el.setAttribute('server', SERVER);
    el.setAttribute('space', 'river-coop');
    el.setAttribute('room', 'lobby');
    // Properties set before the element is defined: Lit takes them over when it upgrades.
    el.name = 'Ada Lovelace';
    el.strings = { join: 'Come in' };
    el.sessionFactory = (o: SessionOptions) => new FixtureSession(o, { delay: 0 });
    el.doorsApi = new FixtureDoors();
    const wrapper = document.createElement('div');
    wrapper.append(el);
    document.body.append(wrapper);
    try {
      await customElements.whenDefined('convene-room');
      await el.updateComplete;
      const root = el.shadowRoot!;
      const join = await until('pre-join', () => root.querySelector<HTMLButtonElement>('button[type="submit"]'));
      expect(join.textContent?.trim()).to.equal('Come in');
      expect(root.querySelector<HTMLInputElement>('input[name="name"]')!.value).to.equal('Ada Lovelace');
      join.click();
      await until('in the room (the fixture session)', () => root.querySelector('[part~="stage"]'));
      expect(el.session).to.be.instanceOf(FixtureSession);
      const room = await loadRoom();
      expect(customElements.get('convene-room')).to.equal(room.ConveneRoom);
    } finally {
      wrapper.remove();
    }
  });
});
