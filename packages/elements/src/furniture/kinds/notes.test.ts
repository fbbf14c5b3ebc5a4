import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { Room } from 'livekit-client';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneRoom } from '../../components/room/room.component.js';
import '../../components/room/convene-room.js';
import { NOTES_ROOT, NOTES_STREAM_TOPIC, NOTES_TOPIC } from './notes-provider.js';
import { ConveneNotesInsertEvent } from './poll-events.js';

/** The shared notes between real participants on a real livekit-server (the `minutes` space of the test config). */
const SPACE = 'minutes';

const $ = <T extends Element = HTMLElement>(el: Element | ShadowRoot | undefined, selector: string) =>
  (el instanceof Element ? el.shadowRoot : el)?.querySelector<T>(selector) ?? undefined;
const identityOf = (el: ConveneRoom) => el.session?.room?.localParticipant.identity ?? '';

/** A person in `room`, in their own `<convene-room>` on this page, with the notes tab open. */
async function person(room: string, name: string) {
  const { server } = await testStack();
  const el = await fixture<ConveneRoom>(
    html`<convene-room server=${server} space=${SPACE} room=${room} name=${name}></convene-room>`,
  );
  await el.join();
  const panel = await until('the furniture panel', () => $(el, 'convene-furniture-panel'));
  const tab = await until('the notes tab', () => $(panel, '[role=tab][data-kind="notes"]'));
  tab.click();
  const notes = await until('the notes', () => $(panel, 'convene-furniture-notes')?.shadowRoot);
  const textarea = await until('the editor', () => notes.querySelector('textarea'));
  return { el, notes, textarea, tab, identity: identityOf(el) };
}
type Person = Awaited<ReturnType<typeof person>>;

/** Types `text` at the end of the textarea as a person would (an `input` event), without a keyboard. */
function typeAtEnd({ textarea }: Person, text: string) {
  textarea.setRangeText(text, textarea.value.length, textarea.value.length, 'end');
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
}
function typeAtStart({ textarea }: Person, text: string) {
  textarea.setRangeText(text, 0, 0, 'end');
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
}

/** The text every one of `people` sees, when they all see the same (and it is `text`, when given); else ''. */
const same = (people: Person[], text?: string): string => {
  const values = people.map((p) => p.textarea.value);
  const first = values[0] ?? '';
  return values.every((v) => v === first) && (text === undefined || first === text) ? first : '';
};

