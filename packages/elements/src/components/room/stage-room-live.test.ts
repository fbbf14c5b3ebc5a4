/**
 * Stage rooms against the real Convene server and livekit-server (issue 17): what the audience is
 * allowed is LiveKit's grant, and bringing someone up or stepping down changes it live.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneRoom } from './room.component.js';
import './convene-room.js';

const $ = <T extends Element = HTMLElement>(el: ConveneRoom, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const tileOf = (el: ConveneRoom, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')].find(
    (tile) => tile.querySelector('[part~="tile-name"]')?.textContent === name,
  );
const decoded = (tile: HTMLElement | undefined) => (tile?.querySelector('video')?.videoWidth ?? 0) > 0;

/** Counts the page's camera and microphone requests while `work` runs. */
async function countingMedia<T>(work: () => Promise<T>): Promise<{ asked: number; result: T }> {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  let asked = 0;
  devices.getUserMedia = function (this: MediaDevices, constraints?: MediaStreamConstraints) {
    asked++;
    return original.call(this, constraints);
  };
  try {
    return { result: await work(), asked };
  } finally {
    devices.getUserMedia = original;
  }
}

/** Tries to publish the microphone as a page could, past the element: resolves true if LiveKit let it. */
async function triesToPublish(el: ConveneRoom): Promise<boolean> {
  const local = el.session!.room!.localParticipant;
  try {
    await local.setMicrophoneEnabled(true);
    return [...local.trackPublications.values()].some((p) => p.source === 'microphone' && !!p.track?.sid);
  } catch {
    return false;
  }
}

async function rooms(room: string, names: string[]) {
  const { server } = await testStack();
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      ${names.map(
        (name) => html`<convene-room server=${server} space="stage-tests" room=${room} name=${name}></convene-room>`,
      )}
    </div>`,
  );
  return [...wrapper.querySelectorAll('convene-room')] as ConveneRoom[];
}

describe('<convene-room> stage rooms (real server)', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  it('the audience joins with a name only, no camera or microphone asked; cannot publish even if it tries; passes axe', async () => {
    const [ada] = (await rooms('watch', ['Ada'])) as [ConveneRoom];
    const { asked } = await countingMedia(async () => {
      await until('the stage room’s pre-join', () => $(ada, '[data-stage="watch"]'));
      expect($(ada, '.preview-column')!.hidden).to.equal(true);
      await expect(ada).to.be.accessible();
      $<HTMLButtonElement>(ada, 'button[type="submit"]')!.click();
      await until('in the audience', () => $(ada, '[part="watching"]')?.textContent === '1 watching');
    });
    expect(asked, 'getUserMedia calls').to.equal(0);
    expect(ada.session?.token?.stage).to.equal('audience');
    expect(ada.session!.room!.localParticipant.permissions?.canPublish).to.equal(false);
    expect(await triesToPublish(ada), 'published against the grant').to.equal(false);
    expect($(ada, '[data-action="ask-to-speak"]')).to.exist;
    await expect(ada).to.be.accessible();
    await ada.leave();
  });

  it('asked to speak, brought up (live, no new token), publishes and is seen; stepped down, cannot publish', async function () {
    this.timeout(90_000); // two people joining, one of them publishing video for the other
    document.cookie = 'convene-test-person=moderator; Path=/'; // the test stack's stand-in for a site's sign-in
    let mo: ConveneRoom;
    try {
      [mo] = (await rooms('up', ['Mo'])) as [ConveneRoom];
      await mo.join();
    } finally {
      document.cookie = 'convene-test-person=; Max-Age=0; Path=/';
    }
    // Ada's page only now: pre-join asks for its token early, and this one is a guest's.
    const [ada] = (await rooms('up', ['Ada'])) as [ConveneRoom];
    expect(mo.session?.token?.stage).to.equal('speaker');
    await until('the moderator’s device check', () => $(mo, '[part="device-check"]'));
    await ada.join();
    const connection = ada.session!.room;

    (await until('Ask to speak', () => $<HTMLButtonElement>(ada, '[data-action="ask-to-speak"]'))).click();
    const bring = await until('Ada in the moderator’s queue', () =>
      $<HTMLButtonElement>(mo, '[part="speak-queue"] [data-action="bring-up"]'),
    );
    expect(bring.textContent?.trim()).to.equal('Bring Ada up');
    await expect(mo).to.be.accessible();
    bring.click();

    const check = await until('Ada’s device check', () => $(ada, '[part="device-check"]'));
    expect(ada.session!.room!.localParticipant.permissions?.canPublish).to.equal(true);
    await until('her preview', () => decoded(check.querySelector<HTMLElement>('[part="preview"]') ?? undefined));
    await expect(ada).to.be.accessible();
    $<HTMLButtonElement>(ada, '[data-action="go-on-stage"]')!.click();
    await until('the moderator to see Ada’s video', () => decoded(tileOf(mo, 'Ada')), 30_000);
    expect(ada.session!.room, 'the same connection: the permission changed live').to.equal(connection);

    $<HTMLButtonElement>(ada, '[data-action="step-down"]')!.click();
    await until('Ada off the moderator’s stage', () => !tileOf(mo, 'Ada'));
    await until('Ada back in the audience', () => $(ada, '[data-action="ask-to-speak"]'));
    expect(ada.session!.room!.localParticipant.permissions?.canPublish).to.equal(false);
    expect(await triesToPublish(ada), 'published after stepping down').to.equal(false);
    await Promise.all([ada.leave(), mo.leave()]);
  });
});
