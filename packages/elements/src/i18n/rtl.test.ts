import { expect, fixture, html } from '@open-wc/testing';
import type { Directory } from '@convene/server/contract';
import { FixedDirectory } from '../components/space/directory.js';
import type { ConveneSpace } from '../components/space/space.component.js';
import '../components/space/convene-space.js';
import { $, $$, fixtureRoom } from '../testing/room-view.js';
import { until } from '../testing/stack.js';

/** Where an element sits on the screen. */
const box = (el: Element) => el.getBoundingClientRect();

/** Where the text inside an element starts and ends on the screen (not the box it sits in). */
function textBox(el: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect();
}

/** Whether an element is drawn turned round (`scaleX(-1)`). */
const turned = (el: Element) => new DOMMatrix(getComputedStyle(el).transform).a === -1;

const directory: Directory = {
  space: 'river-coop',
  name: 'تعاونية النهر',
  entrance: 'lobby',
  presence: 'live',
  rooms: [
    { slug: 'lobby', name: 'الردهة', access: 'public', furniture: [], count: 2, people: [] },
    { slug: 'workshop', name: 'الورشة', access: 'locked', furniture: [], count: 0 },
    { slug: 'cafe', name: 'المقهى', access: 'public', capacity: 12, furniture: [], count: 11 },
  ],
};

async function fixtureSpace(lang: string, room = '') {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 900px" lang=${lang}>
      <convene-space
        space="river-coop"
        room=${room}
        navigation="none"
        .source=${new FixedDirectory({ status: 'ready', directory, stale: false })}
      ></convene-space>
    </div>`,
  );
  const el = wrapper.querySelector<ConveneSpace>('convene-space')!;
  await el.updateComplete;
  return el;
}

describe('right to left (Arabic)', () => {
  it('lays pre-join out from the right when the page speaks Arabic, and left to right in English', async () => {
    const { el } = await fixtureRoom({}, { prejoin: true, lang: 'ar' });
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    const preview = $(el, '.preview-column')!;
    const form = $(el, 'form')!;
    // The preview comes first, so it stands at the right, the form at its left.
    expect(box(preview).left).to.be.greaterThan(box(form).right - 1);
    const [camera, microphone] = $$(el, '.toggles button');
    expect(box(camera!).left).to.be.greaterThan(box(microphone!).right - 1);
    // The name's label starts at the right edge of the form (text-align start).
    const label = form.querySelector('label')!;
    expect(label.textContent).to.equal('اسمك');
    expect(box(form).right - textBox(label).right).to.be.lessThan(2);
    expect(textBox(label).left - box(form).left).to.be.greaterThan(100);
    await expect(el).to.be.accessible();

    const { el: english } = await fixtureRoom({}, { prejoin: true, lang: 'en' });
    expect(english.hasAttribute('dir')).to.equal(false);
    expect(box($(english, '.preview-column')!).right).to.be.lessThan(box($(english, 'form')!).left + 1);
  });

  it('puts the controls right to left in the room and turns the leave arrow round; self-view stays as it was', async () => {
    const { el } = await fixtureRoom({ people: [{ name: 'Ada' }] }, { lang: 'ar' });
    const controls = $$(el, '[part~="control"]');
    expect(controls.map((c) => c.dataset.control).slice(0, 2)).to.deep.equal(['microphone', 'camera']);
    expect(box(controls[0]!).left).to.be.greaterThan(box(controls[1]!).right - 1);
    expect(turned($(el, '[data-control="leave"] .icon')!)).to.equal(true);
    expect(turned($(el, '[data-control="camera"] .icon')!)).to.equal(false);
    const self = await until('my own picture', () => $(el, 'video.mirror'));
    expect(turned(self)).to.equal(true);
    const others = $$(el, 'video').filter((v) => !v.classList.contains('mirror'));
    expect(others.length).to.be.greaterThan(0);
    expect(others.some(turned)).to.equal(false);
  });

  it('follows the dir around it, and keeps a dir the page put on the element itself', async () => {
    const { el } = await fixtureRoom({}, { prejoin: true, lang: 'ar' });
    const wrapper = el.parentElement!;
    const previewAtLeft = () => box($(el, '.preview-column')!).right < box($(el, 'form')!).left + 1;
    // An Arabic page that says left to right stays left to right.
    wrapper.setAttribute('dir', 'ltr');
    await until('left to right', () => !el.hasAttribute('dir'));
    expect(el.matches(':dir(ltr)')).to.equal(true);
    expect(previewAtLeft()).to.equal(true);
    // Any page that says right to left: the element takes it from around it.
    wrapper.setAttribute('lang', 'en');
    wrapper.setAttribute('dir', 'rtl');
    await until('English', () => $(el, 'form label')?.textContent === 'Your name');
    expect(el.matches(':dir(rtl)')).to.equal(true);
    expect(getComputedStyle(el).direction).to.equal('rtl');
    expect(previewAtLeft()).to.equal(false);
    // English and no dir anywhere: left to right.
    wrapper.removeAttribute('dir');
    await until('left to right again', previewAtLeft);
    // The page's own dir on the element stays, whatever the language.
    el.setAttribute('dir', 'ltr');
    wrapper.setAttribute('lang', 'ar');
    await until('Arabic', () => $(el, 'form label')?.textContent === 'اسمك');
    expect(el.getAttribute('dir')).to.equal('ltr');
    expect(previewAtLeft()).to.equal(true);
    el.removeAttribute('dir');
    await until('right to left once the page takes its dir away', () => el.getAttribute('dir') === 'rtl');
    expect(previewAtLeft()).to.equal(false);
  });

  it('lays the directory out from the right, text from the right, the back arrow pointing right', async () => {
    const el = await fixtureSpace('ar');
    expect(el.getAttribute('dir')).to.equal('rtl');
    const cards = await until('the cards', () =>
      $$(el, '[part="room-card"]').length ? $$(el, '[part="room-card"]') : null,
    );
    // First card at the right, the next one to its left.
    expect(box(cards[0]!).left).to.be.greaterThan(box(cards[1]!).right - 1);
    // The room's name starts at the card's right; the entrance badge follows it, to its left.
    const heading = cards[0]!.querySelector('h3')!;
    const badge = heading.querySelector('.badge')!;
    expect(badge.textContent).to.equal('المدخل');
    expect(box(badge).right).to.be.lessThan(textBox(heading).right - 20);
    const text = [...heading.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
    expect(text.textContent!.trim()).to.equal('الردهة');
    const name = document.createRange();
    name.selectNodeContents(text);
    expect(box(heading).right - name.getBoundingClientRect().right).to.be.lessThan(2);
    expect(name.getBoundingClientRect().left).to.be.greaterThan(box(badge).right - 1);
    // The access icon before its words: at their right.
    const access = cards[0]!.querySelector('.access')!;
    expect(box(access.querySelector('svg')!).left).to.be.greaterThan(box(access.querySelector('span')!).right - 1);
    expect(cards[2]!.querySelector('.capacity')!.textContent!.trim()).to.equal('مكان واحد شاغر من 12');
    await expect(el).to.be.accessible();

    const inRoom = await fixtureSpace('ar', 'lobby');
    const back = await until('the back button', () => $(inRoom, '[part="back"]'));
    expect(turned(back.querySelector('[aria-hidden]')!)).to.equal(true);
    const english = await fixtureSpace('en', 'lobby');
    expect(turned((await until('back', () => $(english, '[part="back"]'))).querySelector('[aria-hidden]')!)).to.equal(
      false,
    );
  });
});
