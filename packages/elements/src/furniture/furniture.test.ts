import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { Room } from 'livekit-client';
import {
  CHAT_TOPIC,
  HAND_ATTRIBUTE,
  LEGACY_CHAT_TOPIC,
  TABLE_ATTRIBUTE,
  type FurnitureEntry,
  type ModerationAction,
  type TokenResponse,
} from '@convene/server/contract';
import { apiUrl, ConveneApiError, fetchToken, moderate, setSeat } from '../core/api.js';
import { loadLivekit } from '../core/livekit.js';
import type { ConveneErrorEvent } from '../core/error-event.js';
import { testStack, until } from '../testing/stack.js';
import './convene-furniture.js';
import './convene-furniture-panel.js';
import type { ConveneFurniturePanel, FurnitureSession } from './furniture-panel.component.js';
import type { ConveneSession } from '../components/room/session.js';
import type { RoomSession } from '../components/room/room-session.js';
import { defineFurniture } from './registry.js';

const SPACE = 'furnished';
const HISTORY = 'convene.chat.history';
// The room hands the panel its session (a RoomSession or a stand-in): it must fit (a type check, nothing at run time).
export type RoomSessionFits = RoomSession extends FurnitureSession
  ? ConveneSession extends FurnitureSession
    ? true
    : never
  : never;
const fits: RoomSessionFits = true;
void fits;
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

/** A stand-in for the room's session: the panel and its kinds reach the Convene server through it, with the participant's token. */
async function sessionOf(p: { room: Room; token: TokenResponse }): Promise<FurnitureSession> {
  const { server } = await testStack();
  return {
    options: { server, space: SPACE, room: p.token.room },
    room: p.room,
    token: p.token,
    moderate: () => Promise.resolve(),
    state: { subscribe: () => () => {} },
  };
}

