import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { Room } from 'livekit-client';
import type { FurnitureEntry, TokenResponse } from '@convene/server/schema';
import { fetchToken } from '../core/api.js';
import { loadLivekit } from '../core/livekit.js';
import type { ConveneErrorEvent } from '../events.js';
import { testStack, until } from '../testing/stack.js';
import './convene-furniture.js';
import './convene-furniture-panel.js';
import type { ConveneFurniturePanel } from './furniture-panel.component.js';
import { defineFurniture } from './registry.js';
import { HAND_ATTRIBUTE } from './kinds/furniture-hand-raise.js';

const SPACE = 'furnished';
const rooms: Room[] = [];

/** A participant: a real livekit-client Room joined with a token from the real token server. */
async function join(room: string, name: string): Promise<{ room: Room; token: TokenResponse }> {
  const { server } = await testStack();
  const token = await fetchToken({ server, space: SPACE, room, name });
  const { Room } = await loadLivekit();
  const lk = new Room();
  await lk.connect(token.server_url, token.participant_token);
  rooms.push(lk);
  return { room: lk, token };
}

function panel(room: Room | undefined, furniture: readonly FurnitureEntry[], source?: Element) {
  return fixture<ConveneFurniturePanel>(
    html`<convene-furniture-panel .room=${room} .furniture=${furniture} .source=${source}
      ><div>stage</div></convene-furniture-panel
    >`,
  );
}

const shadow = (el: Element) => el.shadowRoot as ShadowRoot;
const tab = (el: ConveneFurniturePanel, kind: string) =>
  shadow(el).querySelector<HTMLButtonElement>(`[role=tab][data-kind="${kind}"]`);
const piece = (el: ConveneFurniturePanel, kind: string) =>
  shadow(el).querySelector<HTMLElement>(`convene-furniture-${kind}`) ?? undefined;
const pieceText = (el: ConveneFurniturePanel, kind: string) =>
  piece(el, kind)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

async function say(el: ConveneFurniturePanel, text: string) {
  const chat = await until('the chat', () => piece(el, 'chat')?.shadowRoot?.querySelector('input'));
  chat.value = text;
  chat.form!.requestSubmit();
  await until(`"${text}" in the sender's chat`, () => pieceText(el, 'chat').includes(text));
}

afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.disconnect()));
});

describe('<convene-furniture-panel>', () => {
  it('shows the video bridge alone when the room has no furniture list', async () => {
    const el = await panel(undefined, []);
    expect(shadow(el).querySelector('[part=side]')).to.equal(null);
    expect(el.textContent).to.contain('stage');
    await expect(el).to.be.accessible();
  });

  it('shows an unknown kind as a placeholder and fires convene-error', async () => {
    const errors: ConveneErrorEvent[] = [];
    const onError = (e: Event) => errors.push(e as ConveneErrorEvent);
    document.addEventListener('convene-error', onError);
    const el = await panel(undefined, [{ kind: 'jukebox', settings: {} }]);
    document.removeEventListener('convene-error', onError);
    const placeholder = shadow(el).querySelector('[part=placeholder]');
    expect(placeholder?.textContent).to.contain('jukebox');
    expect(errors.map((e) => e.message).join()).to.contain('jukebox');
    await expect(el).to.be.accessible();
  });

  it('lets the page’s <convene-furniture> children win over the config, and renders markdown safely', async () => {
    const source = await fixture(html`<div>
      <convene-furniture kind="markdown" label="Agenda"></convene-furniture>
      <convene-furniture kind="markdown" label="Raw"></convene-furniture>
    </div>`);
    const [agenda, raw] = [...source.children] as HTMLElement[];
    // Written as a page author would, indented inside the markup.
    agenda!.textContent = '\n      # Today\n      - Tea\n      - [Minutes](https://example.org/m) and [bad](javascript:alert)\n    ';
    raw!.setAttribute('settings', JSON.stringify({ text: '<img src=x onerror="window.hacked=1"> **ok**' }));
    const el = await panel(undefined, [{ kind: 'chat', settings: {} }], source);
    expect(tab(el, 'chat')).to.equal(null);
    expect(tab(el, 'markdown')?.textContent).to.contain('Agenda');
    const md = await until('the markdown', () => piece(el, 'markdown')?.shadowRoot?.querySelector('h3'));
    expect(md.textContent).to.equal('Today');
    const links = [...piece(el, 'markdown')!.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => [a.href, a.target, a.rel])).to.deep.equal([
      ['https://example.org/m', '_blank', 'noopener noreferrer'],
    ]);
    expect(pieceText(el, 'markdown')).to.contain('bad');
    const rawPiece = await until('the raw markdown', () =>
      shadow(el).querySelectorAll('convene-furniture-markdown')[1]?.shadowRoot?.querySelector('p'),
    );
    expect(rawPiece.querySelector('img')).to.equal(null);
    expect(rawPiece.querySelector('strong')?.textContent).to.equal('ok');
    expect(rawPiece.textContent).to.contain('<img src=x');
    await expect(el).to.be.accessible();
  });

  it('shows a kind a page defines', async () => {
    class TeaRota extends LitElement {
      settings?: { who?: string };
      override render() {
        return litHtml`<p>Tea today: ${this.settings?.who}</p>`;
      }
    }
    defineFurniture('tea-rota', {
      element: TeaRota,
      label: 'Tea rota',
      settings: {
        safeParse: (input: unknown) =>
          typeof (input as { who?: unknown }).who === 'string'
            ? { success: true, data: input as { who: string } }
            : { success: false, error: new Error('who: expected a name') },
      },
    });
    const { room } = await join('custom', 'Ada');
    const source = await fixture(
      html`<div><convene-furniture kind="tea-rota" settings='{"who":"Grace"}'></convene-furniture></div>`,
    );
    const el = await panel(room, [], source);
    expect(tab(el, 'tea-rota')?.textContent).to.contain('Tea rota');
    await until('the custom kind', () =>
      shadow(el).querySelector('[role=tabpanel]')?.querySelector('*')?.shadowRoot?.textContent?.includes('Grace'),
    );
    await expect(el).to.be.accessible();
  });
});

