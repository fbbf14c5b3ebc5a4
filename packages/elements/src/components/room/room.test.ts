import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneErrorEvent } from '../../core/error-event.js';
import type {
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneParticipantJoinedEvent,
  ConveneParticipantLeftEvent,
} from './room.events.js';
import type { ConveneRoom } from './room.component.js';
import './convene-room.js';

const $ = <T extends Element = HTMLElement>(el: ConveneRoom, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: ConveneRoom, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const tiles = (el: ConveneRoom) => $$(el, '[part~="tile"]');
const decodedVideos = (el: ConveneRoom) =>
  tiles(el).filter((tile) => (tile.querySelector('video')?.videoWidth ?? 0) > 0);
const tileOf = (el: ConveneRoom, name: string) =>
  tiles(el).find((tile) => tile.querySelector('.name')?.textContent === name);
const text = (el: ConveneRoom) => el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';

/** Types into a field as a person would (the element reads the field, not a property). */
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The element with keyboard focus, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `match` has focus (a person tabbing through the page). */
async function tabTo(match: (el: Element | null) => boolean, what: string) {
  for (let i = 0; i < 30; i++) {
    if (match(deepActive())) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}; focus is on ${deepActive()?.outerHTML.slice(0, 80)}`);
}

/** A LiveKit admin token signed with livekit-server's dev-mode keys, to play the server's part. */
async function livekitAdminToken(room: string) {
  const encode = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  const json = (value: object) => encode(new TextEncoder().encode(JSON.stringify(value)));
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'devkey',
    sub: 'test-admin',
    nbf: now - 10,
    exp: now + 600,
    video: { roomAdmin: true, roomCreate: true, room },
  };
  const data = `${json({ alg: 'HS256', typ: 'JWT' })}.${json(claims)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode('secret'),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return `${data}.${encode(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data))))}`;
}

async function room(attrs: { room: string; name?: string; server?: string; loginUrl?: string }) {
  const server = attrs.server ?? (await testStack()).server;
  return fixture<ConveneRoom>(
    html`<convene-room
      server=${server}
      space="river-coop"
      room=${attrs.room}
      name=${attrs.name ?? ''}
      login-url=${attrs.loginUrl ?? ''}
    ></convene-room>`,
  );
}

describe('<convene-room>', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  describe('pre-join', () => {
    it('shows a labelled name field, a live preview, a level meter, camera and microphone toggles, and Join; passes axe', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      expect($<HTMLInputElement>(el, 'input[name="name"]')?.value).to.equal('Ada');
      expect($(el, 'label[for]')?.textContent).to.contain('Your name');
      expect($(el, 'button[type="submit"]')?.textContent?.trim()).to.equal('Join');
      await until(
        'the camera preview to show video',
        () => ($<HTMLVideoElement>(el, '[part="preview"] video')?.videoWidth ?? 0) > 0,
      );
      await until('the microphone level to move', () => ($<HTMLMeterElement>(el, 'meter')?.value ?? 0) > 0);
      expect($(el, 'meter')?.getAttribute('aria-label')).to.equal('Microphone level');
      expect($(el, '[data-control="camera"]')?.getAttribute('aria-pressed')).to.equal('true');
      expect($(el, '[data-control="microphone"]')?.getAttribute('aria-pressed')).to.equal('true');
      expect($$(el, 'select[name="videoinput"] option').length, 'camera choices').to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('turning the camera off stops it and says so', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      const video = await until('the preview', () => $<HTMLVideoElement>(el, '[part="preview"] video'));
      const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
      $<HTMLButtonElement>(el, '[data-control="camera"]')!.click();
      await until('the camera to stop', () => track.readyState === 'ended');
      await el.updateComplete;
      expect($(el, '[data-control="camera"]')?.getAttribute('aria-pressed')).to.equal('false');
      expect($(el, '[part="preview"]')?.textContent).to.contain('Your camera is off');
    });

    it('remembers the name per server', async () => {
      const { server } = await testStack();
      localStorage.setItem(`convene:name:${server}`, 'Remembered Rita');
      const el = await room({ room: 'lobby' });
      expect($<HTMLInputElement>(el, 'input[name="name"]')?.value).to.equal('Remembered Rita');
      localStorage.removeItem(`convene:name:${server}`);
    });

    it('speaks Spanish when the page says so', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="es"><convene-room server=${server} space="river-coop" room="lobby"></convene-room></div>`,
      );
      const el = wrapper.querySelector('convene-room')!;
      await el.updateComplete;
      expect($(el, 'button[type="submit"]')?.textContent?.trim()).to.equal('Entrar');
      el.setAttribute('lang', 'en');
      await until('English after lang="en"', () => $(el, 'button[type="submit"]')?.textContent?.trim() === 'Join');
    });

    it('takes the page’s own words through the strings property', async () => {
      const el = await room({ room: 'members', name: 'Ada', loginUrl: '/sign-in' });
      el.strings = { join: 'Come in', errors: { members_only: 'Members of the co-op only, sorry.' } };
      await el.updateComplete;
      expect($(el, 'button[type="submit"]')?.textContent?.trim()).to.equal('Come in');
      await el.join().catch(() => {});
      await until('the overridden message', () => text(el).includes('Members of the co-op only, sorry.'));
      expect($(el, '[data-action="retry"]')?.textContent?.trim(), 'other entries untouched').to.equal('Try again');
    });

    it('explains a blocked camera and joins without it', async () => {
      const media = navigator.mediaDevices;
      const original = media.getUserMedia.bind(media);
      media.getUserMedia = (constraints) =>
        constraints?.video
          ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
          : original(constraints);
      try {
        const el = await room({ room: 'lobby', name: 'Ada' });
        const note = await until('the camera problem', () => $(el, '[data-problem="camera"]'));
        expect(note.textContent).to.contain('blocks the camera');
        expect($(el, '[data-control="camera"]')?.getAttribute('aria-pressed')).to.equal('false');
        await el.join();
        await until('Ada in the room without video', () => tiles(el).length === 1);
        expect(tiles(el)[0]!.querySelector('video')).to.equal(null);
        expect(tiles(el)[0]!.querySelector('.initials')?.textContent).to.equal('A');
        await el.leave();
      } finally {
        media.getUserMedia = original;
      }
    });
  });

  describe('in the room', () => {
    it('two elements meet with decoded video; mute, events, leave', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="lobby" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="lobby" name="Grace"></convene-room>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      const events: Event[] = [];
      const record = (e: Event) => events.push(e);
      const types = ['convene-joined', 'convene-left', 'convene-participant-joined', 'convene-participant-left'];
      for (const type of types) document.addEventListener(type, record);
      await ada.join();
      await grace.join();
      const joined = events.filter((e): e is ConveneJoinedEvent => e.type === 'convene-joined');
      expect(joined.map((e) => [e.room, e.target])).to.deep.equal([
        ['lobby', ada],
        ['lobby', grace],
      ]);
      expect(joined[0]!.identity).to.match(/^guest-/);
      expect(joined[0]!.bubbles && joined[0]!.composed).to.equal(true);
      const arrivals = () =>
        events.filter((e): e is ConveneParticipantJoinedEvent => e.type === 'convene-participant-joined');
      await until('Ada to hear of Grace', () => arrivals().some((e) => e.target === ada && e.name === 'Grace'));
      expect(arrivals().find((e) => e.target === grace)).to.include({ name: 'Ada', initial: true });
      expect(arrivals().find((e) => e.target === ada)).to.include({ name: 'Grace', initial: false });

      for (const el of [ada, grace]) {
        await until('two tiles with decoded video', () => decodedVideos(el).length === 2);
        const names = tiles(el).map((t) => t.querySelector('.name')?.textContent);
        expect(names).to.have.members(el === ada ? ['Ada (you)', 'Grace'] : ['Grace (you)', 'Ada']);
      }
      expect(deepActive()?.getAttribute('data-control'), 'focus after joining').to.equal('microphone');
      expect($(grace, '[data-control="microphone"]')?.getAttribute('aria-pressed')).to.equal('true');
      await until('Ada to announce Grace', () => $(ada, '[aria-live="polite"]')?.textContent?.includes('Grace joined'));
      await expect(ada).to.be.accessible();

      expect(tileOf(ada, 'Grace')?.querySelector('[part~="muted"]'), 'no muted indicator yet').to.equal(null);
      await grace.toggleMicrophone(false);
      expect($(grace, '[data-control="microphone"]')?.getAttribute('aria-pressed')).to.equal('false');
      const muted = await until('Ada to see Grace muted', () => tileOf(ada, 'Grace')?.querySelector('[part~="muted"]'));
      expect(muted.getAttribute('aria-label')).to.equal("Grace's microphone is off");
      await grace.toggleMicrophone(true);
      await until('Ada to see Grace unmuted', () => !tileOf(ada, 'Grace')?.querySelector('[part~="muted"]'));

      await grace.leave();
      await until('Ada to see one tile after Grace left', () => tiles(ada).length === 1);
      await until('Grace to say she left', () => text(grace).includes('You left the room.'));
      const left = events.find((e): e is ConveneLeftEvent => e.type === 'convene-left');
      expect(left).to.include({ room: 'lobby', reason: 'left', target: grace });
      const departures = () =>
        events.filter((e): e is ConveneParticipantLeftEvent => e.type === 'convene-participant-left');
      await until('Ada to hear Grace left', () => departures().some((e) => e.target === ada && e.name === 'Grace'));
      await until('focus on Join again', () => deepActive()?.getAttribute('data-action') === 'rejoin');
      await expect(grace).to.be.accessible();
      await ada.leave();
      for (const type of types) document.removeEventListener(type, record);
    });

    it('removing the element from the page leaves the room and releases camera and microphone', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      await ada.join();
      await grace.join();
      await until('two tiles on Ada', () => tiles(ada).length === 2);
      const local = await until('Grace’s own video', () => tileOf(grace, 'Grace (you)')?.querySelector('video'));
      const tracks = (local.srcObject as MediaStream).getTracks();
      // The page's listener on the element (as React's onLeft is): the element is out of the page by then.
      const left: ConveneLeftEvent[] = [];
      grace.addEventListener('convene-left', (e) => left.push(e));
      grace.remove();
      await until('Ada to see Grace go', () => tiles(ada).length === 1);
      await until('Grace’s camera to be released', () => tracks.every((t) => t.readyState === 'ended'));
      await until('convene-left from Grace', () => left.length === 1);
      expect([left[0]!.room, left[0]!.reason]).to.deep.equal(['back-office', 'left']);
      expect(left[0]!.bubbles && left[0]!.composed).to.equal(true);
      await ada.leave();
    });

    it('moving the element within the page keeps the visitor in the room and fires nothing', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
          <section></section>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      await ada.join();
      await grace.join();
      await until('two tiles on Ada', () => tiles(ada).length === 2);
      const local = await until('Grace’s own video', () => tileOf(grace, 'Grace (you)')?.querySelector('video'));
      const tracks = (local.srcObject as MediaStream).getTracks();
      const heard: string[] = [];
      for (const type of ['convene-left', 'convene-joined']) grace.addEventListener(type, () => heard.push(type));
      wrapper.querySelector('section')!.append(grace); // removed, then inserted, in one task
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(heard).to.deep.equal([]);
      expect(tiles(ada).length, 'Ada still sees Grace').to.equal(2);
      expect(
        tracks.every((t) => t.readyState === 'live'),
        'Grace’s camera still on',
      ).to.equal(true);
      expect(grace.session?.state.value.phase).to.equal('connected');
      await until('Grace’s stage after the move', () => tileOf(grace, 'Ada'));
      await grace.leave();
      await ada.leave();
    });

    it('a screen share takes the focus on the other side', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      await ada.join();
      await grace.join();
      const share = $(ada, '[data-control="screen-share"]')!;
      expect(share.getAttribute('aria-pressed')).to.equal('false');
      share.focus();
      await sendKeys({ press: 'Enter' }); // a real key press: browsers share screens only on a gesture
      await until('Ada’s share button pressed', () => share.getAttribute('aria-pressed') === 'true');
      const focus = await until('Grace to see the shared screen', () => {
        const figure = $(grace, '[part="screen-share"]');
        return (figure?.querySelector('video')?.videoWidth ?? 0) > 0 ? figure : null;
      });
      expect(focus.textContent).to.contain('Ada is sharing their screen');
      expect(tiles(grace).length, 'the tiles stay beside the screen').to.equal(2);
      await ada.toggleScreenShare(false);
      await until('the focus to go when the share stops', () => !$(grace, '[part="screen-share"]'));
      await ada.leave();
      await grace.leave();
    });

    it('pages the tiles beyond what fits, receiving video only for the page on view', async function () {
      this.timeout(90_000); // five participants on one page, each sending and receiving video
      const { server } = await testStack();
      const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'];
      const wrapper = await fixture<HTMLDivElement>(
        html`<div class="paging">
          ${names.map(
            (name, i) =>
              html`<convene-room
                server=${server}
                space="river-coop"
                room="back-office"
                name=${name}
                style="width: 400px"
                ?hidden=${i > 0}
              ></convene-room>`,
          )}
        </div>`,
      );
      const rooms = [...wrapper.querySelectorAll('convene-room')] as ConveneRoom[];
      // Only Ada's stage is on view (the others receive nothing), and cameras only: fewer tracks
      // for one test page to carry.
      for (const el of rooms) await el.toggleMicrophone(false);
      for (const el of rooms) await el.join();
      const ada = rooms[0]!;
      await until('five people, four on the first page', () => $(ada, '[part="pager"]') && tiles(ada).length === 4);
      expect($(ada, '[part="pager"]')?.textContent).to.contain('Page 1 of 2');
      const offPage = () => {
        const shown = new Set(tiles(ada).map((t) => t.dataset.identity));
        return [...ada.session!.room!.remoteParticipants.values()].filter((p) => !shown.has(p.identity));
      };
      await until('the first page’s video decoded', () => decodedVideos(ada).length === 4);
      const [hidden] = offPage();
      expect(hidden?.getTrackPublication('camera' as never)?.videoTrack?.attachedElements ?? []).to.have.length(0);

      const next = $<HTMLButtonElement>(ada, '[data-action="next-page"]')!;
      expect(next.getAttribute('aria-label')).to.equal('Next page of people');
      next.click();
      await until('the second page', () => tiles(ada).length === 1 && text(ada).includes('Page 2 of 2'));
      expect(tiles(ada)[0]!.dataset.identity).to.equal(hidden!.identity);
      await until('its video decoded', () => decodedVideos(ada).length === 1);
      $<HTMLButtonElement>(ada, '[data-action="previous-page"]')!.click();
      await until('the first page again', () => tiles(ada).length === 4);
      const video = hidden!.getTrackPublication('camera' as never)?.videoTrack;
      await until('the second page’s video detached again', () => video?.attachedElements.length === 0);
      for (const el of rooms) await el.leave();
    });

    it('keeps the stage under a reconnecting banner, then drops it', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      await el.join();
      const seen: { banner: boolean; tiles: number }[] = [];
      el.session!.state.subscribe(async (state) => {
        if (state.phase !== 'reconnecting') return;
        await el.updateComplete;
        seen.push({ banner: text(el).includes('Reconnecting'), tiles: tiles(el).length });
      });
      await el.session!.room!.simulateScenario('signal-reconnect');
      await until('a reconnecting state', () => seen.length > 0);
      expect(seen[0]).to.deep.equal({ banner: true, tiles: 1 });
      await until('back to connected', () => el.session!.state.value.phase === 'connected');
      await until('the banner gone', () => !text(el).includes('Reconnecting'));
      $<HTMLButtonElement>(el, '[data-control="devices"]')!.click();
      await el.updateComplete;
      expect($(el, '[data-control="devices"]')?.getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '[part="devices"] select[name="videoinput"]'), 'a camera chooser').to.exist;
      await el.leave();
    });

    it('offers Start audio when the browser blocks the room’s sound', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      await el.join();
      const lk = el.session!.room!;
      // What livekit-client does when the browser refuses to play: no sound until a gesture.
      (lk as unknown as { audioEnabled: boolean }).audioEnabled = false;
      (lk as unknown as { emit(event: string, playing: boolean): void }).emit('audioPlaybackChanged', false);
      const start = await until('the Start audio action', () =>
        $<HTMLButtonElement>(el, '[data-action="start-audio"]'),
      );
      expect(text(el)).to.contain('Your browser paused the sound of this room.');
      await expect(el).to.be.accessible();
      start.focus();
      await sendKeys({ press: 'Enter' });
      await until('the banner gone once sound plays', () => !$(el, '[data-action="start-audio"]'));
      await el.leave();
    });

    it('says when the connection is lost, and joins again', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      await el.join();
      const left = new Promise<ConveneLeftEvent>((resolve) =>
        el.addEventListener('convene-left', resolve, { once: true }),
      );
      await el.session!.room!.simulateScenario('server-leave');
      expect((await left).reason).to.equal('connection-lost');
      await until('the message', () => text(el).includes('The connection to the room was lost.'));
      $<HTMLButtonElement>(el, '[data-action="rejoin"]')!.click();
      await until('back in the room', () => tiles(el).length === 1);
      await el.leave();
    });

    it('highlights who speaks; says when the room is closed', async () => {
      const { server, livekit } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      await ada.join();
      await grace.join();
      await until('Grace to see Ada', () => tileOf(grace, 'Ada'));
      await ada.session!.room!.simulateScenario('speaker'); // livekit-server reports Ada speaking
      await until('Ada’s tile highlighted on Grace’s side', () =>
        tileOf(grace, 'Ada')?.getAttribute('part')?.split(' ').includes('speaking'),
      );

      const closed = await fetch(`${livekit.replace(/^ws/, 'http')}/twirp/livekit.RoomService/DeleteRoom`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${await livekitAdminToken('river-coop/back-office')}`,
        },
        body: JSON.stringify({ room: 'river-coop/back-office' }),
      });
      expect(closed.status).to.equal(200);
      for (const el of [ada, grace]) {
        await until('the room-closed message', () => text(el).includes('The room was closed.'));
        expect($(el, '[data-action="rejoin"]')).to.exist;
      }
    });

    it('pins whoever the room’s metadata spotlights, and nobody for metadata that is not Convene’s', async () => {
      const { server, livekit } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Ada"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
        </div>`,
      );
      const [ada, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      await ada.join();
      await grace.join();
      await until('Ada to see Grace', () => tileOf(ada, 'Grace'));
      const graceId = grace.session!.room!.localParticipant.identity;
      // The Convene server's part: LiveKit's RoomService writes the room's metadata.
      const metadata = async (value: string) => {
        const response = await fetch(`${livekit.replace(/^ws/, 'http')}/twirp/livekit.RoomService/UpdateRoomMetadata`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${await livekitAdminToken('river-coop/back-office')}`,
          },
          body: JSON.stringify({ room: 'river-coop/back-office', metadata: value }),
        });
        expect(response.status).to.equal(200);
      };
      const pinned = (el: ConveneRoom) => $(el, '[part~="tile"][part~="pinned"] .name')?.textContent;
      await metadata(JSON.stringify({ 'convene.spotlight': graceId }));
      await until('Grace pinned at Ada', () => pinned(ada) === 'Grace');
      await until('and at Grace', () => pinned(grace) === 'Grace (you)');
      expect(ada.session!.spotlight.value).to.equal(graceId);
      await metadata('not json');
      await until('the pin gone', () => !pinned(ada) && !pinned(grace));
      await metadata(JSON.stringify({ 'convene.spotlight': graceId }));
      await until('Grace pinned again', () => pinned(ada) === 'Grace');
      await metadata(JSON.stringify({ 'another.app': graceId }));
      await until('the pin gone again', () => !pinned(ada));
      await metadata(JSON.stringify({ 'convene.spotlight': 'nobody-here' }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(pinned(ada), 'someone not in the room').to.equal(undefined);
      await ada.leave();
      await grace.leave();
    });

    it('leave() while still connecting ends in the left state, camera released', async () => {
      const el = await room({ room: 'lobby', name: 'Ada' });
      const preview = await until('the preview', () => $<HTMLVideoElement>(el, '[part="preview"] video'));
      const tracks = (preview.srcObject as MediaStream).getTracks();
      // Left the moment the session says it is connecting: on loopback (the token fetched during
      // pre-join) connecting can take less than a poll's interval. join() opens the session at once.
      const joining = el.join();
      const session = el.session!;
      await new Promise<void>((resolve) => {
        if (session.state.value.phase === 'connecting') return resolve();
        const stop = session.state.subscribe((state) => {
          if (state.phase === 'connecting') (stop(), resolve());
        });
      });
      await el.updateComplete;
      expect(text(el)).to.include('Connecting to the room');
      await el.leave();
      await joining.catch(() => {});
      await until('You left', () => text(el).includes('You left the room.'));
      expect(el.session?.room, 'no LiveKit room left behind').to.equal(undefined);
      await until('the camera released', () => tracks.every((t) => t.readyState === 'ended'));
    });

    it('joins at once with no-prejoin', async () => {
      const { server } = await testStack();
      const el = await fixture<ConveneRoom>(
        html`<convene-room server=${server} space="river-coop" room="lobby" name="Ada" no-prejoin></convene-room>`,
      );
      expect($(el, 'input[name="name"]'), 'no pre-join').to.equal(null);
      await until('Ada in the room', () => tiles(el).length === 1);
      await el.leave();
    });

    it('is operable by keyboard alone: join, mute, leave', async () => {
      const el = await room({ room: 'lobby' });
      await tabTo((a) => a?.getAttribute('name') === 'name', 'the name field');
      await sendKeys({ type: 'Keyboard Kim' });
      await sendKeys({ press: 'Enter' });
      await until(
        'the microphone control focused in the room',
        () => deepActive()?.getAttribute('data-control') === 'microphone',
      );
      const mic = $(el, '[data-control="microphone"]')!;
      await until('microphone on', () => mic.getAttribute('aria-pressed') === 'true');
      await sendKeys({ press: 'Space' });
      await until('microphone off', () => mic.getAttribute('aria-pressed') === 'false');
      await tabTo((a) => a?.getAttribute('data-control') === 'leave', 'Leave');
      await sendKeys({ press: 'Enter' });
      await until('You left', () => text(el).includes('You left the room.'));
      expect(deepActive()?.getAttribute('data-action')).to.equal('rejoin');
    });
  });

  describe('refusals and failures', () => {
    it('locked room: asks for the code, keeps a wrong one with the error, enters with the right one', async () => {
      const el = await room({ room: 'workshop', name: 'Ada' });
      const errors: ConveneErrorEvent[] = [];
      el.addEventListener('convene-error', (e) => errors.push(e));
      await el.join().catch(() => {});
      const code = await until('the access-code field', () => $<HTMLInputElement>(el, 'input[name="access-code"]'));
      expect(errors.map((e) => e.code)).to.deep.equal(['access_code_required']);
      expect(text(el)).to.contain('This room is locked. Enter the access code you were given.');
      await until('focus on the code field', () => deepActive() === code);
      await expect(el).to.be.accessible();

      type(code, 'wrong-code');
      await el.join().catch(() => {});
      await until('the wrong-code error', () => $(el, '[role="alert"]')?.textContent?.includes('not right'));
      expect($<HTMLInputElement>(el, 'input[name="access-code"]')?.value).to.equal('wrong-code');
      expect(errors.map((e) => e.code)).to.deep.equal(['access_code_required', 'access_code_invalid']);

      type($<HTMLInputElement>(el, 'input[name="access-code"]')!, 'river-1234');
      await el.join();
      await until('Ada in the workshop', () => tiles(el).length === 1);
      await el.leave();
    });

    it('members-only room: says so and offers the host page’s sign-in link', async () => {
      const el = await room({ room: 'members', name: 'Ada', loginUrl: '/sign-in?next=members' });
      await el.join().catch(() => {});
      await until('the members-only message', () => text(el).includes('This room is for members only.'));
      expect($<HTMLAnchorElement>(el, 'a[part~="sign-in"]')?.href).to.equal(
        new URL('/sign-in?next=members', location.href).href,
      );
      await expect(el).to.be.accessible();
    });

    it('full room: says so, with Try again', async () => {
      const first = await room({ room: 'tiny', name: 'Ada' });
      await first.join();
      const second = await room({ room: 'tiny', name: 'Grace' });
      const errors: ConveneErrorEvent[] = [];
      second.addEventListener('convene-error', (e) => errors.push(e));
      await second.join().catch(() => {});
      await until('the full message', () => text(second).includes('The room is full.'));
      expect(errors[0]?.code).to.equal('room_full');
      expect($(second, '[data-action="retry"]')?.textContent?.trim()).to.equal('Try again');
      await first.leave();
    });

    it('unreachable server: says so, with Try again, and fires convene-error', async () => {
      const el = await room({ room: 'lobby', name: 'Ada', server: 'http://127.0.0.1:9' });
      const errors: ConveneErrorEvent[] = [];
      el.addEventListener('convene-error', (e) => errors.push(e));
      await el.join().catch(() => {});
      await el.updateComplete;
      expect($(el, '[role="alert"]')?.textContent).to.contain('Could not reach the Convene server');
      expect(errors[0]?.code).to.equal('network');
      await until('focus on Try again', () => deepActive()?.getAttribute('data-action') === 'retry');
      await expect(el).to.be.accessible();
    });

    it('a moderator (signed in on the host site) mutes and removes someone from their tile', async () => {
      const { server } = await testStack();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <convene-room server=${server} space="river-coop" room="back-office" name="Mo"></convene-room>
          <convene-room server=${server} space="river-coop" room="back-office" name="Grace"></convene-room>
        </div>`,
      );
      const [mo, grace] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
      document.cookie = 'convene-test-person=moderator; Path=/'; // the test stack's stand-in for a site's sign-in
      try {
        await mo.join();
      } finally {
        document.cookie = 'convene-test-person=; Max-Age=0; Path=/';
      }
      await grace.join();
      const graceTile = await until('Mo to see Grace', () => tileOf(mo, 'Grace'));
      expect(tileOf(grace, 'Mo Moderator')?.querySelector('[part="moderation"]'), 'guests get no moderation').to.equal(
        null,
      );
      await expect(mo).to.be.accessible();

      const mute = await until('a mute button on Grace’s tile', () =>
        graceTile.querySelector<HTMLButtonElement>('[data-action="mute-participant"]'),
      );
      expect(mute.getAttribute('aria-label')).to.equal('Mute Grace');
      mute.click();
      await until(
        'Grace’s microphone off on her side',
        () => $(grace, '[data-control="microphone"]')?.getAttribute('aria-pressed') === 'false',
      );
      await until('Mo to see Grace muted', () => tileOf(mo, 'Grace')?.querySelector('[part~="muted"]'));

      const remove = tileOf(mo, 'Grace')!.querySelector<HTMLButtonElement>('[data-action="remove-participant"]')!;
      remove.focus();
      remove.click();
      await mo.updateComplete;
      expect(remove.getAttribute('aria-label'), 'asks to confirm first').to.equal(
        'Remove Grace? Press again to confirm',
      );
      expect(grace.session?.state.value.phase).to.equal('connected');
      remove.click();
      await until('Grace removed', () => text(grace).includes('A moderator removed you from the room.'));
      await until('Mo to see one tile', () => tiles(mo).length === 1);
      await mo.leave();
    });

    it('a moderator’s remove ends in the disconnected state with that reason', async () => {
      const { server } = await testStack();
      const el = await room({ room: 'workshop', name: 'Ada' });
      await el.join().catch(() => {});
      type(await until('the code field', () => $<HTMLInputElement>(el, 'input[name="access-code"]')), 'river-1234');
      const joined = new Promise<ConveneJoinedEvent>((resolve) =>
        el.addEventListener('convene-joined', resolve, { once: true }),
      );
      const left = new Promise<ConveneLeftEvent>((resolve) =>
        el.addEventListener('convene-left', resolve, { once: true }),
      );
      await el.join();
      const { identity } = await joined;

      const token = await fetch(`${server}/api/spaces/river-coop/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ room_name: 'workshop', participant_name: 'Mo', moderator_code: 'mod-5678' }),
      }).then((r) => r.json() as Promise<{ participant_token: string }>);
      const removed = await fetch(`${server}/api/spaces/river-coop/rooms/workshop/moderation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.participant_token}` },
        body: JSON.stringify({ action: 'remove', identity }),
      });
      expect(removed.status).to.equal(200);
      expect((await left).reason).to.equal('removed');
      await until('the removed message', () => text(el).includes('A moderator removed you from the room.'));
      expect($(el, '[data-action="rejoin"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  });
});
