import { expect, fixture, html } from '@open-wc/testing';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneJoinedEvent } from '../../events.js';
import type { ConveneRoom } from './room.component.js';
import './convene-room.js';

function tiles(el: ConveneRoom) {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')];
}

function decodedVideos(el: ConveneRoom) {
  return tiles(el).filter((tile) => (tile.querySelector('video')?.videoWidth ?? 0) > 0);
}

describe('<convene-room>', () => {
  it('greets a visitor with a labelled name field and a Join button, and passes axe', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneRoom>(
      html`<convene-room server=${server} space="river-coop" room="lobby"></convene-room>`,
    );
    const input = el.shadowRoot!.querySelector('input[name="name"]');
    expect(input, 'name field').to.exist;
    expect(el.shadowRoot!.querySelector('label')?.textContent).to.contain('Your name');
    expect(el.shadowRoot!.querySelector('button[type="submit"]')?.textContent?.trim()).to.equal('Join');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish when the page says so', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneRoom>(
      html`<div lang="es"><convene-room server=${server} space="river-coop" room="lobby"></convene-room></div>`,
    );
    const room = el.querySelector('convene-room')!;
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('button[type="submit"]')?.textContent?.trim()).to.equal('Entrar');
  });

  it('two elements on one page meet in the same room and see each other’s camera', async () => {
    const { server } = await testStack();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <convene-room server=${server} space="river-coop" room="lobby" name="Ada"></convene-room>
        <convene-room server=${server} space="river-coop" room="lobby" name="Grace"></convene-room>
      </div>`,
    );
    const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
    const joined: ConveneJoinedEvent[] = [];
    wrapper.addEventListener('convene-joined', (e) => joined.push(e));
    await ada.join();
    await grace.join();
    expect(joined.map((e) => e.room)).to.deep.equal(['lobby', 'lobby']);
    for (const el of [ada, grace]) {
      await until('two tiles with decoded video', () => decodedVideos(el).length === 2);
      const names = tiles(el).map((t) => t.querySelector('.name')?.textContent);
      expect(names).to.have.members(el === ada ? ['Ada (you)', 'Grace'] : ['Grace (you)', 'Ada']);
    }
    await expect(ada).to.be.accessible();

    await grace.leave();
    await until('Ada to see one tile after Grace left', () => tiles(ada).length === 1);
    expect(grace.shadowRoot!.textContent).to.contain('You left the room.');
    await ada.leave();
  });

  it('says when the server cannot be reached', async () => {
    const el = await fixture<ConveneRoom>(
      html`<convene-room server="http://127.0.0.1:9" space="river-coop" room="lobby" name="Ada"></convene-room>`,
    );
    await el.join().catch(() => {});
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain(
      'Could not reach the Convene server',
    );
  });
});