describe('chat', () => {
  it('shows what one participant says to the other, with the name and the unread count', async () => {
    const a = await join('chat', 'Ada');
    const b = await join('chat', 'Bea');
    const elA = await panel(a.room, a.token.furniture);
    const elB = await panel(b.room, b.token.furniture);
    await until('both chats', () => piece(elA, 'chat') && piece(elB, 'chat'));
    tab(elB, 'hand-raise')!.click();
    await say(elA, 'Hello from Ada');
    await until('the unread count on Bea’s chat tab', () => tab(elB, 'chat')?.textContent?.includes('1'));
    expect(tab(elB, 'chat')!.querySelector('[part=unread]')?.getAttribute('aria-label')).to.equal('1 unread message');
    tab(elB, 'chat')!.click();
    await until('Ada’s message at Bea', () => pieceText(elB, 'chat').includes('Hello from Ada'));
    expect(pieceText(elB, 'chat')).to.contain('Ada');
    expect(piece(elB, 'chat')!.shadowRoot!.querySelector('time')).to.not.equal(null);
    await until('no unread count once read', () => !tab(elB, 'chat')!.querySelector('[part=unread]'));
    await expect(elB).to.be.accessible();
  });

  it('gives a late joiner the messages said before', async () => {
    const a = await join('history', 'Ada');
    const elA = await panel(a.room, a.token.furniture);
    await say(elA, 'first');
    await say(elA, 'second');
    const c = await join('history', 'Cy');
    const elC = await panel(c.room, c.token.furniture);
    await until('the history at the late joiner', () => /first.*second/.test(pieceText(elC, 'chat')));
  });

  it('ignores malformed, oversized, unasked-for and flooding data from a peer', async () => {
    const a = await join('noise', 'Ada');
    const mallory = await join('noise', 'Mallory');
    const elA = await panel(a.room, a.token.furniture);
    await until('the chat', () => piece(elA, 'chat'));
    const send = (text: string, topic: string) => mallory.room.localParticipant.sendText(text, { topic });
    await send('x'.repeat(50_000), 'lk.chat');
    await send(
      JSON.stringify([{ id: 'f', timestamp: 1, message: 'forged history', from: { identity: 'x', name: 'X' } }]),
      'convene.chat.history',
    );
    await send('<b>not bold</b>', 'lk.chat');
    await send('💩', 'convene.reaction');
    await mallory.room.localParticipant.setAttributes({ [HAND_ATTRIBUTE]: 'not a time' });
    for (let i = 0; i < 30; i++) await send(`flood ${i}`, 'lk.chat');
    await until('the tag shown as text', () => pieceText(elA, 'chat').includes('<b>not bold</b>'));
    await until('the flood cut short', () => pieceText(elA, 'chat').includes('flood 5'));
    const text = pieceText(elA, 'chat');
    expect(text).to.not.contain('xxxxxxxxxx');
    expect(text).to.not.contain('forged history');
    expect(text).to.not.contain('flood 29');
    expect(piece(elA, 'chat')!.shadowRoot!.querySelector('b')).to.equal(null);
    tab(elA, 'hand-raise')!.click();
    await until('the hand-raise', () => pieceText(elA, 'hand-raise').includes('No hands raised'));
    expect(piece(elA, 'hand-raise')!.shadowRoot!.querySelector('.float')).to.equal(null);
    // Everything still works afterwards.
    tab(elA, 'chat')!.click();
    await say(elA, 'still here');
  });
});

describe('hand-raise', () => {
  it('shows the queue of raised hands in order and reactions to everyone', async () => {
    const a = await join('hands', 'Ada');
    const b = await join('hands', 'Bea');
    const elA = await panel(a.room, a.token.furniture);
    const elB = await panel(b.room, b.token.furniture);
    tab(elA, 'hand-raise')!.click();
    tab(elB, 'hand-raise')!.click();
    const button = (el: ConveneFurniturePanel) =>
      until('the hand button', () => piece(el, 'hand-raise')?.shadowRoot?.querySelector<HTMLButtonElement>('button'));
    (await button(elA)).click();
    await until('Ada’s hand at Bea', () => pieceText(elB, 'hand-raise').includes('Ada'));
    (await button(elB)).click();
    const queue = (el: ConveneFurniturePanel) =>
      [...(piece(el, 'hand-raise')?.shadowRoot?.querySelectorAll('[part=queue] li') ?? [])].map((li) => li.textContent);
    await until('both hands at Ada, in order', () => queue(elA).join() === 'You,Bea');
    await until('both hands at Bea, in order', () => queue(elB).join() === 'Ada,You');
    piece(elA, 'hand-raise')!.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="React with 👍"]')!.click();
    await until('Ada’s reaction at Bea', () =>
      piece(elB, 'hand-raise')?.shadowRoot?.querySelector(
        `.float[data-identity="${a.room.localParticipant.identity}"]`,
      ),
    );
    (await button(elA)).click();
    await until('Ada’s hand down at Bea', () => queue(elB).join() === 'You');
    await expect(elB).to.be.accessible();
  });
});