/** A panel that follows a participant's session, as `<convene-room>`'s does. */
async function sessionPanel(p: { room: Room; token: TokenResponse }) {
  const session = await sessionOf(p);
  return fixture<ConveneFurniturePanel>(
    html`<convene-furniture-panel .session=${session}><div>stage</div></convene-furniture-panel>`,
  );
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
const tabLabels = (el: ConveneFurniturePanel) =>
  [...shadow(el).querySelectorAll('[role=tab]')].map((t) => t.textContent?.trim());
const pieceText = (el: ConveneFurniturePanel, kind: string) =>
  piece(el, kind)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

async function say(el: ConveneFurniturePanel, text: string) {
  const chat = await until('the chat', () => piece(el, 'chat')?.shadowRoot?.querySelector('input'));
  chat.value = text;
  chat.form!.requestSubmit();
  await until(`"${text}" in the sender's chat`, () => pieceText(el, 'chat').includes(text));
}

/**
 * Until `room` knows `other` (LiveKit announces a newcomer a moment after they join): setupChat
 * names a message's sender by the participant, so it drops what comes before.
 */
const knows = (room: Room, other: Room) =>
  until('the peer announced', () => room.remoteParticipants.has(other.localParticipant.identity));

/** LiveKit tells when someone joined in whole seconds: who joins after this is seen as later. */
const joinedSecondsApart = () => new Promise((resolve) => setTimeout(resolve, 1100));

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
    const source = await fixture(
      html`<div>
        <convene-furniture kind="markdown" label="Agenda"></convene-furniture>
        <convene-furniture kind="markdown" label="Raw"></convene-furniture>
      </div>`,
    );
    const [agenda, raw] = [...source.children] as HTMLElement[];
    // Written as a page author would, indented inside the markup.
    agenda!.textContent =
      '\n      # Today\n      - Tea\n      - [Minutes](https://example.org/m) and [bad](javascript:alert)\n    ';
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

  it('gives kinds that may repeat distinct tabs, and a second of a kind a room has once a placeholder', async () => {
    const errors: ConveneErrorEvent[] = [];
    const onError = (e: Event) => errors.push(e as ConveneErrorEvent);
    document.addEventListener('convene-error', onError);
    const el = await panel(undefined, [
      { kind: 'markdown', settings: { text: 'One' } },
      { kind: 'chat', settings: {} },
      { kind: 'markdown', settings: { text: 'Two' } },
      { kind: 'markdown', label: 'Notes', settings: { text: 'Three' } },
      { kind: 'chat', label: 'More chat', settings: {} },
    ]);
    document.removeEventListener('convene-error', onError);
    expect(tabLabels(el)).to.deep.equal(['Notes', 'Chat', 'Notes 2', 'Notes 3', 'More chat']);
    const ids = [...shadow(el).querySelectorAll('[role=tab]')].map((t) => t.id);
    expect(new Set(ids).size).to.equal(5);
    await until('three markdown blocks', () =>
      [...shadow(el).querySelectorAll('convene-furniture-markdown')]
        .map((m) => m.shadowRoot?.textContent?.trim())
        .every((text, _, all) => all.length === 3 && text),
    );
    const placeholder = shadow(el).querySelector('[part=placeholder][data-kind=chat]');
    expect(placeholder?.textContent).to.contain('only one “chat”');
    await until('the first chat', () => piece(el, 'chat'));
    expect(shadow(el).querySelectorAll('convene-furniture-chat').length).to.equal(1);
    expect(errors.map((e) => e.code)).to.deep.equal(['duplicate_furniture']);
    await expect(el).to.be.accessible();
  });

  it('follows <convene-furniture> children the page adds, changes and removes after the layout', async () => {
    const source = await fixture(
      html`<div><convene-furniture kind="markdown" label="Agenda">Tea</convene-furniture></div>`,
    );
    const el = await panel(undefined, [], source);
    const markdown = (index: number) =>
      shadow(el).querySelectorAll('convene-furniture-markdown')[index]?.shadowRoot?.textContent?.trim();
    expect(tabLabels(el)).to.deep.equal(['Agenda']);
    const notes = document.createElement('convene-furniture');
    notes.kind = 'markdown';
    notes.settings = { text: 'Later' };
    source.append(notes);
    await until('the added tab', () => tabLabels(el).join() === 'Agenda,Notes');
    await until('its text', () => markdown(1) === 'Later');
    notes.label = 'Minutes';
    await until('the new label', () => tabLabels(el).join() === 'Agenda,Minutes');
    notes.settings = { text: 'Changed' };
    await until('the changed settings', () => markdown(1) === 'Changed');
    source.querySelector('convene-furniture')!.textContent = 'Coffee';
    await until('the changed text', () => markdown(0) === 'Coffee');
    source.querySelector('convene-furniture')!.remove();
    await until('the removed tab gone', () => tabLabels(el).join() === 'Minutes');
    await expect(el).to.be.accessible();
  });

  it('refuses settings the server refuses, as the server does: duplicate table slugs', async () => {
    const errors: ConveneErrorEvent[] = [];
    const onError = (e: Event) => errors.push(e as ConveneErrorEvent);
    document.addEventListener('convene-error', onError);
    const tables = [
      { slug: 'red', name: 'Red table' },
      { slug: 'red', name: 'Another red table' },
    ];
    const source = await fixture(
      html`<div>
        <convene-furniture kind="breakout-tables" settings=${JSON.stringify({ tables })}></convene-furniture>
      </div>`,
    );
    const el = await panel(undefined, [], source);
    document.removeEventListener('convene-error', onError);
    const placeholder = shadow(el).querySelector('[part=placeholder][data-kind="breakout-tables"]');
    expect(placeholder?.textContent).to.contain('are not valid');
    expect(piece(el, 'breakout-tables')).to.equal(undefined);
    expect(errors.map((e) => e.code)).to.deep.equal(['unknown_furniture']);
    expect(errors[0]!.message).to.contain('table slug "red" is used twice');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish where the page does', async () => {
    const wrapper = await fixture(
      html`<div lang="es">
        <convene-furniture-panel
          .furniture=${[
            { kind: 'markdown', settings: { text: 'Hola' } },
            { kind: 'jukebox', settings: {} },
          ]}
        ></convene-furniture-panel>
      </div>`,
    );
    const el = wrapper.querySelector('convene-furniture-panel')!;
    await el.updateComplete; // Spanish loads on first use
    expect(tab(el, 'markdown')?.textContent?.trim()).to.equal('Notas');
    expect(shadow(el).querySelector('[part=placeholder]')?.textContent).to.contain('no conoce');
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
    expect(pieceText(elC, 'chat')).to.match(/Earlier messages, shared by Ada.*first.*second/);
    await expect(elC).to.be.accessible();
  });

  it('checks a shared history: forged, oversized, future and repeated entries change nothing bad', async () => {
    // Mallory is there first (so the longest present, asked first) and answers with what she likes.
    const mallory = await join('history', 'Mallory');
    const me = { identity: mallory.room.localParticipant.identity, name: 'Mallory' };
    mallory.room.localParticipant.registerRpcMethod(HISTORY, async ({ callerIdentity }) => {
      const at = Date.now() - 60_000;
      const entry = (id: string, message: string, extra: object = {}) => ({
        id,
        timestamp: at,
        message,
        from: me,
        ...extra,
      });
      const forged = [
        entry('m1', '<img src=x onerror="window.hacked=1"> plain words'),
        entry('m1', 'the same id again'),
        entry('m2', 'from the future', { timestamp: Date.now() + 86_400_000 }),
        entry('m3', 'you said this', { from: { identity: callerIdentity, name: 'You' } }),
        entry('m4', 'x'.repeat(2001)),
        entry('m5', 'no time', { timestamp: 'yesterday' }),
        { id: 'm6', message: 'nobody sent this' },
      ];
      await mallory.room.localParticipant.sendText(JSON.stringify(forged), {
        topic: HISTORY,
        destinationIdentities: [callerIdentity],
      });
      return 'sent';
    });
    await joinedSecondsApart();
    const a = await join('history', 'Ada');
    const elA = await panel(a.room, a.token.furniture);
    const c = await join('history', 'Cy');
    const elC = await panel(c.room, c.token.furniture);
    await until('Mallory’s history at Cy', () => pieceText(elC, 'chat').includes('plain words'));
    const text = pieceText(elC, 'chat');
    expect(text).to.contain('Earlier messages, shared by Mallory');
    expect(text).to.contain('<img src=x');
    for (const dropped of [
      'the same id again',
      'from the future',
      'you said this',
      'xxxxxxxxxx',
      'no time',
      'nobody',
    ]) {
      expect(text).to.not.contain(dropped);
    }
    expect(piece(elC, 'chat')!.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { hacked?: unknown }).hacked).to.equal(undefined);
    // What is said live comes after the shared history.
    await say(elA, 'said live');
    await until('Ada’s live message at Cy', () => /plain words.*said live/.test(pieceText(elC, 'chat')));
    await expect(elC).to.be.accessible();
  });

  it('asks the next participant when one answers with a history that does not hold, or not at all', async () => {
    const asked: string[] = [];
    const mallory = await join('history', 'Mallory');
    mallory.room.localParticipant.registerRpcMethod(HISTORY, async ({ callerIdentity }) => {
      asked.push(`Mallory for ${callerIdentity}`);
      const at = Date.now() - 1000;
      const tooMany = Array.from({ length: 51 }, (_, i) => ({
        id: `f${i}`,
        timestamp: at,
        message: `forged ${i}`,
        from: { identity: 'someone', name: 'Someone' },
      }));
      await mallory.room.localParticipant.sendText(JSON.stringify(tooMany), {
        topic: HISTORY,
        destinationIdentities: [callerIdentity],
      });
      return 'sent';
    });
    await joinedSecondsApart();
    const eve = await join('history', 'Eve');
    // Eve says she sent it, and sends nothing.
    eve.room.localParticipant.registerRpcMethod(HISTORY, async ({ callerIdentity }) => {
      asked.push(`Eve for ${callerIdentity}`);
      return 'sent';
    });
    await joinedSecondsApart();
    const a = await join('history', 'Ada');
    const elA = await panel(a.room, a.token.furniture);
    await say(elA, 'first');
    const c = await join('history', 'Cy');
    const cy = c.room.localParticipant.identity;
    const elC = await panel(c.room, c.token.furniture);
    await until(
      'Ada’s history at Cy',
      () => pieceText(elC, 'chat').includes('Earlier messages, shared by Ada'),
      25_000,
    );
    expect(pieceText(elC, 'chat')).to.contain('first');
    expect(pieceText(elC, 'chat')).to.not.contain('forged');
    expect(asked.filter((who) => who.endsWith(cy))).to.deep.equal([`Mallory for ${cy}`, `Eve for ${cy}`]);
  });

  it('ignores malformed, oversized, unasked-for and flooding data from a peer', async () => {
    const a = await join('noise', 'Ada');
    const mallory = await join('noise', 'Mallory');
    const elA = await panel(a.room, a.token.furniture);
    await until('the chat', () => piece(elA, 'chat'));
    await knows(a.room, mallory.room);
    // Mallory listens as LiveKit Meet does: a plain text-stream handler on `lk.chat`.
    const heard: string[] = [];
    mallory.room.registerTextStreamHandler('lk.chat', async (reader) => void heard.push(await reader.readAll()));
    const send = (text: string, topic: string) => mallory.room.localParticipant.sendText(text, { topic });
    await send('x'.repeat(50_000), 'lk.chat');
    await send(
      JSON.stringify([{ id: 'f', timestamp: 1, message: 'forged history', from: { identity: 'x', name: 'X' } }]),
      'convene.chat.history',
    );
    await send('<b>not bold</b>', 'lk.chat');
    await send('💩', 'convene.reaction');
    // Participants may not write their own attributes: LiveKit refuses, and nothing shows.
    await mallory.room.localParticipant.setAttributes({ [HAND_ATTRIBUTE]: 'not a time' }).catch(() => {});
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
    await until('Ada’s message at a plain lk.chat listener', () => heard.includes('still here'));
  });
});

