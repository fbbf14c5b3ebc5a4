import { expect, fixture, html } from '@open-wc/testing';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneSpace } from './space.component.js';
import './convene-space.js';

describe('<convene-space>', () => {
  it('lists the rooms a guest may see, entrance first, and passes axe', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(html`<convene-space server=${server} space="river-coop"></convene-space>`);
    const cards = await until('the directory', () => {
      const found = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="room-card"]')];
      return found.length ? found : null;
    });
    expect(cards.map((c) => c.dataset.room)).to.deep.equal(['lobby', 'workshop', 'tiny']);
    await expect(el).to.be.accessible();
  });
});
