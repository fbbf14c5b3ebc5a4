import { expect } from '@open-wc/testing';
import { $, $$, SERVER, fixtureRoom, tileOf } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';

const KEY = `convene:name:${SERVER}`;

/** Types into a field as a person would (the element reads the field, not a property). */
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Pre-join from fixtures: the step before the room, with Chromium's fake camera and microphone and no server. */
describe('<convene-room> pre-join (fixtures)', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('fills in the name remembered for this server, and remembers the one the visitor joins with', async () => {
    localStorage.setItem(KEY, 'Remembered Rita');
    const { el } = await fixtureRoom({}, { prejoin: true, name: '' });
    const input = await until('the name field', () => $<HTMLInputElement>(el, 'input[name="name"]'));
    expect(input.value).to.equal('Remembered Rita');
    type(input, 'Grace Hopper');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until('in the room as Grace', () => tileOf(el, 'Grace Hopper (you)'));
    expect(localStorage.getItem(KEY)).to.equal('Grace Hopper');
  });

  it('shows the level meter, the camera and microphone toggles and the device choice; passes axe', async () => {
    const { el } = await fixtureRoom({}, { prejoin: true });
    await until('the preview', () => $(el, '[part="preview"] video'));
    const meter = $<HTMLMeterElement>(el, '[part~="level"]')!;
    expect(meter.getAttribute('aria-label')).to.equal('Microphone level');
    await until('the meter to move', () => meter.value > 0);
    const cameras = await until('the camera choice', () =>
      $$<HTMLOptionElement>(el, 'select[name="videoinput"] option'),
    );
    expect(cameras.length).to.be.greaterThan(0);
    expect(cameras.every((o) => o.textContent?.trim())).to.equal(true);
    expect($(el, 'select[name="audioinput"]')!.closest('label')!.textContent).to.contain('Microphone');
    expect($(el, '.toggles [data-control="camera"]')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('joins with the camera turned off in pre-join, and the room shows it off', async () => {
    const { el } = await fixtureRoom({}, { prejoin: true });
    const video = await until('the preview', () => $<HTMLVideoElement>(el, '[part="preview"] video'));
    const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
    $<HTMLButtonElement>(el, '.toggles [data-control="camera"]')!.click();
    await until('the camera off', () => track.readyState === 'ended');
    await el.updateComplete;
    expect($(el, '.toggles [data-control="camera"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect($(el, '[part="preview"]')!.textContent).to.contain('Your camera is off');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const me = await until('in the room', () => tileOf(el, 'Sam Rivera (you)'));
    expect(me.querySelector('video')).to.equal(null);
    expect($(el, '[part~="control"][data-control="camera"]')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('asks for the access code, keeps a wrong one with the error, enters with the right one', async () => {
    const { el } = await fixtureRoom({ accessCode: 'otter' }, { prejoin: true });
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const code = await until('the code field', () => $<HTMLInputElement>(el, 'input[name="access-code"]'));
    expect($(el, '.hint')!.textContent).to.equal('This room is locked. Enter the access code you were given.');
    await until('focus on the code', () => el.shadowRoot!.activeElement === code);
    type(code, 'beaver');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until(
      'the error',
      () => $(el, '[role="alert"]')?.textContent === 'That access code is not right. Check it and try again.',
    );
    const wrong = $<HTMLInputElement>(el, 'input[name="access-code"]')!;
    expect(wrong.value).to.equal('beaver');
    expect(wrong.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    type(wrong, 'otter');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await until('in the room', () => $(el, '[part~="stage"]'));
  });

  it('speaks Spanish when the page says so', async () => {
    const { el } = await fixtureRoom({}, { prejoin: true, lang: 'es' });
    expect($(el, 'label[for]')!.textContent).to.contain('Tu nombre');
    expect($(el, 'button[type="submit"]')!.textContent?.trim()).to.equal('Entrar');
  });
});
