import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { testStack, until } from '../testing/stack.js';
import type { ConveneRoom } from '../components/room/room.component.js';
import '../components/room/convene-room.js';

/** Furniture's side of the room: what `spotlight` and `hand-raise` do to `<convene-room>`'s stage. */
const SPACE = 'furnished';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot?.querySelector<T>(selector) ?? undefined;
const tile = (el: ConveneRoom, identity: string) => $(el, `[part~="tile"][data-identity="${identity}"]`);
const pinned = (el: ConveneRoom) => $(el, '[part~="tile"][part~="pinned"]');
const announced = (el: ConveneRoom) => $(el, '[aria-live="polite"]')?.textContent?.trim() ?? '';
const identityOf = (el: ConveneRoom) => el.session?.room?.localParticipant.identity ?? '';

/** A piece of furniture in `el`'s panel, with its tab selected as a person would. */
async function open(el: ConveneRoom, kind: string) {
  const panel = await until('the furniture panel', () => $(el, 'convene-furniture-panel'));
  const tab = await until(`the ${kind} tab`, () => $(panel, `[role=tab][data-kind="${kind}"]`));
  tab.click();
  return until(`the ${kind}`, () => $(panel, `convene-furniture-${kind}`)?.shadowRoot);
}

/** Ada and Bea, each in their own `<convene-room>` on this page, in `room` (a room of the furnished space). */
async function adaAndBea(room: string) {
  const { server } = await testStack();
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <convene-room server=${server} space=${SPACE} room=${room} name="Ada"></convene-room>
      <convene-room server=${server} space=${SPACE} room=${room} name="Bea"></convene-room>
    </div>`,
  );
  const [ada, bea] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
  await ada.join();
  await bea.join();
  for (const el of [ada, bea])
    await until('two tiles', () => el.shadowRoot!.querySelectorAll('[part~="tile"]').length === 2);
  return { ada, bea, a: identityOf(ada), b: identityOf(bea) };
}

describe('<convene-room> with furniture', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  it('pins whoever the spotlight names on everyone’s stage, with a badge and an announcement; unpins on clear and when they leave', async function () {
    this.timeout(60_000);
    const { ada, bea, a, b } = await adaAndBea('spotlight'); // a room whose settings let anyone choose
    const spotlight = await open(ada, 'spotlight');
    const pin = () =>
      until('Ada’s Spotlight button for Bea', () =>
        spotlight.querySelector<HTMLButtonElement>(`[data-identity="${b}"]`),
      );
    (await pin()).click();
    for (const el of [ada, bea]) {
      const you = el === bea ? 'Bea (you)' : 'Bea';
      const big = await until(`Bea pinned at ${el === ada ? 'Ada' : 'Bea'}`, () => pinned(el));
      expect(big.dataset.identity).to.equal(b);
      const badge = big.querySelector('[part~="spotlight"]')!;
      expect(badge.textContent?.trim()).to.equal('Spotlight');
      expect(badge.getAttribute('aria-label')).to.equal(`${you} is in the spotlight`);
      // What a person sees: Bea's tile across the stage, Ada's in a strip below it.
      const other = tile(el, a)!.getBoundingClientRect();
      const rect = big.getBoundingClientRect();
      expect(rect.width, 'the pinned tile is the large one').to.be.greaterThan(other.width * 2);
      expect(other.top, 'the others below it').to.be.at.least(rect.bottom);
      await until('the announcement', () => announced(el) === `${you} is in the spotlight`);
    }
    await expect(ada).to.be.accessible();

    spotlight.querySelector<HTMLButtonElement>('button.clear')!.click();
    for (const el of [ada, bea]) {
      await until('the pin gone', () => !pinned(el));
      await until('the clearing announced', () => announced(el) === 'Spotlight cleared');
      expect($(el, '.stage-area')!.classList.contains('pinning')).to.equal(false);
    }

    (await pin()).click();
    await until('Bea pinned again at Ada', () => pinned(ada)?.dataset.identity === b);
    await bea.leave();
    await until('the pin gone with Bea', () => !pinned(ada) && !tile(ada, b));
    await until('Bea’s leaving announced, not a second time as the spotlight', () => announced(ada) === 'Bea left');
    await ada.leave();
  });

  it('floats a reaction over the sender’s tile for everyone, briefly, and not in the way', async function () {
    this.timeout(60_000);
    const { ada, bea, a } = await adaAndBea('hands');
    const hands = await open(ada, 'hand-raise');
    const heard = await open(bea, 'hand-raise');
    hands.querySelector<HTMLButtonElement>('[aria-label="React with 👍"]')!.click();
    for (const el of [bea, ada]) {
      const emoji = await until('👍 over Ada’s tile', () => tile(el, a)?.querySelector('[part~="reactions"] span'));
      expect(emoji.textContent).to.equal('👍');
      const over = tile(el, a)!.getBoundingClientRect();
      const at = emoji.getBoundingClientRect();
      expect(at.top >= over.top && at.bottom <= over.bottom && at.left >= over.left && at.right <= over.right).to.equal(
        true,
      );
      expect(Number(getComputedStyle(emoji).opacity)).to.be.greaterThan(0);
      const layer = emoji.parentElement!;
      expect(getComputedStyle(layer).pointerEvents).to.equal('none');
      expect(layer.getAttribute('aria-hidden')).to.equal('true');
    }
    // Screen readers hear it once, from the hand-raise's status; inside a room nothing floats there too.
    await until('the reaction in Bea’s hand-raise status', () =>
      heard.querySelector('[role=status]')?.textContent?.includes('Ada reacted 👍'),
    );
    expect(heard.querySelector('.floating'), 'no second float in the panel').to.equal(null);
    expect(announced(bea)).to.not.contain('reacted');
    await until('the reaction gone', () => !tile(bea, a)?.querySelector('[part~="reactions"] span'), 5000);
    await expect(bea).to.be.accessible();
    await ada.leave();
    await bea.leave();
  });

  it('keeps several reactions on a tile at once, five at most, and only fades them for reduced motion', async function () {
    this.timeout(60_000);
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const { ada, bea, a } = await adaAndBea('noise');
      const hands = await open(ada, 'hand-raise');
      // The hand-raise lets a sender five at once; over Ada's own tile, every one of hers shows.
      for (const emoji of ['👍', '👏', '❤️', '😂', '🎉', '🙋']) {
        hands.querySelector<HTMLButtonElement>(`[aria-label="React with ${emoji}"]`)!.click();
      }
      const floating = () => [...(tile(ada, a)?.querySelectorAll('[part~="reactions"] span') ?? [])];
      await until('the reactions over Ada’s own tile', () => floating().length === 5);
      expect(floating().map((s) => s.textContent)).to.deep.equal(['👏', '❤️', '😂', '🎉', '🙋']);
      expect(new Set(floating().map((s) => s.getAttribute('data-slot'))).size, 'each in its own place').to.equal(5);
      expect(getComputedStyle(floating()[0]!).animationName).to.equal('fade');
      await until('Bea sees them too', () => tile(bea, a)?.querySelector('[part~="reactions"] span'));
      await ada.leave();
      await bea.leave();
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