/** A participant without Convene's page: livekit-client alone, sending what it likes on the notes' topics. */
async function rawParticipant(room: string, name: string) {
  const { server } = await testStack();
  const response = await fetch(`${server}/api/spaces/${SPACE}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: name }),
  });
  const token = (await response.json()) as { server_url: string; participant_token: string };
  const raw = new Room();
  await raw.connect(token.server_url, token.participant_token);
  return raw;
}

/** A notes message as the provider frames it: the channel, then the sync message type and payload. */
function frame(channel: number, type: number | undefined, payload: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, channel);
  if (type !== undefined) encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}
const SYNC = 0;
const AWARENESS = 1;
const JOIN = 2;
const STEP2 = 1;
const UPDATE = 2;

describe('notes: minutes written together', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  it('a poll’s “Insert into notes” lands at the end of the shared notes, for everyone', async function () {
    this.timeout(60_000);
    const ada = await person('insert', 'Ada');
    const bea = await person('insert', 'Bea');
    typeAtEnd(ada, '# Minutes\n\nBudget discussed.');
    await until('the minutes at Bea', () => same([ada, bea], '# Minutes\n\nBudget discussed.'));
    // What the poll kind fires, from beside the notes in the furniture panel (here: the notes' tab).
    ada.tab.dispatchEvent(new ConveneNotesInsertEvent('### Adopt the budget?\n\n| Consent | 2 | 100% |'));
    const expected = '# Minutes\n\nBudget discussed.\n\n### Adopt the budget?\n\n| Consent | 2 | 100% |\n';
    await until('the results in both people’s notes', () => same([ada, bea], expected));
    await ada.el.leave();
    await bea.el.leave();
  });

  it('two people typing at once end with the same text, see each other’s caret under their server names, and hear who came', async function () {
    this.timeout(90_000);
    const ada = await person('notes', 'Ada');
    const bea = await person('notes', 'Bea');
    await until('Bea in Ada’s notes', () => ada.notes.querySelector('[part=present]')?.textContent?.includes('Bea'));
    await until('Ada announced to Bea, politely', () =>
      bea.notes.querySelector('[role=status]')?.textContent?.includes('Ada is in the notes'),
    );
    expect(ada.notes.querySelector('[part=keep]')?.textContent).to.contain('not kept after the meeting');

    // Both type in the same moments, at either end and in the middle of each other's words.
    for (let i = 0; i < 20; i++) {
      typeAtEnd(ada, `a${i} `);
      typeAtStart(bea, `b${i} `);
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20));
    }
    const text = await until('the same text at both', () => same([ada, bea]));
    for (let i = 0; i < 20; i++) {
      expect(text).to.contain(`a${i} `);
      expect(text).to.contain(`b${i} `);
    }
    // a0 … a9 are 3 characters with their space, a10 … a19 are 4; the same for b.
    expect(text.length).to.equal(2 * (10 * 3 + 10 * 4));

    // Ada's caret, at Bea's, named as the server named her.
    ada.textarea.focus();
    ada.textarea.setSelectionRange(3, 3);
    ada.textarea.dispatchEvent(new Event('select'));
    const flag = await until('Ada’s caret at Bea’s', () =>
      bea.notes.querySelector(`.caret[data-identity="${ada.identity}"] .flag`),
    );
    expect(flag.textContent).to.equal('Ada');
    const box = flag.getBoundingClientRect();
    const editor = bea.notes.querySelector('[part=editor]')!.getBoundingClientRect();
    expect(box.width, 'the name is shown').to.be.greaterThan(10);
    expect(box.top >= editor.top && box.left >= editor.left && box.right <= editor.right).to.equal(true);
    await expect(bea.el).to.be.accessible();
    await ada.el.leave();
    await until('Ada’s leaving announced', () =>
      bea.notes.querySelector('[role=status]')?.textContent?.includes('Ada left the notes'),
    );
    await bea.el.leave();

    // Not kept: once the last person has left, the next meeting starts with empty notes.
    const cy = await person('notes', 'Cy');
    await until('Cy alone in the notes', () =>
      cy.notes.querySelector('[part=present]')?.textContent?.includes('Nobody else'),
    );
    expect(cy.textarea.value, 'nothing of the last meeting').to.equal('');
    await cy.el.leave();
  });

  it('undoes and redoes this person’s own edits only, with the keyboard, after others have edited', async function () {
    this.timeout(90_000);
    const ada = await person('undo', 'Ada');
    const bea = await person('undo', 'Bea');
    ada.textarea.focus();
    // One edit (typing fast enough to be one step of undo, however loaded the machine is).
    typeAtEnd(ada, 'Budget agreed');
    await until('Ada’s words at Bea’s', () => same([ada, bea], 'Budget agreed'));
    typeAtStart(bea, '# Minutes\n');
    await until('Bea’s heading at Ada’s', () => same([ada, bea], '# Minutes\nBudget agreed'));
    expect(ada.notes.activeElement, 'Ada still in the editor').to.equal(ada.textarea);
    await chord(['Control'], 'z');
    await until('Ada’s words undone at both, Bea’s heading kept', () => same([ada, bea], '# Minutes\n'));
    expect(ada.textarea.selectionStart, 'the caret where the undone words were').to.equal('# Minutes\n'.length);
    await chord(['Control', 'Shift'], 'z');
    await until('and redone at both', () => same([ada, bea], '# Minutes\nBudget agreed'));
    // Bea's own undo takes back her heading, never Ada's words.
    bea.textarea.focus();
    await chord(['Control'], 'z');
    await until('Bea’s heading undone at both', () => same([ada, bea], 'Budget agreed'));
    await ada.el.leave();
    await bea.el.leave();
  });

  it('leaves an input method’s composition alone while others edit, then shares the composed text', async function () {
    this.timeout(90_000);
    const ada = await person('compose', 'Ada');
    const bea = await person('compose', 'Bea');
    typeAtEnd(ada, 'Notes: ');
    await until('the start at both', () => same([ada, bea], 'Notes: '));
    // Bea's next edit, as it reaches Ada's room (a notes update: channel 0, message 2).
    let updates = 0;
    ada.el.session!.room!.on('dataReceived', (payload, participant, _kind, topic) => {
      if (
        topic === NOTES_TOPIC &&
        participant?.identity === bea.identity &&
        payload[0] === SYNC &&
        payload[1] === UPDATE
      )
        updates++;
    });
    // What Chromium's input method sends while composing 日本 at the end of Ada's text.
    const { textarea } = ada;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    const composing = (data: string, from: number) => {
      textarea.setRangeText(data, from, textarea.value.length, 'end');
      textarea.dispatchEvent(
        new InputEvent('input', {
          bubbles: true,
          composed: true,
          inputType: 'insertCompositionText',
          data,
          isComposing: true,
        }),
      );
    };
    textarea.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true, data: '' }));
    composing('に', 7);
    await (ada.notes.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(ada.notes.querySelector('.backdrop')?.textContent, 'the composition is shown').to.contain('Notes: に');
    typeAtStart(bea, 'Bea: ');
    await until('Bea’s edit in Ada’s room', () => updates > 0);
    await (ada.notes.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(textarea.value, 'the textarea untouched while composing').to.equal('Notes: に');
    composing('日本', 7);
    textarea.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '日本' }));
    await until('both texts whole at both', () => same([ada, bea], 'Bea: Notes: 日本'));
    expect(textarea.selectionStart, 'the caret after the composed text').to.equal('Bea: Notes: 日本'.length);
    await ada.el.leave();
    await bea.el.leave();
  });

  it('a late joiner gets the notes from those present, and downloads them as Markdown', async function () {
    this.timeout(90_000);
    const ada = await person('late', 'Ada');
    const bea = await person('late', 'Bea');
    typeAtEnd(ada, '# Minutes\n\n- [x] Welcome\n');
    typeAtEnd(bea, '- [ ] Budget\n');
    const text = await until('the text at both', () => {
      const both = same([ada, bea]);
      return both.includes('Welcome') && both.includes('Budget') ? both : '';
    }).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify([ada.textarea.value, bea.textarea.value])}`);
    });
    // A long paste goes in pieces, and arrives whole.
    typeAtEnd(ada, `${'Long line of minutes. '.repeat(2000)}\n`);
    const long = await until('the paste at Bea’s', () => (same([ada, bea]).length > 40_000 ? same([ada, bea]) : ''));
    expect(long.startsWith(text)).to.equal(true);

    const cy = await person('late', 'Cy');
    await until('the notes at Cy’s', () => same([ada, bea, cy], long));
    await until('Cy sees who else writes', () => {
      const present = cy.notes.querySelector('[part=present]')?.textContent ?? '';
      return present.includes('Ada') && present.includes('Bea');
    });
    // The coloured copy behind the textarea wraps as the typed text does: the textarea, as tall as that
    // copy, holds all its lines (a different wrapping would make it taller or shorter than its text).
    const backdrop = cy.notes.querySelector<HTMLElement>('.backdrop')!;
    expect(backdrop.offsetHeight).to.be.greaterThan(1000);
    expect(Math.abs(cy.textarea.scrollHeight - cy.textarea.clientHeight)).to.be.at.most(2);
    expect(Math.abs(cy.textarea.clientHeight - backdrop.offsetHeight)).to.be.at.most(2);
    typeAtEnd(cy, 'Cy was here.');
    await until('Cy’s words at everyone', () => same([ada, bea, cy], `${long}Cy was here.`));

    let link: HTMLAnchorElement | undefined;
    cy.notes.addEventListener(
      'click',
      (event) => {
        if (event.target instanceof HTMLAnchorElement) {
          event.preventDefault();
          link = event.target;
        }
      },
      true,
    );
    cy.notes.querySelector<HTMLButtonElement>('[part=download]')!.click();
    expect(link?.download).to.match(/^minutes-late-\d{4}-\d\d-\d\d\.md$/);
    const saved = await (await fetch(link!.href)).text();
    expect(saved).to.equal(`${long}Cy was here.`);
    for (const p of [ada, bea, cy]) await p.el.leave();
  });

  it('a malformed, oversized or foreign update sent by a participant changes nothing for anyone; names are the server’s', async function () {
    this.timeout(90_000);
    const ada = await person('bad', 'Ada');
    const bea = await person('bad', 'Bea');
    typeAtEnd(ada, 'Agenda');
    await until('the agenda at both', () => same([ada, bea], 'Agenda'));

    const mallory = await rawParticipant('bad', 'Mallory');
    // What Mallory sends is weighed once the others know who sends it (LiveKit tells them).
    await until('Mallory in the room for both', () =>
      [ada, bea].every((p) => p.el.session?.room?.remoteParticipants.has(mallory.localParticipant.identity)),
    );
    const send = (bytes: Uint8Array<ArrayBuffer>) =>
      mallory.localParticipant.publishData(bytes, { reliable: true, topic: NOTES_TOPIC });
    const updateOf = (change: (doc: Y.Doc) => void) => {
      const doc = new Y.Doc();
      change(doc);
      return Y.encodeStateAsUpdate(doc);
    };
    // Garbage, framed and not.
    await send(new Uint8Array([9, 9, 9, 9]));
    await send(new Uint8Array([SYNC, UPDATE, 40, 1, 2, 3]));
    await send(frame(SYNC, UPDATE, new Uint8Array([1, 200, 3, 4, 5, 6, 7, 8, 9, 10])));
    // Valid Yjs, but not plain text in the notes: formatting, another shared type, an embed.
    await send(
      frame(
        SYNC,
        UPDATE,
        updateOf((d) => d.getText(NOTES_ROOT).insert(0, 'EVIL-FORMAT ', { bold: true })),
      ),
    );
    await send(
      frame(
        SYNC,
        UPDATE,
        updateOf((d) => d.getText('other').insert(0, 'EVIL-OTHER')),
      ),
    );
    await send(
      frame(
        SYNC,
        UPDATE,
        updateOf((d) => d.getMap(NOTES_ROOT).set('x', 'EVIL-MAP')),
      ),
    );
    // Plain text, but more than one update may carry (a byte stream, as a big one would come).
    const oversized = frame(
      SYNC,
      UPDATE,
      updateOf((d) => d.getText(NOTES_ROOT).insert(0, 'X'.repeat(70_000))),
    );
    await mallory.localParticipant.sendBytes(oversized, { topic: NOTES_STREAM_TOPIC });
    // An awareness state that names itself "Ada": shown under the server's name, Mallory.
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, 1);
    encoding.writeVarUint(awareness, 4242);
    encoding.writeVarUint(awareness, 1);
    encoding.writeVarString(awareness, JSON.stringify({ name: 'Ada', cursor: null }));
    await send(frame(AWARENESS, undefined, encoding.toUint8Array(awareness)));

    // Then a proper edit by the same sender: ask Ada for the document (as a newcomer does), add to it.
    const doc = new Y.Doc();
    const answered = new Promise<void>((resolve) => {
      mallory.on('dataReceived', (payload, _participant, _kind, topic) => {
        if (topic !== NOTES_TOPIC) return;
        const decoder = decoding.createDecoder(payload);
        if (decoding.readVarUint(decoder) !== SYNC || decoding.readVarUint(decoder) !== STEP2) return;
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
        resolve();
      });
    });
    // Asked again every 2 seconds until Ada answers (a fresh participant's first packets may wait for its connection).
    const ask = () =>
      mallory.localParticipant.publishData(frame(JOIN, undefined, Y.encodeStateVector(doc)), {
        reliable: true,
        topic: NOTES_TOPIC,
        destinationIdentities: [ada.identity],
      });
    const asking = setInterval(() => void ask(), 2000);
    await ask();
    await Promise.race([
      answered,
      new Promise((_, reject) => setTimeout(() => reject(new Error('Ada never answered Mallory’s step 1')), 15_000)),
    ]).finally(() => clearInterval(asking));
    expect(doc.getText(NOTES_ROOT).toString()).to.equal('Agenda');
    const before = Y.encodeStateVector(doc);
    doc.getText(NOTES_ROOT).insert(6, ' for today');
    await send(frame(SYNC, UPDATE, Y.encodeStateAsUpdate(doc, before)));

    await until('Mallory’s proper edit at both', () => same([ada, bea], 'Agenda for today'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(same([ada, bea], 'Agenda for today'), 'nothing else came through').to.be.ok;
    const present = bea.notes.querySelector('[part=present]')?.textContent ?? '';
    expect(present).to.contain('Mallory');
    expect(present.match(/Ada/g)?.length ?? 0, 'nobody else is called Ada').to.equal(1);
    // The notes still work both ways.
    typeAtEnd(bea, '.');
    await until('Bea’s edit at Ada’s', () => same([ada, bea], 'Agenda for today.'));
    await mallory.disconnect();
    await ada.el.leave();
    await bea.el.leave();
  });

  it('keeps the notes for the next meeting when the room says so: everyone leaves, someone comes later and finds them', async function () {
    this.timeout(90_000);
    const ada = await person('kept', 'Ada');
    expect(ada.notes.querySelector('[part=keep]')?.textContent).to.contain('Kept for the next meeting');
    typeAtEnd(ada, '# Decisions\n- Buy the barn\n');
    await ada.el.leave();

    // What the server keeps (read with a token of our own, as a page does).
    const { server } = await testStack();
    const token = await readerToken(server, 'kept');
    const kept = await until('the notes kept', async () => {
      const response = await fetch(`${server}/api/spaces/${SPACE}/rooms/kept/notes`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const { snapshot } = (await response.json()) as { snapshot: string | null };
      return snapshot;
    });
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      Uint8Array.from(atob(kept), (c) => c.charCodeAt(0)),
    );
    expect(doc.getText(NOTES_ROOT).toString()).to.equal('# Decisions\n- Buy the barn\n');

    const bea = await person('kept', 'Bea');
    await until('the kept notes at Bea’s', () => same([bea], '# Decisions\n- Buy the barn\n'));
    await expect(bea.el).to.be.accessible();
    await bea.el.leave();
  });

  it('is edited with the keyboard alone: lists continue, Tab indents, Escape then Tab leaves', async function () {
    this.timeout(90_000);
    const ada = await person('keys', 'Ada');
    const bea = await person('keys', 'Bea');
    ada.tab.focus();
    for (let i = 0; i < 6 && ada.notes.activeElement !== ada.textarea; i++) await sendKeys({ press: 'Tab' });
    expect(ada.notes.activeElement, 'Tab reaches the editor').to.equal(ada.textarea);
    expect(ada.textarea.getAttribute('aria-label')).to.equal('Shared notes, in Markdown');
    await sendKeys({ type: '# Minutes' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '- [ ] call the bank' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'book the hall' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ask Bea' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Next' });
    const expected = '# Minutes\n- [ ] call the bank\n- [ ] book the hall\n  - [ ] ask Bea\nNext';
    expect(ada.textarea.value).to.equal(expected);
    await until('the same at Bea’s', () => same([ada, bea], expected));
    // The highlighting behind shows the same characters, coloured.
    const backdrop = ada.notes.querySelector('.backdrop')!;
    expect(backdrop.textContent?.replace(/\u200b$/, '')).to.equal(expected);
    expect(backdrop.querySelectorAll('.md-box').length).to.equal(3);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(ada.notes.activeElement, 'out of the editor').to.not.equal(ada.textarea);
    expect(ada.textarea.value, 'that Tab indented nothing').to.equal(expected);
    await expect(ada.el).to.be.accessible();
    await ada.el.leave();
    await bea.el.leave();
  });
});

/** Presses `key` with `modifiers` held, as a person's shortcut (the keyboard command takes one key at a time). */
async function chord(modifiers: string[], key: string) {
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of modifiers.reverse()) await sendKeys({ up: modifier });
}

/** A token for `room` of our own (a guest), for reading the kept notes as a page would. */
async function readerToken(server: string, room: string): Promise<string> {
  const response = await fetch(`${server}/api/spaces/${SPACE}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: 'Reader' }),
  });
  return ((await response.json()) as { participant_token: string }).participant_token;
}
