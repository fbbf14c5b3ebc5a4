import { expect, fixture, html } from '@open-wc/testing';
import { CriticalTimers, Track } from 'livekit-client';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneRoom } from './room.component.js';
import './convene-room.js';

// Pre-join readies the join (issue 19): the token asked for early when that uses nothing up, the
// connection to LiveKit warmed, nothing joined before Join, nothing asked of another host.

const $ = <T extends Element = HTMLElement>(el: ConveneRoom, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

/** Every fetch and WebSocket the page opens, as it opens it: the address and, for a fetch, its body. */
interface Opened {
  kind: 'fetch' | 'websocket';
  url: URL;
  body: string;
}

function watchRequests(): { opened: Opened[]; stop(): void } {
  const opened: Opened[] = [];
  const fetch = window.fetch;
  const WebSocket = window.WebSocket;
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    opened.push({ kind: 'fetch', url, body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };
  window.WebSocket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened.push({ kind: 'websocket', url: new URL(String(url)), body: '' });
    }
  };
  return {
    opened,
    stop() {
      window.fetch = fetch;
      window.WebSocket = WebSocket;
    },
  };
}

const tokenRequests = (opened: Opened[]) =>
  opened
    .filter((o) => o.kind === 'fetch' && o.url.pathname.endsWith('/api/spaces/river-coop/token'))
    .map((o) => JSON.parse(o.body) as { participant_name?: string });

/** Types into a field as a person would. */
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function prejoin(room: string, name: string) {
  const { server } = await testStack();
  const el = await fixture<ConveneRoom>(
    html`<convene-room server=${server} space="river-coop" room=${room} name=${name}></convene-room>`,
  );
  return el;
}

/** Reads a protobuf varint at `at`: its value and where the next field starts. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80) || at >= bytes.length) return [value, at];
  }
}

/** A LiveKit SignalRequest carrying track settings (field 7, UpdateTrackSettings): whether it asks to pause the track (its field 3). */
function trackSetting(bytes: Uint8Array): { disabled: boolean } | undefined {
  let [key, at] = varint(bytes, 0);
  if (key !== ((7 << 3) | 2)) return undefined;
  const [length, start] = varint(bytes, at);
  at = start;
  const end = at + length;
  let disabled = false;
  while (at < end) {
    [key, at] = varint(bytes, at);
    let value: number;
    [value, at] = varint(bytes, at);
    if ((key & 7) === 2)
      at += value; // a string or message: skipped
    else if (key === 3 << 3) disabled = value === 1;
  }
  return { disabled };
}

/** The track settings a LiveKit client opened from now on sends the SFU. */
function watchTrackSettings(): { settings: { disabled: boolean }[]; stop(): void } {
  const settings: { disabled: boolean }[] = [];
  const Before = window.WebSocket;
  window.WebSocket = class extends Before {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : undefined;
      const setting = bytes && trackSetting(bytes);
      if (setting) settings.push(setting);
      super.send(data);
    }
  };
  return { settings, stop: () => (window.WebSocket = Before) };
}

/** Every RTCPeerConnection the page makes from now on. */
function watchPeerConnections(): { made: RTCPeerConnection[]; stop(): void } {
  const made: RTCPeerConnection[] = [];
  const Before = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Before {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      made.push(this);
    }
  };
  return { made, stop: () => (window.RTCPeerConnection = Before) };
}

const localName = (el: ConveneRoom) => el.session?.room?.localParticipant.name;
const inRoom = (el: ConveneRoom) => el.session?.state.value.phase === 'connected' && !!$(el, '[part~="tile"]');

