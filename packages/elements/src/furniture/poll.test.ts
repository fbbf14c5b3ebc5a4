import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { POLL_TOPIC } from '@convene/server/contract';
import { testStack, until } from '../testing/stack.js';
import type { ConveneRoom } from '../components/room/room.component.js';
import '../components/room/convene-room.js';
import { defineFurniture } from './registry.js';
import { ConveneNotesInsertEvent } from './kinds/poll-events.js';

/** The `poll` kind in real rooms: two people, a real livekit-server and the Convene server keeping the polls. */
const SPACE = 'polling';

/** A stand-in for the notes kind (another kind, written apart): it keeps what the poll asks it to insert. */
class TestNotes extends HTMLElement {
  static inserted: string[] = [];
  #root?: Node;
  #listener = (event: Event) => TestNotes.inserted.push((event as ConveneNotesInsertEvent).markdown);
  connectedCallback() {
    this.#root = this.getRootNode();
    this.#root.addEventListener(ConveneNotesInsertEvent.type, this.#listener);
    this.textContent = 'Notes';
  }
  disconnectedCallback() {
    this.#root?.removeEventListener(ConveneNotesInsertEvent.type, this.#listener);
  }
}
defineFurniture('notes', { element: TestNotes, label: 'Notes' });

const $ = <T extends Element = HTMLElement>(el: Element | ShadowRoot | undefined, selector: string) =>
  (el instanceof ShadowRoot ? el : el?.shadowRoot)?.querySelector<T>(selector) ?? undefined;