/** Sends a chat message as an older LiveKit client does: a data packet on the legacy topic, LiveKit's JSON. */
function sendLegacy(room: Room, message: { id?: string; timestamp?: number; message: unknown } | string) {
  const payload = typeof message === 'string' ? message : JSON.stringify(message);
  return room.localParticipant.publishData(new TextEncoder().encode(payload), {
    reliable: true,
    topic: LEGACY_CHAT_TOPIC,
  });
}

describe('chat a peer cannot break', () => {
  it('keeps working after messages with times that are not times: each shows with its arrival time', async () => {
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
    const onRejection = (event: PromiseRejectionEvent) => thrown.push(event.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const a = await join('chat', 'Ada');
      const mallory = await join('chat', 'Mallory');
      const elA = await panel(a.room, a.token.furniture);
      await until('the chat', () => piece(elA, 'chat'));
      await knows(a.room, mallory.room);
      const before = Date.now();
      // NaN as LiveKit's JSON sends it (null), and as raw text (not JSON: skipped); a time past any date; a string; long ago; ahead.
      await sendLegacy(mallory.room, { id: 'nan', timestamp: NaN, message: 'time NaN' });
      await sendLegacy(mallory.room, '{"id":"raw-nan","timestamp":NaN,"message":"raw NaN"}');
      await sendLegacy(mallory.room, { id: 'huge', timestamp: 1e20, message: 'time 1e20' });
      await sendLegacy(mallory.room, { id: 'big', timestamp: 9e15, message: 'time 9e15' });
      await sendLegacy(mallory.room, JSON.stringify({ id: 'text', timestamp: 'tomorrow', message: 'time string' }));
      await sendLegacy(mallory.room, { id: 'old', timestamp: -1, message: 'time negative' });
      await sendLegacy(mallory.room, { id: 'ahead', timestamp: Date.now() + 86_400_000, message: 'time ahead' });
      await sendLegacy(mallory.room, { id: 'good', timestamp: Date.now(), message: 'a good message' });
      await until('the good message after them', () => pieceText(elA, 'chat').includes('a good message'));
      const text = pieceText(elA, 'chat');
      for (const shown of ['time NaN', 'time 1e20', 'time 9e15', 'time string', 'time negative', 'time ahead']) {
        expect(text).to.contain(shown);
      }
      expect(text).to.not.contain('raw NaN');
      const times = [...piece(elA, 'chat')!.shadowRoot!.querySelectorAll('[part~=message] time')];
      expect(times.length).to.equal(7);
      for (const time of times) {
        const at = Date.parse(time.getAttribute('datetime')!);
        expect(at).to.be.within(before - 1000, Date.now() + 1000);
        expect(time.textContent?.trim()).to.match(/\d/);
      }
      // And on: the chat still sends and shows.
      await say(elA, 'still talking');
      await sendLegacy(mallory.room, { id: 'after', timestamp: Date.now(), message: 'Mallory again' });
      await until('a later message', () => pieceText(elA, 'chat').includes('Mallory again'));
      expect(thrown).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('refuses history entries said to be someone else’s, and names the sharer as the server does', async () => {
    const ada = await join('history', 'Ada');
    const elAda = await panel(ada.room, ada.token.furniture);
    await until('Ada’s chat', () => piece(elAda, 'chat'));
    await joinedSecondsApart();
    // Mallory comes after Ada, so Ada is asked first: Ada leaves before Cy joins, leaving Mallory the longest present.
    const mallory = await join('history', 'Mallory');
    const adaIdentity = ada.room.localParticipant.identity;
    mallory.room.localParticipant.registerRpcMethod(HISTORY, async ({ callerIdentity }) => {
      const at = Date.now() - 60_000;
      const from = (identity: string, name: string) => ({ identity, name });
      await mallory.room.localParticipant.sendText(
        JSON.stringify([
          {
            id: 'h1',
            timestamp: at,
            message: 'Mallory’s own words',
            from: from(mallory.room.localParticipant.identity, 'The Moderator'),
          },
          { id: 'h2', timestamp: at + 1, message: 'words put in Ada’s mouth', from: from(adaIdentity, 'Ada') },
          { id: 'h3', timestamp: at + 2, message: 'words of nobody here', from: from('guest-someone', 'Someone') },
          {
            id: 'h4',
            timestamp: 1e20,
            message: 'a time past any date',
            from: from(mallory.room.localParticipant.identity, 'Mallory'),
          },
        ]),
        { topic: HISTORY, destinationIdentities: [callerIdentity] },
      );
      return 'sent';
    });
    await ada.room.disconnect();
    await joinedSecondsApart();
    const c = await join('history', 'Cy');
    const elC = await panel(c.room, c.token.furniture);
    await until('Mallory’s history at Cy', () => pieceText(elC, 'chat').includes('Mallory’s own words'));
    const text = pieceText(elC, 'chat');
    expect(text).to.contain('Earlier messages, shared by Mallory');
    expect(text).to.not.contain('The Moderator');
    expect(text).to.not.contain('put in Ada');
    expect(text).to.not.contain('nobody here');
    expect(text).to.not.contain('past any date');
    const shared = piece(elC, 'chat')!.shadowRoot!.querySelectorAll('[part~=history]');
    expect([...shared].map((li) => li.getAttribute('data-from'))).to.deep.equal([
      mallory.room.localParticipant.identity,
    ]);
    await expect(elC).to.be.accessible();
  });
});

describe('chat with LiveKit clients', () => {
  it('shows a message a plain LiveKit client sends only on the legacy topic, and skips packets that are not chat', async () => {
    const a = await join('chat', 'Ada');
    const old = await join('chat', 'Olly');
    const elA = await panel(a.room, a.token.furniture);
    await until('the chat', () => piece(elA, 'chat'));
    await knows(a.room, old.room);
    await sendLegacy(old.room, 'not json');
    await sendLegacy(old.room, { id: 'big', timestamp: Date.now(), message: 'x'.repeat(9000) });
    await sendLegacy(old.room, { id: 'number', timestamp: Date.now(), message: 42 });
    await sendLegacy(old.room, { id: 'legacy-1', timestamp: Date.now(), message: 'Hello from an old client' });
    await until('the legacy message', () => pieceText(elA, 'chat').includes('Hello from an old client'));
    const message = piece(elA, 'chat')!.shadowRoot!.querySelector(
      `[part~=message][data-from="${old.room.localParticipant.identity}"]`,
    );
    expect(message?.textContent).to.contain('Olly');
    expect(pieceText(elA, 'chat')).to.not.contain('xxxxxxxxxx');
    expect(pieceText(elA, 'chat')).to.not.contain('42');
    // The chat still works both ways afterwards.
    await say(elA, 'Hello back');
    await expect(elA).to.be.accessible();
  });

  it('sends each message on the legacy topic too, marked for LiveKit’s own clients to skip', async () => {
    const a = await join('chat', 'Ada');
    const old = await join('chat', 'Olly');
    const legacy: Record<string, unknown>[] = [];
    old.room.on('dataReceived', (payload, _participant, _kind, topic) => {
      if (topic === LEGACY_CHAT_TOPIC) legacy.push(JSON.parse(new TextDecoder().decode(payload)));
    });
    const streamed: { id: string; text: string }[] = [];
    old.room.registerTextStreamHandler(CHAT_TOPIC, async (reader) =>
      streamed.push({ id: reader.info.id, text: await reader.readAll() }),
    );
    const elA = await panel(a.room, a.token.furniture);
    await say(elA, 'Hello, old friend');
    await until('the legacy packet', () => legacy.some((m) => m.message === 'Hello, old friend'));
    await until('the text stream', () => streamed.some((m) => m.text === 'Hello, old friend'));
    const packet = legacy.find((m) => m.message === 'Hello, old friend')!;
    // One message both ways: the same id. This livekit-server has text streams, so the legacy copy says
    // `ignoreLegacy: true` (LiveKit's clients read the stream instead); a client that predates the flag shows it.
    expect(packet.id).to.equal(streamed.find((m) => m.text === 'Hello, old friend')!.id);
    expect(packet.ignoreLegacy).to.equal(true);
    expect(typeof packet.timestamp).to.equal('number');
  });

  it('shows a message that arrives on both topics once', async () => {
    const a = await join('chat', 'Ada');
    const both = await join('chat', 'Bo');
    const elA = await panel(a.room, a.token.furniture);
    await until('the chat', () => piece(elA, 'chat'));
    await knows(a.room, both.room);
    const info = await both.room.localParticipant.sendText('Said twice', { topic: CHAT_TOPIC });
    await sendLegacy(both.room, { id: info.id, timestamp: info.timestamp, message: 'Said twice' });
    await sendLegacy(both.room, { id: 'after', timestamp: Date.now(), message: 'Said after' });
    await until('both messages', () => /Said twice.*Said after/.test(pieceText(elA, 'chat')));
    expect(pieceText(elA, 'chat').match(/Said twice/g)?.length).to.equal(1);
    expect(piece(elA, 'chat')!.shadowRoot!.querySelectorAll('[part~=message]').length).to.equal(2);
  });
});

describe('hand-raise', () => {
  it('shows the queue of raised hands in order and reactions to everyone', async () => {
    const a = await join('hands', 'Ada');
    const b = await join('hands', 'Bea');
    const elA = await sessionPanel(a);
    const elB = await sessionPanel(b);
    tab(elA, 'hand-raise')!.click();
    tab(elB, 'hand-raise')!.click();
    const button = (el: ConveneFurniturePanel) =>
      until('the hand button', () => piece(el, 'hand-raise')?.shadowRoot?.querySelector<HTMLButtonElement>('button'));
    (await button(elA)).click();
    await until('Ada’s hand at Bea', () => pieceText(elB, 'hand-raise').includes('Ada'));
    (await button(elB)).click();
    const queue = (el: ConveneFurniturePanel) =>
      [...(piece(el, 'hand-raise')?.shadowRoot?.querySelectorAll('[part=queue] .who') ?? [])].map(
        (li) => li.textContent,
      );
    await until('both hands at Ada, in order', () => queue(elA).join() === 'Ada (you),Bea');
    await until('both hands at Bea, in order', () => queue(elB).join() === 'Ada,Bea (you)');
    // The times are the server's: Bea cannot move to the front by claiming an earlier one herself.
    const adaAt = Number(a.room.localParticipant.attributes[HAND_ATTRIBUTE]);
    const beaAt = Number(b.room.localParticipant.attributes[HAND_ATTRIBUTE]);
    expect(beaAt).to.be.greaterThan(adaAt);
    const jumped = await b.room.localParticipant
      .setAttributes({ [HAND_ATTRIBUTE]: '0' })
      .then(() => 'accepted')
      .catch(() => 'refused');
    expect(jumped).to.equal('refused');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(queue(elA).join()).to.equal('Ada (you),Bea');
    expect(a.room.remoteParticipants.get(b.room.localParticipant.identity)?.attributes[HAND_ATTRIBUTE]).to.equal(
      String(beaAt),
    );
    piece(elA, 'hand-raise')!.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="React with 👍"]')!.click();
    await until('Ada’s reaction at Bea', () =>
      piece(elB, 'hand-raise')?.shadowRoot?.querySelector(
        `.float[data-identity="${a.room.localParticipant.identity}"]`,
      ),
    );
    (await button(elA)).click();
    await until('Ada’s hand down at Bea', () => queue(elB).join() === 'Bea (you)');
    await expect(elB).to.be.accessible();
  });

  it('says so when a hand cannot be raised, and the hand stays down', async () => {
    const a = await join('hands', 'Ada');
    const elA = await sessionPanel(a);
    tab(elA, 'hand-raise')!.click();
    const kind = await until('the hand-raise kind', () =>
      piece(elA, 'hand-raise')?.shadowRoot?.querySelector('button'),
    );
    // The Convene server goes away (LiveKit stays): the request fails.
    await fetch('/__convene/server/stop');
    try {
      kind.click();
      const alert = await until('the alert', () => piece(elA, 'hand-raise')?.shadowRoot?.querySelector('[role=alert]'));
      expect(alert.textContent).to.contain('Your hand could not be changed');
      expect(a.room.localParticipant.attributes[HAND_ATTRIBUTE] ?? '').to.equal('');
      expect(kind.getAttribute('aria-pressed')).to.equal('false');
    } finally {
      await fetch('/__convene/server/start');
    }
  });
});

/** What the room passes: the Convene server's moderation endpoint, with this participant's token. */
function moderateAs(token: TokenResponse) {
  return async (action: string, identity: string) => {
    const { server } = await testStack();
    await moderate({
      server,
      space: SPACE,
      room: token.room,
      token: token.participant_token,
      action: action as ModerationAction,
      identity,
    });
  };
}

async function joinAsModerator(room: string, name: string) {
  const { server } = await testStack();
  const response = await fetch(apiUrl(server, `api/spaces/${SPACE}/token`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: name, moderator_code: 'mod-5678' }),
  });
  const token = (await response.json()) as TokenResponse;
  const { Room } = await loadLivekit();
  const lk = new Room();
  await lk.connect(token.server_url, token.participant_token);
  rooms.push(lk);
  return { room: lk, token };
}

