import { expect } from '@open-wc/testing';
import { StrictMode, createElement, type ComponentProps } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { fetchDirectory } from '@convene/elements';
import type { ConveneJoinedEvent, ConveneLeftEvent } from '@convene/elements';
import { testStack, until } from '../../elements/src/testing/stack.js';
import { ConveneFurniture, ConveneRoom, ConveneSpace } from './index.js';

/** Every camera and microphone track the page opens, to check they are released. */
const opened: MediaStreamTrack[] = [];
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  opened.push(...stream.getTracks());
  return stream;
};

let container: HTMLElement;
let root: Root;

/** What Lit's development build (loaded here: the `development` condition) has warned about on this page. */
const litWarnings = () => [...((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ?? [])];

function render(element: Parameters<Root['render']>[0]) {
  flushSync(() => root.render(element));
}

function roomElement() {
  return container.querySelector('convene-room')!;
}

async function peopleInLobby(server: string, name: string) {
  const directory = await fetchDirectory(server, 'river-coop');
  return directory.rooms.find((r) => r.slug === 'lobby')?.people?.filter((p) => p.name === name).length ?? 0;
}

describe('@convene/react', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('renders <convene-room> with its props, and follows a changed prop', async () => {
    const { server } = await testStack();
    const props: ComponentProps<typeof ConveneRoom> = { server, space: 'river-coop', room: 'lobby', name: 'Ada' };
    render(createElement(ConveneRoom, props));
    const el = roomElement();
    expect(el.server).to.equal(server);
    expect(el.room).to.equal('lobby');
    render(createElement(ConveneRoom, { ...props, room: 'tiny' }));
    expect(el.room).to.equal('tiny');
    expect(roomElement()).to.equal(el, 'the same element, updated in place');

    render(createElement(ConveneSpace, { server, space: 'river-coop' }));
    await until('the space’s directory', () =>
      container.querySelector('convene-space')?.shadowRoot?.querySelector('[part="room-card"]'),
    );
  });

  it('hands the room’s events to on* props; unmounting leaves the room and releases the camera', async () => {
    const { server } = await testStack();
    const joined: ConveneJoinedEvent[] = [];
    const left: ConveneLeftEvent[] = [];
    opened.length = 0;
    render(
      createElement(ConveneRoom, {
        server,
        space: 'river-coop',
        room: 'lobby',
        name: 'Reactor',
        noPrejoin: true,
        onJoined: (e) => joined.push(e),
        onLeft: (e) => left.push(e),
      }),
    );
    await until('onJoined', () => joined.length === 1);
    expect(joined[0]!.room).to.equal('lobby');
    await until('the camera to be open', () => opened.some((t) => t.kind === 'video' && t.readyState === 'live'));
    await until('the server to see Reactor in the lobby', async () => (await peopleInLobby(server, 'Reactor')) === 1);

    root.unmount();
    root = createRoot(container);
    await until(
      'every camera and microphone track released',
      () => opened.every((t) => t.readyState === 'ended'),
      10_000,
    );
    await until('Reactor gone from the lobby', async () => (await peopleInLobby(server, 'Reactor')) === 0, 10_000);
  });

  it('places a <ConveneFurniture> child in the room: its markdown shows once joined, and follows its props', async () => {
    const { server } = await testStack();
    const room = (label: string) =>
      createElement(
        ConveneRoom,
        { server, space: 'furnished', room: 'custom', name: 'Reactor', noPrejoin: true },
        createElement(ConveneFurniture, { kind: 'markdown', label, settings: { text: '# Hello from React' } }),
      );
    render(room('Agenda'));
    const panel = await until('the furniture panel', () =>
      roomElement().shadowRoot?.querySelector('convene-furniture-panel'),
    );
    const heading = () =>
      panel.shadowRoot?.querySelector('convene-furniture-markdown')?.shadowRoot?.querySelector('h3')?.textContent;
    await until('the markdown', () => heading() === 'Hello from React');
    const tabs = () => [...(panel.shadowRoot?.querySelectorAll('[role=tab]') ?? [])].map((t) => t.textContent?.trim());
    // The page's furniture replaces the config's (this room's config has a chat and more).
    expect(tabs()).to.deep.equal(['Agenda']);
    render(room('Minutes'));
    await until('the tab renamed', () => tabs().join() === 'Minutes');
  });

  it('passes passUrl, pass and passProvider through: a member sees the members’ room and enters it', async () => {
    const { server } = await testStack();
    const passFor = async (query: string) =>
      ((await (await fetch(`/__convene/pass?${query}`)).json()) as { pass: string }).pass;
    const listed = () =>
      [...(container.querySelector('convene-space')?.shadowRoot?.querySelectorAll('[part="room-card"]') ?? [])].map(
        (card) => (card as HTMLElement).dataset.room,
      );
    render(createElement(ConveneSpace, { server, space: 'pass-coop', passUrl: '/__convene/pass?sub=react-url' }));
    await until('the members’ room with passUrl', () => listed().includes('members'));

    render(createElement(ConveneSpace, { server, space: 'pass-coop', pass: await passFor('sub=react-pass') }));
    expect(container.querySelector('convene-space')!.pass).to.be.a('string');
    await until('the members’ room with pass', () => listed().includes('members'));

    const joined: ConveneJoinedEvent[] = [];
    render(
      createElement(ConveneRoom, {
        server,
        space: 'pass-coop',
        room: 'members',
        name: 'Reactor',
        noPrejoin: true,
        passProvider: () => passFor('sub=react-provider'),
        onJoined: (e) => joined.push(e),
      }),
    );
    await until('onJoined in the members’ room', () => joined.length === 1);
    expect(joined[0]!.identity).to.equal('react-provider');
    await roomElement().leave();
  });

  it('joins once under StrictMode’s double mount', async () => {
    const { server } = await testStack();
    const joined: ConveneJoinedEvent[] = [];
    render(
      createElement(
        StrictMode,
        null,
        createElement(ConveneRoom, {
          server,
          space: 'river-coop',
          room: 'lobby',
          name: 'Strict',
          noPrejoin: true,
          onJoined: (e) => joined.push(e),
        }),
      ),
    );
    await until('onJoined', () => joined.length >= 1);
    await until('the server to see Strict', async () => (await peopleInLobby(server, 'Strict')) >= 1);
    // Give a second join every chance to happen before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(joined.length).to.equal(1);
    expect(await peopleInLobby(server, 'Strict')).to.equal(1);
    // Joining at once (no-prejoin) starts from the update that sees the props, not after it.
    expect(litWarnings().some((w) => w.includes('Lit is in dev mode'))).to.equal(true, 'Lit in development mode');
    expect(litWarnings().filter((w) => w.includes('after an update completed'))).to.deep.equal([]);
  });
});