describe('<convene-room> readies the join in pre-join', () => {
  let watch: ReturnType<typeof watchRequests>;
  beforeEach(() => (watch = watchRequests()));
  afterEach(() => watch.stop());

  it('asks for the token for the name shown before Join, joins nothing until Join, then joins with that token and asks no other host', async () => {
    const { server, livekit } = await testStack();
    const el = await prejoin('lobby', 'Ada Ahead');
    await until('the early token request', () => tokenRequests(watch.opened).length === 1);
    expect(tokenRequests(watch.opened)[0]!.participant_name).to.equal('Ada Ahead');
    // The connection to LiveKit warmed (an HTTP request), and still no WebSocket: nobody joined.
    await until('the warmed connection to LiveKit', () =>
      watch.opened.some((o) => o.kind === 'fetch' && o.url.origin === new URL(livekit.replace(/^ws/, 'http')).origin),
    );
    expect(
      watch.opened.filter((o) => o.kind === 'websocket'),
      'no connection to the room before Join',
    ).to.have.length(0);
    expect(el.session, 'no session before Join').to.equal(undefined);
    expect($(el, 'form button[type="submit"]'), 'still in pre-join').to.not.equal(null);

    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until('in the room', () => inRoom(el));
    expect(localName(el)).to.equal('Ada Ahead');
    expect(tokenRequests(watch.opened), 'the early token, not a second request').to.have.length(1);
    const hosts = new Set([location.origin, new URL(server).origin, new URL(livekit).origin]);
    hosts.add(new URL(livekit.replace(/^ws/, 'http')).origin);
    const elsewhere = watch.opened.filter((o) => !hosts.has(o.url.origin)).map((o) => o.url.href);
    expect(elsewhere, 'nothing asked of another host').to.deep.equal([]);
    await el.leave();
  });

  it('asks again, once the typing pauses, for a changed name; Join right after a change uses the new name', async () => {
    const el = await prejoin('lobby', 'Ben Before');
    await until('the early token request', () => tokenRequests(watch.opened).length === 1);
    const name = $<HTMLInputElement>(el, 'input[name="name"]')!;
    type(name, 'Bea');
    type(name, 'Bea After');
    await until('a fresh token for the new name', () => tokenRequests(watch.opened).length === 2);
    expect(tokenRequests(watch.opened).map((r) => r.participant_name)).to.deep.equal(['Ben Before', 'Bea After']);
    // Changed again and Join pressed at once: the token for "Bea After" is not used for "Cy Final".
    type(name, 'Cy Final');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until('in the room', () => inRoom(el));
    expect(localName(el)).to.equal('Cy Final');
    expect(tokenRequests(watch.opened).at(-1)!.participant_name).to.equal('Cy Final');
    await el.leave();
  });

  it('shows someone already in the room without first telling LiveKit their tile is off view (which would pause their video)', async () => {
    const ada = await prejoin('lobby', 'Ada There');
    await ada.toggleMicrophone(false);
    await ada.join();
    const sent = watchTrackSettings();
    try {
      const ben = await prejoin('lobby', 'Ben Arriving');
      await ben.toggleMicrophone(false);
      const join = await until('Join', () => $<HTMLButtonElement>(ben, 'form button[type="submit"]'));
      join.click();
      await until(
        'Ada’s camera on Ben’s page',
        () => ($<HTMLVideoElement>(ben, '[data-local="false"] video')?.videoWidth ?? 0) > 0,
      );
      // (the picture can come first, from the camera's bare track while livekit-client connects: attach-on-view.ts)
      await until('Ben’s page told LiveKit what it shows', () => sent.settings.length > 0);
      expect(
        sent.settings.filter((s) => s.disabled),
        'never "paused": the tile was on view from the first word',
      ).to.deep.equal([]);
      await ben.leave();
    } finally {
      sent.stop();
      await ada.leave();
    }
  });

  it('plays the cameras of those already there once the media connection is up, before livekit-client’s connect() has finished', async () => {
    const ada = await prejoin('lobby', 'Ada Waiting');
    await ada.toggleMicrophone(false);
    await ada.join();
    // livekit-client's connect() checks every 50 ms whether the media connection is up, and holds
    // everyone's tracks back until it sees it: every 1.5 s here, so that it is still connecting
    // long after the connection is up, and what Ben's page shows meanwhile is Convene's doing.
    const plain = CriticalTimers.setTimeout;
    const wait = plain as (run: () => void, ms?: number, ...args: unknown[]) => ReturnType<typeof setTimeout>;
    CriticalTimers.setTimeout = ((run: () => void, ms?: number, ...args: unknown[]) =>
      wait(run, ms === 50 ? 1500 : ms, ...args)) as typeof plain;
    try {
      const ben = await prejoin('lobby', 'Ben Early');
      await ben.toggleMicrophone(false);
      const join = await until('Join', () => $<HTMLButtonElement>(ben, 'form button[type="submit"]'));
      join.click();
      const video = await until('Ada’s picture on Ben’s page', () => {
        const shown = $<HTMLVideoElement>(ben, '[data-local="false"] video');
        return shown && shown.videoWidth > 0 ? shown : undefined;
      });
      expect(ben.session?.state.value.phase, 'Ben in the room').to.equal('connected');
      expect(ben.session?.room?.state, 'livekit-client still connecting').to.equal('connecting');
      const stream = video.srcObject;
      CriticalTimers.setTimeout = plain;
      // Then LiveKit's track for the camera, on the very same element: the picture never starts again.
      const there = [...ben.session!.room!.remoteParticipants.values()][0]!;
      const camera = await until(
        'LiveKit’s track for Ada’s camera',
        () => there.getTrackPublication(Track.Source.Camera)?.track,
      );
      await until('on the tile’s element', () => camera.attachedElements.includes(video));
      expect($<HTMLVideoElement>(ben, '[data-local="false"] video'), 'the same element').to.equal(video);
      expect(video.srcObject, 'and the same stream: the picture does not start again').to.equal(stream);
      expect(video.videoWidth).to.be.greaterThan(0);
      await ben.leave();
    } finally {
      CriticalTimers.setTimeout = plain;
      await ada.leave();
    }
  });

  it('makes the room’s peer connection in pre-join, gathering no address and sending nothing until Join, and joins on it', async () => {
    const pcs = watchPeerConnections();
    try {
      const el = await prejoin('lobby', 'Ida Ahead');
      await until('the peer connection made ahead', () => pcs.made.length === 1);
      const [ahead] = pcs.made;
      // Its first offer's sections are there (livekit-client's own start of connect()), and nothing else happened.
      await until('its data channels and media sections', () => ahead!.getTransceivers().length > 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ahead!.iceGatheringState, 'no address gathered before Join').to.equal('new');
      expect(ahead!.signalingState, 'no offer made before Join').to.equal('stable');
      expect(ahead!.localDescription, 'no offer made before Join').to.equal(null);
      expect(watch.opened.filter((o) => o.kind === 'websocket')).to.have.length(0);

      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await until('in the room', () => inRoom(el));
      expect(pcs.made, 'the join connects on the peer connection made ahead').to.have.length(1);
      await until('connected on it', () => ahead!.connectionState === 'connected');
      await el.leave();
    } finally {
      pcs.stop();
    }
  });

  it('asks for no token early in a locked room: a code would be checked (only the video client readies)', async () => {
    const el = await prejoin('workshop', 'Grace Early');
    await until('the code field (the directory says the room is locked)', () => $(el, 'input[name="access-code"]'));
    await until('the camera preview', () => ($<HTMLVideoElement>(el, '[part="preview"] video')?.videoWidth ?? 0) > 0);
    expect(tokenRequests(watch.opened), 'no token request before Join').to.have.length(0);
    expect(watch.opened.filter((o) => o.kind === 'websocket')).to.have.length(0);
  });
});