describe('spotlight', () => {
  it('pins whoever someone chooses for everyone, when the room lets anyone choose', async () => {
    const a = await join('spotlight', 'Ada');
    const b = await join('spotlight', 'Bea');
    const elA = await panel(a.room, a.token.furniture);
    elA.moderate = moderateAs(a.token);
    const elB = await panel(b.room, b.token.furniture);
    const seen: string[] = [];
    elB.addEventListener('convene-spotlight', (e) => seen.push(e.identity));
    tab(elA, 'spotlight')!.click();
    tab(elB, 'spotlight')!.click();
    const pin = await until('Ada’s spotlight button for Bea', () =>
      piece(elA, 'spotlight')?.shadowRoot?.querySelector<HTMLButtonElement>(
        `button[data-identity="${b.room.localParticipant.identity}"]`,
      ),
    );
    pin.click();
    await until('Bea in the spotlight at Bea', () => pieceText(elB, 'spotlight').includes('You are in the spotlight'));
    await until('Bea in the spotlight at Ada', () => pieceText(elA, 'spotlight').includes('Bea is in the spotlight'));
    expect(seen.at(-1)).to.equal(b.room.localParticipant.identity);
    await expect(elA).to.be.accessible();
  });

  it('lets only a moderator choose where the room says so, and ignores metadata naming nobody present', async () => {
    const a = await join('hands', 'Ada');
    const elA = await panel(a.room, a.token.furniture);
    elA.moderate = moderateAs(a.token);
    tab(elA, 'spotlight')!.click();
    await until('the refusal', () => pieceText(elA, 'spotlight').includes('Only a moderator'));
    expect(piece(elA, 'spotlight')!.shadowRoot!.querySelector('button[data-identity]')).to.equal(null);
    // A guest's direct call is refused by the server too.
    const refused = await moderateAs(a.token)('spotlight', a.room.localParticipant.identity).catch((e: Error) => e);
    expect(refused).to.be.instanceOf(Error);
  });
});

