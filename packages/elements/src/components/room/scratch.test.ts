import { fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { testStack } from '../../testing/stack.js';
import type { ConveneRoom } from './room.component.js';
import './convene-room.js';

describe('scratch', () => {
  it('speaking', async () => {
    await setViewport({ width: 1280, height: 1000 });
    const { server } = await testStack();
    const w = await fixture<HTMLDivElement>(html`<div><convene-room server=${server} space="river-coop" room="lobby" name="Ada"></convene-room><convene-room server=${server} space="river-coop" room="lobby" name="Grace"></convene-room></div>`);
    const [ada, grace] = [...w.querySelectorAll('convene-room')] as ConveneRoom[];
    await ada!.join(); await grace!.join();
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      console.log([...ada!.shadowRoot!.querySelectorAll('[part~="tile"]')].map((t) => `${t.getAttribute('part')} ${t.querySelector('[part="quality"]')?.getAttribute('aria-label')}`).join(' | '));
    }
  });
});