const text = (el: Element | ShadowRoot | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The poll in `el`'s panel, its tab selected as a person would. */
async function openPoll(el: ConveneRoom) {
  const panel = await until('the furniture panel', () => $(el, 'convene-furniture-panel'));
  const tab = await until('the poll tab', () => $(panel, '[role=tab][data-kind="poll"]'));
  expect(text(tab)).to.equal('Poll');
  tab.click();
  // The first poll of the run waits for the kind's code to load (the dev server builds it then).
  const poll = await until('the poll', () => $(panel, 'convene-furniture-poll'), 40_000);
  await until('the poll read from the server', () => $(poll, '.open-ask') || $(poll, 'p.muted'));
  return poll;
}

async function adaAndBea(room: string, content = html``) {
  const { server } = await testStack();
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <convene-room server=${server} space=${SPACE} room=${room} name="Ada">${content}</convene-room>
      <convene-room server=${server} space=${SPACE} room=${room} name="Bea">${content}</convene-room>
    </div>`,
  );
  const [ada, bea] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
  // Two people, two browsers: each their own guest id (one browser's tabs vote once between them).
  localStorage.clear();
  await ada.join();
  localStorage.clear();
  await bea.join();
  for (const el of [ada, bea])
    await until('two tiles', () => el.shadowRoot!.querySelectorAll('[part~="tile"]').length === 2);
  return { ada, bea, adaPoll: await openPoll(ada), beaPoll: await openPoll(bea) };
}

/** Types into an input as a person would (the input event Lit listens to). */
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Asks through the form: `kind` of question, its choices, and the ballot. */
async function ask(
  poll: HTMLElement,
  question: string,
  { kind = 'choice', choices = [] as string[], ballot = 'secret', results = 'live' } = {},
) {
  $<HTMLButtonElement>(poll, '.open-ask')!.click();
  const input = await until('the question field', () => $<HTMLInputElement>(poll, '#poll-question'));
  type(input, question);
  $<HTMLInputElement>(poll, `input[name="type"][value="${kind}"]`)!.click();
  await (poll as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  while (choices.length > poll.shadowRoot!.querySelectorAll('[part=ask] .row input').length) {
    [...poll.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=ask] button')]
      .find((b) => text(b) === 'Add a choice')!
      .click();
    await (poll as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
  [...poll.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=ask] .row input')].forEach((field, i) =>
    type(field, choices[i] ?? ''),
  );
  $<HTMLInputElement>(poll, `input[name="ballot"][value="${ballot}"]`)!.click();
  $<HTMLInputElement>(poll, `input[name="results"][value="${results}"]`)!.click();
  await (poll as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}
/** Sends the question; done when the form has closed and given the focus back to "Ask a question". */
async function submitAsk(poll: HTMLElement) {
  $<HTMLButtonElement>(poll, '[part=ask] button[type=submit]')!.click();
  await until('the question asked', () => poll.shadowRoot!.activeElement?.classList.contains('open-ask'));
}
const card = (poll: HTMLElement, question: string) =>
  [...poll.shadowRoot!.querySelectorAll<HTMLElement>('[part=poll]')].find(
    (a) => text(a.querySelector('h3')!) === question,
  );
const results = (poll: HTMLElement, question: string) =>
  [...(card(poll, question)?.querySelectorAll('[part=results] li') ?? [])].map((li) =>
    text(li.querySelector('.figure')!),
  );

describe('<convene-furniture-poll> in a room', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  it('asks a secret question, takes a vote and shows the tallies to both; axe-clean asking, voting, with results and closed', async function () {
    this.timeout(90_000);
    const { ada, bea, adaPoll, beaPoll } = await adaAndBea('vote');
    await expect(adaPoll).to.be.accessible();

    await ask(adaPoll, 'Where do we meet next?', { choices: ['Barn', 'Hall', 'Online'] });
    await expect(adaPoll, 'asking').to.be.accessible();
    await submitAsk(adaPoll);

    const ballot = await until('the question at Bea', () => card(beaPoll, 'Where do we meet next?'));
    expect(text(ballot)).to.contain('Secret ballot: nobody, moderators included, can see who voted what.');
    expect(text(ballot)).to.contain(
      'Live results move every 3 votes, so that nobody can tell a vote by when it was cast.',
    );
    expect(text(ballot)).to.contain('Asked by Ada');
    await until('the new question announced at Bea', () =>
      text($(beaPoll, '[role=status]')).includes('New question: Where do we meet next?'),
    );
    const legend = ballot.querySelector('[part=ballot] fieldset legend')!;
    expect(text(legend)).to.equal('Where do we meet next?');
    expect([...ballot.querySelectorAll('[part=ballot] label')].map(text)).to.deep.equal(['Barn', 'Hall', 'Online']);
    expect(ballot.querySelectorAll('[part=ballot] input[type=radio]').length).to.equal(3);
    await expect(beaPoll, 'a ballot').to.be.accessible();

    ballot.querySelector<HTMLInputElement>('input[value="1"]')!.click();
    ballot.querySelector<HTMLButtonElement>('[part=ballot] button[type=submit]')!.click();
    await until('Bea’s vote counted', () => text(card(beaPoll, 'Where do we meet next?')).includes('You have voted.'));
    expect(card(beaPoll, 'Where do we meet next?')!.querySelector('[part=ballot]'), 'no second ballot').to.equal(null);
    // One vote of a step of three: nothing at either page moves, so nobody can tell Bea's vote by its moment.
    for (const poll of [adaPoll, beaPoll]) {
      expect(results(poll, 'Where do we meet next?').join(' | ')).to.equal(
        'Barn 0 votes, 0% | Hall 0 votes, 0% | Online 0 votes, 0%',
      );
      expect(text(card(poll, 'Where do we meet next?'))).to.contain('0 people have voted.');
    }
    await expect(adaPoll, 'results').to.be.accessible();

    // Ada votes too; then closes it: frozen, closed for both, every vote counted.
    const adaCard = card(adaPoll, 'Where do we meet next?')!;
    adaCard.querySelector<HTMLInputElement>('input[value="0"]')!.click();
    adaCard.querySelector<HTMLButtonElement>('[part=ballot] button[type=submit]')!.click();
    await until('Ada’s vote counted', () => text(card(adaPoll, 'Where do we meet next?')).includes('You have voted.'));
    expect($(beaPoll, 'button.close'), 'only the asker or a moderator closes').to.equal(undefined);
    // Close waits (disabled) until Ada's own vote is answered; the room may hear of it first.
    (
      await until('Ada’s close button, enabled', () => {
        const button = $<HTMLButtonElement>(adaPoll, 'button.close');
        return button && !button.disabled ? button : undefined;
      })
    ).click();
    await until('closed at Bea', () => text(card(beaPoll, 'Where do we meet next?')).includes('Asked by Ada · Closed'));
    await until('the closing announced at Bea', () =>
      text($(beaPoll, '[role=status]')).includes('Poll closed: Where do we meet next?'),
    );
    for (const poll of [adaPoll, beaPoll]) {
      await until(
        'the tally, in words and figures',
        () =>
          results(poll, 'Where do we meet next?').join(' | ') ===
          'Barn 1 vote, 50% | Hall 1 vote, 50% | Online 0 votes, 0%',
      );
      expect(text(card(poll, 'Where do we meet next?'))).to.contain('2 people have voted.');
      expect(text(card(poll, 'Where do we meet next?')), 'closed: no steps').not.to.contain('Live results move');
    }
    const bar = card(adaPoll, 'Where do we meet next?')!.querySelector<HTMLElement>(
      '[part=results] li:nth-child(2) [part=bar]',
    )!;
    expect(bar.getAttribute('aria-hidden')).to.equal('true');
    expect(bar.querySelector('span')!.style.width).to.equal('50%');
    // Nothing at Ada's says who chose Hall.
    expect(text(card(adaPoll, 'Where do we meet next?'))).not.to.contain('Bea');
    const buttons = [...card(beaPoll, 'Where do we meet next?')!.querySelectorAll('button')].map(text);
    expect(buttons).to.deep.equal(['Download as Markdown', 'Download as CSV']);
    await expect(beaPoll, 'closed').to.be.accessible();

    // A reload (or a late join) reads the polls from the server: there, closed, with its results.
    await bea.leave();
    await bea.join();
    const again = await openPoll(bea);
    await until('the poll after joining again', () => results(again, 'Where do we meet next?').length === 3);
    expect(text(card(again, 'Where do we meet next?'))).to.contain('Closed');
    expect(text(card(again, 'Where do we meet next?')), 'the server knows her again').to.contain('You have voted.');
    await ada.leave();
    await bea.leave();
  });

  it('changes nothing when a peer sends forged poll data', async function () {
    this.timeout(90_000);
    const { ada, bea, adaPoll, beaPoll } = await adaAndBea('forged');
    await ask(adaPoll, 'Tea or coffee?', { choices: ['Tea', 'Coffee'], ballot: 'named' });
    await submitAsk(adaPoll);
    await until('the question at Bea', () => card(beaPoll, 'Tea or coffee?'));
    const real = (card(beaPoll, 'Tea or coffee?')!.dataset.poll ?? '') as string;

    // Bea's room counts what peers send on the poll's topic, to know the forgeries arrived.
    let forged = 0;
    bea.session!.room!.on('dataReceived', (_payload, participant, _kind, topic) => {
      if (topic === POLL_TOPIC && participant) forged++;
    });
    const asker = { identity: bea.session!.room!.localParticipant.identity, name: 'Bea' };
    const fake = (poll: object) =>
      ada.session!.room!.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ poll })), {
        topic: POLL_TOPIC,
        reliable: true,
      });
    const base = {
      type: 'choice',
      options: ['Tea', 'Coffee'],
      multiple: false,
      ballot: 'named',
      results: 'live',
      asker,
      asked_at: new Date().toISOString(),
    };
    await fake({ ...base, id: real, question: 'Tea or coffee?', voters: 99, tallies: [0, 99] });
    await fake({ ...base, id: 'forgedpoll01', question: 'Forged question', voters: 0, tallies: [0, 0] });
    await fake({
      ...base,
      id: real,
      question: 'Tea or coffee?',
      voters: 100,
      tallies: [0, 100],
      closed_at: new Date().toISOString(),
    });
    await until('the forgeries delivered to Bea', () => forged === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text(beaPoll.shadowRoot!)).not.to.contain('Forged question');
    expect(text(card(beaPoll, 'Tea or coffee?'))).to.contain('0 people have voted.');
    expect(text(card(beaPoll, 'Tea or coffee?'))).to.contain('Open');
    expect(results(beaPoll, 'Tea or coffee?')).to.deep.equal(['Tea 0 votes, 0%', 'Coffee 0 votes, 0%']);

    // The server's word still arrives: Ada's real vote shows, by her name.
    const adaCard = card(adaPoll, 'Tea or coffee?')!;
    adaCard.querySelector<HTMLInputElement>('input[value="0"]')!.click();
    adaCard.querySelector<HTMLButtonElement>('[part=ballot] button[type=submit]')!.click();
    await until('Ada’s real vote at Bea', () => text(card(beaPoll, 'Tea or coffee?')).includes('Ada: Tea'));
    expect(results(beaPoll, 'Tea or coffee?')).to.deep.equal(['Tea 1 vote, 100%', 'Coffee 0 votes, 0%']);
    expect(text(beaPoll.shadowRoot!)).not.to.contain('Forged question');
    await ada.leave();
    await bea.leave();
  });

  it('takes a fist-of-five vote from the keyboard alone', async function () {
    this.timeout(90_000);
    const { ada, bea, adaPoll, beaPoll } = await adaAndBea('keys');
    await ask(adaPoll, 'How ready are we?', { kind: 'fist', ballot: 'named' });
    await submitAsk(adaPoll);
    const ballot = await until('the question at Bea', () => card(beaPoll, 'How ready are we?'));
    expect([...ballot.querySelectorAll('[part=ballot] label')].map(text)).to.deep.equal([
      '0: no, I block this',
      '1: serious concerns',
      '2: concerns to discuss',
      '3: I can live with it',
      '4: good',
      '5: fully in favour',
    ]);
    // Into the ballot as a keyboard user arrives there: the first answer takes the focus.
    ballot.querySelector<HTMLInputElement>('input[value="0"]')!.focus();
    const focused = () => beaPoll.shadowRoot!.activeElement as HTMLElement | null;
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect((focused() as HTMLInputElement).value).to.equal('3');
    expect((focused() as HTMLInputElement).checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(text(focused()!)).to.equal('Vote');
    await sendKeys({ press: 'Enter' });
    await until('Bea’s vote counted, with the focus on it', () => focused()?.dataset.voted);
    expect(text(focused()!)).to.equal('You chose 3: I can live with it.');
    await until(
      'the tally at Ada',
      () => results(adaPoll, 'How ready are we?')[3] === '3: I can live with it 1 vote, 100%',
    );
    await ada.leave();
    await bea.leave();
  });

  it('offers the results to the room’s notes, as Markdown, when the room has notes', async function () {
    this.timeout(90_000);
    TestNotes.inserted = [];
    const content = html`<convene-furniture kind="video-bridge"></convene-furniture
      ><convene-furniture kind="poll" settings='{"anyone":true}'></convene-furniture
      ><convene-furniture kind="notes"></convene-furniture>`;
    const { ada, bea, adaPoll, beaPoll } = await adaAndBea('minutes', content);
    await ask(adaPoll, 'Adopt the budget?', { kind: 'consent', ballot: 'named' });
    await submitAsk(adaPoll);
    const ballot = await until('the question at Bea', () => card(beaPoll, 'Adopt the budget?'));
    expect([...ballot.querySelectorAll('[part=ballot] fieldset label')].map(text)).to.deep.equal([
      'Consent',
      'Concern',
      'Object',
    ]);
    ballot.querySelector<HTMLInputElement>('input[value="1"]')!.click();
    type(ballot.querySelector('textarea')!, 'The roof first.');
    await expect(beaPoll, 'a consent ballot').to.be.accessible();
    ballot.querySelector<HTMLButtonElement>('[part=ballot] button[type=submit]')!.click();
    await until('Bea’s concern at Ada', () =>
      text(card(adaPoll, 'Adopt the budget?')).includes('Bea: Concern (The roof first.)'),
    );
    const insert = await until('the insert button', () =>
      card(adaPoll, 'Adopt the budget?')!.querySelector<HTMLButtonElement>('button.insert'),
    );
    expect(text(insert)).to.equal('Insert into notes');
    insert.click();
    await until('the notes got it', () => TestNotes.inserted.length === 1);
    const markdown = TestNotes.inserted[0]!;
    expect(markdown).to.contain('### Adopt the budget?');
    expect(markdown).to.contain('| Concern | 1 | 100% |');
    expect(markdown).to.contain('- Bea: Concern (The roof first.)');
    expect(TestNotes.inserted.length, 'only the notes of Ada’s own room').to.equal(1);
    await ada.leave();
    await bea.leave();
  });
});