describe('hand-raise, moderated', () => {
  it('lets a moderator lower someone’s hand', async () => {
    const a = await join('hands', 'Ada');
    const mod = await joinAsModerator('hands', 'Mo');
    const elA = await sessionPanel(a);
    const elM = await panel(mod.room, mod.token.furniture);
    elM.moderator = true;
    elM.moderate = moderateAs(mod.token);
    tab(elA, 'hand-raise')!.click();
    tab(elM, 'hand-raise')!.click();
    (await until('the hand button', () => piece(elA, 'hand-raise')?.shadowRoot?.querySelector('button')))!.click();
    const lower = await until('the moderator’s lower button', () =>
      piece(elM, 'hand-raise')?.shadowRoot?.querySelector<HTMLButtonElement>('button.lower'),
    );
    lower.click();
    await until('Ada’s hand down at Ada', () => pieceText(elA, 'hand-raise').includes('No hands raised'));
    await expect(elM).to.be.accessible();
  });
});

describe('embed', () => {
  it('shows a page from an allowed https host in a sandbox, and nothing from any other', async () => {
    const el = await panel(undefined, [
      { kind: 'embed', label: 'Form', settings: { url: 'https://forms.example.org/f/1', title: 'Sign-up form' } },
      { kind: 'embed', label: 'Other', settings: { url: 'https://evil.example/x' } },
    ]);
    el.embedHosts = ['forms.example.org'];
    const frame = await until('the iframe', () =>
      piece(el, 'embed')?.shadowRoot?.querySelector<HTMLIFrameElement>('iframe'),
    );
    expect(frame.getAttribute('sandbox')).to.not.contain('allow-top-navigation');
    expect(frame.title).to.equal('Sign-up form');
    const other = shadow(el).querySelectorAll('convene-furniture-embed')[1]!;
    await until('the refusal', () => other.shadowRoot?.textContent?.includes('does not allow pages from evil.example'));
    expect(other.shadowRoot!.querySelector('iframe')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('breakout-tables', () => {
  it('seats a person at a table in its own LiveKit room, and everyone sees who sits where', async () => {
    const a = await join('tables', 'Ada');
    const b = await join('tables', 'Bea');
    const elA = await sessionPanel(a);
    const elB = await sessionPanel(b);
    const sit = await until('Ada’s Sit button', () =>
      piece(elA, 'breakout-tables')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-table=red] button'),
    );
    await until('the button enabled', () => !sit.disabled);
    sit.click();
    const people = (el: ConveneFurniturePanel, table: string) =>
      piece(el, 'breakout-tables')?.shadowRoot?.querySelector(`[data-table=${table}] .people`)?.textContent?.trim();
    await until('Ada at the red table, seen by Bea', () => people(elB, 'red') === 'Ada');
    await until('Ada at the red table, seen by Ada', () => people(elA, 'red') === 'Ada (you)');
    await expect(elA).to.be.accessible();
    // The table is its own LiveKit room: Bea sitting at it meets Ada there.
    const sitB = piece(elB, 'breakout-tables')!.shadowRoot!.querySelector<HTMLButtonElement>(
      '[data-table=red] button',
    )!;
    await until('Bea’s button enabled', () => !sitB.disabled);
    sitB.click();
    await until(
      'both at the red table',
      () => people(elA, 'red') === 'Ada (you), Bea' || people(elA, 'red') === 'Bea, Ada (you)',
    );
    // Seats and names are the server's: Bea can neither rename herself nor move herself to another table.
    const local = b.room.localParticipant;
    const attempts = await Promise.all(
      [() => local.setName('Mallory'), () => local.setAttributes({ [TABLE_ATTRIBUTE]: 'blue' })].map((attempt) =>
        attempt()
          .then(() => 'accepted')
          .catch(() => 'refused'),
      ),
    );
    expect(attempts).to.deep.equal(['refused', 'refused']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(people(elA, 'red')).to.be.oneOf(['Ada (you), Bea', 'Bea, Ada (you)']);
    expect(people(elA, 'blue')).to.equal('Nobody sits here.');
    piece(elA, 'breakout-tables')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-table=red] button')!.click();
    await until('Ada back in the room, seen by Bea', () => people(elB, 'red') === 'Bea (you)');
    expect(people(elB, 'blue')).to.equal('Nobody sits here.');
  });

  it('refuses a table token without a main-room token, or for a table the room does not have', async () => {
    const { server } = await testStack();
    const a = await join('tables', 'Ada');
    const url = (table: string) => apiUrl(server, `api/spaces/${SPACE}/rooms/tables/tables/${table}/token`);
    expect((await fetch(url('red'), { method: 'POST' })).status).to.equal(401);
    const auth = { Authorization: `Bearer ${a.token.participant_token}` };
    expect((await fetch(url('green'), { method: 'POST', headers: auth })).status).to.equal(404);
    const ok = await fetch(url('red'), { method: 'POST', headers: auth });
    expect(ok.status).to.equal(201);
    const body = (await ok.json()) as TokenResponse;
    expect(body.identity).to.equal(a.token.identity);
    expect(body.livekit_room).to.equal(`${SPACE}/tables/red`);
    // A seat is the server's to write, and only at a table the room lists.
    const options = { server, space: SPACE, room: 'tables', token: a.token.participant_token };
    const refused = await setSeat({ ...options, table: 'green' }).catch((e: ConveneApiError) => e);
    expect(refused).to.be.instanceOf(ConveneApiError);
    expect((refused as ConveneApiError).status).to.equal(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.room.localParticipant.attributes[TABLE_ATTRIBUTE] ?? '').to.equal('');
    expect(await setSeat({ ...options, table: 'blue' })).to.deep.equal({ table: 'blue' });
    await until('the seat the server wrote', () => a.room.localParticipant.attributes[TABLE_ATTRIBUTE] === 'blue');
  });
});

describe('in <convene-room>', () => {
  it('lays the room’s furniture around its stage, loaded only for a room that has some', async () => {
    const { server } = await testStack();
    await import('../components/room/convene-room.js');
    const el = await fixture<HTMLElement & { join(): Promise<void> }>(
      html`<convene-room server=${server} space=${SPACE} room="chat" name="Ada"></convene-room>`,
    );
    await el.join();
    const furniture = await until('the furniture panel', () =>
      el.shadowRoot!.querySelector<ConveneFurniturePanel>('convene-furniture-panel'),
    );
    await until('the chat tab', () => tab(furniture, 'chat'));
    expect(furniture.querySelector('.stage-area')).to.not.equal(null);
    await (el as unknown as { leave(): Promise<void> }).leave();
  });

  it('lays out furniture the page adds after joining, and drops it when the page removes it', async () => {
    const { server } = await testStack();
    await import('../components/room/convene-room.js');
    const el = await fixture<HTMLElement & { join(): Promise<void>; leave(): Promise<void> }>(
      html`<convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>`,
    );
    await el.join();
    await until('the stage', () => el.shadowRoot!.querySelector('.stage-area'));
    expect(el.shadowRoot!.querySelector('convene-furniture-panel')).to.equal(null);
    const chat = document.createElement('convene-furniture');
    chat.kind = 'chat';
    el.append(chat);
    const furniture = await until('the furniture panel', () =>
      el.shadowRoot!.querySelector<ConveneFurniturePanel>('convene-furniture-panel'),
    );
    await until('the chat tab', () => tab(furniture, 'chat'));
    await say(furniture, 'Hello from a chat added later');
    chat.remove();
    await until('the panel gone', () => !el.shadowRoot!.querySelector('convene-furniture-panel'));
    expect(el.shadowRoot!.querySelector('.stage-area')).to.not.equal(null);
    // Added again in the same visit: the room's chat carries on.
    el.append(chat);
    const again = await until('the furniture panel again', () =>
      el.shadowRoot!.querySelector<ConveneFurniturePanel>('convene-furniture-panel'),
    );
    await say(again, 'Back again');
    expect(pieceText(again, 'chat')).to.not.contain('open elsewhere');
    await el.leave();
  });
});
