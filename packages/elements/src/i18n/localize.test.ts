import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FurnitureEntry } from '@convene/server/contract';
import { FixedDirectory } from '../components/space/directory.js';
import type { ConveneRoom } from '../components/room/room.component.js';
import type { ConveneSpace } from '../components/space/space.component.js';
import { fixture as fixtureSession } from '../testing/fixture-session.js';
import { until } from '../testing/stack.js';
import { en, registerStrings, type ConveneStrings } from './strings.js';
import '../components/room/convene-room.js';
import '../components/space/convene-space.js';

const directory = new FixedDirectory({
  status: 'ready',
  stale: false,
  directory: {
    space: 'river-coop',
    name: 'River Co-op',
    entrance: 'lobby',
    presence: 'live',
    rooms: [{ slug: 'lobby', name: 'Lobby', access: 'public', furniture: [], count: 0, people: [] }],
  },
});

/** The room's furniture: an embed of a host the space does not allow, so it says so. */
const furniture: FurnitureEntry[] = [
  { kind: 'video-bridge', settings: {} },
  { kind: 'embed', settings: { url: 'https://elsewhere.example/form' } },
];

const words = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const joinButton = (room: ConveneRoom | null | undefined) =>
  room?.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]');
const roomIn = (space: ConveneSpace) => space.shadowRoot!.querySelector<ConveneRoom>('convene-room');
const panelOf = (room: ConveneRoom) => room.shadowRoot?.querySelector('convene-furniture-panel');
const embedOf = (room: ConveneRoom) => panelOf(room)?.shadowRoot?.querySelector('convene-furniture-embed');
const leaveButton = (room: ConveneRoom) => room.shadowRoot?.querySelector('[part~="leave"]');

/** A room already in the scripted room (no server), with the embed as its furniture. */
function furnishedRoom(attributes: { lang?: string } = {}) {
  return html`<convene-room
    server="https://convene.example"
    space="river-coop"
    room="lobby"
    name="Ada"
    no-prejoin
    lang=${ifDefined(attributes.lang)}
    .sessionFactory=${fixtureSession({ furniture })}
  ></convene-room>`;
}

describe('one language for a space, its rooms and their furniture', () => {
  let pageLang = '';
  beforeEach(() => {
    pageLang = document.documentElement.lang;
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it('a room inside <convene-space lang="es"> on an English page speaks Spanish, and follows the space', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <convene-space lang="es" space="river-coop" room="lobby" navigation="none" .source=${directory}></convene-space>
      </div>`,
    );
    const space = wrapper.querySelector('convene-space')!;
    await until('the room’s Join in Spanish', () => words(joinButton(roomIn(space))) === 'Entrar');
    expect(words(roomIn(space)!.shadowRoot!.querySelector('label[for$="-name"]'))).to.equal('Tu nombre');
    expect(words(space.shadowRoot!.querySelector('[part="back"]'))).to.contain('Volver a las salas');

    space.setAttribute('lang', 'en');
    await until('the room’s Join in English', () => words(joinButton(roomIn(space))) === 'Join');
    wrapper.setAttribute('lang', 'es');
    space.removeAttribute('lang');
    await until('the room following the page around the space', () => words(joinButton(roomIn(space))) === 'Entrar');
  });

  it('a space’s strings reach the room it opens; the room’s own win', async () => {
    const space = await fixture<ConveneSpace>(
      html`<convene-space space="river-coop" room="lobby" navigation="none" .source=${directory}></convene-space>`,
    );
    await until('the room', () => joinButton(roomIn(space)));
    space.strings = { join: 'Come in', yourName: 'Who are you?', backToRooms: 'All rooms' };
    await until('the space’s Join', () => words(joinButton(roomIn(space))) === 'Come in');
    expect(words(space.shadowRoot!.querySelector('[part="back"]'))).to.contain('All rooms');
    roomIn(space)!.strings = { join: 'Step inside' };
    await until('the room’s own Join', () => words(joinButton(roomIn(space))) === 'Step inside');
    expect(words(roomIn(space)!.shadowRoot!.querySelector('label[for$="-name"]'))).to.equal('Who are you?');
  });

  it('after registerStrings("fr", …) the room and its furniture both speak French', async () => {
    const fr: ConveneStrings = {
      ...en,
      leave: 'Quitter',
      furniture: 'Mobilier',
      kindLabels: { ...en.kindLabels, embed: 'Intégré' },
      embedNotAllowed: (host) => `Cet espace n’autorise pas les pages de ${host}.`,
    };
    registerStrings('fr', fr);
    const room = await fixture<ConveneRoom>(furnishedRoom({ lang: 'fr' }));
    await until('the room’s Leave in French', () => words(leaveButton(room)) === 'Quitter');
    const embed = await until('the embed', () => embedOf(room));
    await until(
      'the embed in French',
      () => words(embed.shadowRoot) === 'Cet espace n’autorise pas les pages de elsewhere.example.',
    );
    const tab = panelOf(room)!.shadowRoot!.querySelector('[role="tab"][data-kind="embed"]');
    expect(words(tab)).to.equal('Intégré');
    expect(panelOf(room)!.shadowRoot!.querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal(
      'Mobilier',
    );
  });

  it('a language registered after the page rendered reaches the room and its furniture', async () => {
    const room = await fixture<ConveneRoom>(furnishedRoom({ lang: 'x-late' }));
    const embed = await until('the embed', () => embedOf(room));
    await until('the embed in English', () => words(embed.shadowRoot).startsWith('This space does not allow'));
    registerStrings('x-late', { ...en, leave: 'Partir', embedNotAllowed: () => 'Pas ici.' });
    await until('the embed in the new language', () => words(embed.shadowRoot) === 'Pas ici.');
    // The room and its furniture each hear of the new language and render in their own update.
    await until('the room’s Leave in the new language', () => words(leaveButton(room)) === 'Partir');
  });

  it('a kind inside a room follows the room’s lang', async () => {
    const room = await fixture<ConveneRoom>(furnishedRoom());
    const embed = await until('the embed', () => embedOf(room));
    await until('the embed in English', () => words(embed.shadowRoot).startsWith('This space does not allow'));
    room.setAttribute('lang', 'es');
    await until('the embed in Spanish', () => words(embed.shadowRoot).startsWith('Este espacio no permite'));
    expect(words(leaveButton(room))).to.equal('Salir');
  });

  it('strings overrides on a room reach its furniture, set before or after it shows', async () => {
    const room = await fixture<ConveneRoom>(furnishedRoom());
    room.strings = { embedNotAllowed: (host) => `Not from ${host}, sorry.` };
    const embed = await until('the embed', () => embedOf(room));
    await until(
      'the room’s override in the embed',
      () => words(embed.shadowRoot) === 'Not from elsewhere.example, sorry.',
    );
    room.strings = { embedNotAllowed: () => 'Changed our mind.', furniture: 'Things' };
    await until('the new override in the embed', () => words(embed.shadowRoot) === 'Changed our mind.');
    expect(panelOf(room)!.shadowRoot!.querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('Things');
    await expect(room).to.be.accessible();
  });
});
