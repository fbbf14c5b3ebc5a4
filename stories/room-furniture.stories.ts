import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import type { FurnitureEntry, PollView } from '@convene/server/contract';
import type { ConveneRoom } from '@convene/elements';
import {
  fixture,
  people,
  type FixtureChatLine,
  type FixtureScript,
} from '../packages/elements/src/testing/fixture-session.js';

/**
 * The furniture that needs a room (chat, hand-raise, spotlight, breakout tables, notes, polls) in
 * `<convene-room>`, without a server: the room's session is scripted
 * (`packages/elements/src/testing/fixture-session.ts`), and so is the LiveKit room it hands the
 * furniture (who is there, raised hands, seats, the chat so far, a peer in the notes, the polls
 * the server would list), so what renders is each kind's own code. The furniture comes from the
 * room's config (the token response). What the visitor sends goes nowhere; raising a hand or
 * sitting at a table asks a server that is not there, and says so; a vote or a question is
 * answered by the session's fixture polls. `Live/convene-furniture` has the same kinds in a real room.
 */
interface FurnitureArgs {
  name: string;
  lang: '' | 'en' | 'es';
  /** How many people are in the room besides the visitor (unless the script names them). */
  others: number;
  /** Whether the server made the visitor a moderator. */
  moderator: boolean;
  /** The rest of the scripted session: the furniture, hands, chat, seats, spotlight. */
  script: FixtureScript;
}

type Story = StoryObj<FurnitureArgs>;

const meta: Meta<FurnitureArgs> = {
  title: 'Elements/convene-room furniture',
  component: 'convene-room',
  args: { name: 'Sam Rivera', lang: '', others: 3, moderator: false, script: {} },
  argTypes: {
    lang: { control: 'inline-radio', options: ['', 'en', 'es'] },
    others: { control: { type: 'range', min: 0, max: 12 } },
    script: { control: false },
  },
  render: (args) => {
    const script: FixtureScript = {
      ...args.script,
      people: args.script.people ?? people(args.others),
      moderator: args.moderator,
    };
    return html`${keyed(
      JSON.stringify(script),
      html`<convene-room
        server="https://convene.example"
        space="river-coop"
        room="lobby"
        name=${args.name}
        no-prejoin
        lang=${ifDefined(args.lang || undefined)}
        .sessionFactory=${fixture(script)}
      ></convene-room>`,
    )}`;
  },
};
export default meta;

const roomIn = (canvas: HTMLElement) => canvas.querySelector('convene-room') as ConveneRoom;
/** The shadow root of the room's `kind` piece of furniture, once it shows. */
const kindIn = (room: ConveneRoom, kind: string) =>
  room.shadowRoot?.querySelector('convene-furniture-panel')?.shadowRoot?.querySelector(`convene-furniture-${kind}`)
    ?.shadowRoot ?? undefined;
const texts = (root: ShadowRoot | undefined, selector: string) =>
  [...(root?.querySelectorAll(selector) ?? [])].map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** The story's play: in the room, then what its furniture (`kind`, the selected tab) claims to show. */
function shows(kind: string, check: (root: ShadowRoot) => void): Story['play'] {
  return async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await waitFor(() => expect(room.session?.state.value.phase).toBe('connected'), { timeout: 5000 });
    await waitFor(
      () => {
        const root = kindIn(room, kind);
        expect(root).toBeTruthy();
        check(root as ShadowRoot);
      },
      { timeout: 5000 },
    );
  };
}

const piece = (kind: string, settings: Record<string, unknown> = {}, label?: string): FurnitureEntry => ({
  kind,
  settings,
  ...(label ? { label } : {}),
});
const AGENDA = piece('markdown', { text: '# Agenda\n\n1. Welcome\n2. **Budget**\n3. Any other business' }, 'Agenda');
const TABLES = piece('breakout-tables', {
  tables: [
    { slug: 'garden', name: 'Garden' },
    { slug: 'kitchen', name: 'Kitchen' },
    { slug: 'workshop', name: 'Workshop' },
  ],
});

/** Grace, Tomás and Amara talk; the visitor answers. */
const CHAT: FixtureChatLine[] = [
  { from: 0, text: 'Morning all! The agenda is in its tab.' },
  { from: 1, text: 'I can take the minutes today.' },
  { from: 2, text: 'Could we start with the budget? I have to leave at eleven.' },
  { from: 'me', text: 'Yes, budget first. Starting in two minutes.' },
];
const CHAT_ES: FixtureChatLine[] = [
  { from: 0, text: '¡Buenos días! El orden del día está en su pestaña.' },
  { from: 1, text: 'Hoy tomo yo el acta.' },
  { from: 2, text: '¿Empezamos por el presupuesto? Me tengo que ir a las once.' },
  { from: 'me', text: 'Sí, primero el presupuesto. Empezamos en dos minutos.' },
];

/** Five people besides the visitor; three sit at tables. */
const SEATED = people(5).map((person, i) => ({
  ...person,
  ...([0, 3].includes(i) ? { table: 'garden' } : {}),
  ...(i === 1 ? { table: 'kitchen' } : {}),
}));

/** Chat: a few messages from three people and the visitor, with names and times. */
export const Chat: Story = {
  args: { script: { furniture: [piece('chat')], chat: CHAT } },
  play: shows('chat', (root) => {
    expect(root.querySelectorAll('[part~="message"]')).toHaveLength(4);
    expect(texts(root, '[part~="message"] .name')).toEqual([
      'Grace Hopper',
      'Tomás Ortega',
      'Amara Okafor',
      'Sam Rivera (you)',
    ]);
  }),
};

/** Chat before anyone has said anything. */
export const ChatEmpty: Story = {
  args: { script: { furniture: [piece('chat')] } },
  play: shows('chat', (root) => expect(root.querySelectorAll('[part~="message"]')).toHaveLength(0)),
};

/** Hand-raise: three hands up, in the order they went up; the reaction buttons below. */
export const HandQueue: Story = {
  args: { others: 5, script: { furniture: [piece('hand-raise')], hands: [2, 0, 3] } },
  play: shows('hand-raise', (root) =>
    expect(texts(root, '[part="queue"] .who')).toEqual(['Amara Okafor', 'Grace Hopper', 'Li Wei']),
  ),
};

/** Hand-raise for a moderator: a button to lower each hand. */
export const HandQueueModerator: Story = {
  args: { ...HandQueue.args, moderator: true },
  play: shows('hand-raise', (root) => expect(root.querySelectorAll('[part="queue"] button.lower')).toHaveLength(3)),
};

/** Spotlight for a moderator: Tomás is pinned to everyone's stage; anyone here can be chosen. */
export const Spotlight: Story = {
  args: { others: 5, moderator: true, script: { furniture: [piece('spotlight')], spotlight: 1 } },
  play: shows('spotlight', (root) => {
    expect(texts(root, '[role="status"]').join()).toContain('Tomás Ortega');
    expect(root.querySelectorAll('button[aria-pressed="true"]')).toHaveLength(1);
  }),
};

/** Spotlight as everyone else sees it: who is pinned, and that only moderators choose. */
export const SpotlightGuest: Story = {
  args: { ...Spotlight.args, moderator: false },
  play: shows('spotlight', (root) => {
    expect(texts(root, '[role="status"]').join()).toContain('Tomás Ortega');
    expect(root.querySelectorAll('button')).toHaveLength(0);
  }),
};

/** Breakout tables: who sits where, live; the visitor can sit at any. */
export const BreakoutTables: Story = {
  args: { script: { furniture: [TABLES], people: SEATED } },
  play: shows('breakout-tables', (root) => {
    expect(texts(root, '[data-table="garden"] .people')).toEqual(['Grace Hopper, Li Wei']);
    expect(texts(root, '[data-table="kitchen"] .people')).toEqual(['Tomás Ortega']);
    expect(root.querySelectorAll('[data-table="workshop"] .people.muted')).toHaveLength(1);
  }),
};

/** Everything at once, as a co-op's meeting room: chat, hands, spotlight, tables and an agenda. */
export const FurnishedRoom: Story = {
  args: {
    script: {
      furniture: [piece('chat'), piece('hand-raise'), piece('spotlight'), TABLES, AGENDA],
      people: SEATED,
      chat: CHAT,
      hands: [2, 0],
      spotlight: 1,
    },
  },
  play: shows('chat', (root) => expect(root.querySelectorAll('[part~="message"]')).toHaveLength(4)),
};

/** The furnished room in Spanish. */
export const FurnishedRoomSpanish: Story = {
  args: { lang: 'es', script: { ...FurnishedRoom.args?.script, chat: CHAT_ES } },
  play: shows('chat', (root) => {
    expect(root.querySelectorAll('[part~="message"]')).toHaveLength(4);
    expect(texts(root, 'button[type="submit"]')).toEqual(['Enviar']);
  }),
};

// Notes: one Markdown text written together (Yjs over the room; the fixture room plays the peers).

const MINUTES = `# General meeting, 12 June

## Present
Grace, Tomás, Amara, Sam

## Decisions
- [x] The roaster is bought from the shared fund
- [ ] The assembly's date: Grace sends a poll

## Actions
1. Tomás calls the landlord about the lease
2. Amara books the hall
`;

/** The notes' textarea, typed into as a person types (the input event the editor listens to). */
function typeInto(root: ShadowRoot, text: string) {
  const textarea = root.querySelector('textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Notes alone in the room: the visitor writes the minutes; nobody else is in the notes. */
export const NotesAlone: Story = {
  args: { others: 0, script: { furniture: [piece('notes')] } },
  play: async (context) => {
    await shows('notes', (root) => {
      expect(texts(root, '[part="present"]')).toEqual(['Nobody else is in the notes right now.']);
      expect(root.querySelector('textarea')).toBeTruthy();
    })!(context);
    const root = kindIn(roomIn(context.canvasElement), 'notes')!;
    typeInto(root, MINUTES);
    await waitFor(() => expect(texts(root, '.backdrop .md-h')).toContain('#'));
    expect(root.querySelector('textarea')?.value).toBe(MINUTES);
    expect(texts(root, '.backdrop .md-done')[0]).toContain('The roaster is bought');
    expect(texts(root, '[part="keep"]')).toEqual(['These notes are not kept after the meeting — download them.']);
  },
};

/** Grace is writing the minutes: her text arrives as a peer's answer, her caret and name where she is. */
export const NotesWithPeer: Story = {
  args: {
    script: {
      furniture: [piece('notes')],
      notes: { from: 0, text: MINUTES, caret: MINUTES.indexOf('Amara books') },
    },
  },
  play: shows('notes', (root) => {
    expect(root.querySelector('textarea')?.value).toBe(MINUTES);
    expect(texts(root, '[part="present"]')).toEqual(['Writing with Grace Hopper']);
    expect(texts(root, '.caret .flag')).toEqual(['Grace Hopper']);
  }),
};

// Polls: the room's polls as the server lists them (the fixture session answers the poll's requests).

const asked = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const grace = { identity: 'guest-0-grace-hopper', name: 'Grace Hopper' };

/** Open, secret, results once closed: the visitor has not voted yet. */
const SECRET_BALLOT: PollView = {
  id: 'date',
  type: 'choice',
  question: 'Which date for the general assembly?',
  options: ['Saturday 14 June', 'Sunday 15 June', 'Saturday 21 June'],
  multiple: false,
  ballot: 'secret',
  results: 'closed',
  asker: grace,
  asked_at: asked(3),
  voters: 4,
  you_voted: false,
};

/** Open, named, results live: everyone sees who chose what; the visitor chose Yes. */
const NAMED_LIVE: PollView = {
  id: 'roaster',
  type: 'choice',
  question: 'Buy the new roaster from the shared fund?',
  options: ['Yes', 'No', 'Wait until autumn'],
  multiple: false,
  ballot: 'named',
  results: 'live',
  asker: grace,
  asked_at: asked(10),
  voters: 5,
  tallies: [3, 1, 1],
  votes: [
    { identity: grace.identity, name: grace.name, choices: [0] },
    { identity: 'guest-1-tomas-ortega', name: 'Tomás Ortega', choices: [0] },
    { identity: 'guest-2-amara-okafor', name: 'Amara Okafor', choices: [2] },
    { identity: 'guest-3-li-wei', name: 'Li Wei', choices: [1] },
    { identity: 'me-sam-rivera', name: 'Sam Rivera', choices: [0] },
  ],
  you_voted: true,
  your_choices: [0],
};

/** Closed consent round, secret: the tallies and the reasons given, without names. */
const CONSENT_CLOSED: PollView = {
  id: 'policy',
  type: 'consent',
  question: 'Adopt the new membership policy?',
  options: ['consent', 'concern', 'object'],
  multiple: false,
  ballot: 'secret',
  results: 'closed',
  asker: { identity: 'guest-1-tomas-ortega', name: 'Tomás Ortega' },
  asked_at: asked(40),
  closed_at: asked(30),
  voters: 6,
  tallies: [4, 2, 0],
  reasons: [
    { choice: 1, text: 'The fee for students is still too high.' },
    { choice: 0, text: 'Clear and fair.' },
    { choice: 1, text: 'Let us review it after a year.' },
  ],
  you_voted: true,
};

const polls = (list: PollView[], mayAsk = false): FixtureScript => ({
  furniture: [piece('poll')],
  polls: { polls: list, may_ask: mayAsk },
});

/** An open secret ballot: the visitor's ballot, and the results kept until the poll closes. */
export const PollSecretBallot: Story = {
  args: { others: 5, script: polls([SECRET_BALLOT]) },
  play: shows('poll', (root) => {
    expect(root.querySelectorAll('[part="ballot"] input[name="choice"]')).toHaveLength(3);
    expect(texts(root, '[part="poll"] p')).toContain(
      'Secret ballot: nobody, moderators included, can see who voted what.',
    );
    expect(texts(root, '[part="poll"] p')).toContain('The results show when the poll is closed.');
    expect(texts(root, '[part="poll"] p')).toContain('4 people have voted.');
  }),
};

/** The visitor votes in the secret ballot: counted, and still no results until it closes. */
export const PollVoteCounted: Story = {
  args: PollSecretBallot.args,
  play: async (context) => {
    await PollSecretBallot.play!(context);
    const root = kindIn(roomIn(context.canvasElement), 'poll')!;
    root.querySelector<HTMLInputElement>('[part="ballot"] input[value="1"]')!.click();
    root.querySelector<HTMLButtonElement>('[part="ballot"] button[type="submit"]')!.click();
    await waitFor(() => expect(texts(root, '[part="poll"] p')).toContain('5 people have voted.'));
    expect(texts(root, '[part="poll"] p')).toContain('You have voted.');
    expect(root.querySelector('[part="ballot"]')).toBeNull();
    expect(texts(root, '[part="poll"] p')).toContain('The results show when the poll is closed.');
  },
};

/** Live results of a named vote: the bars, and who chose what. */
export const PollLiveNamed: Story = {
  args: { others: 5, script: polls([NAMED_LIVE]) },
  play: shows('poll', (root) => {
    expect(texts(root, '[part="results"] .figure')).toEqual([
      'Yes 3 votes, 60%',
      'No 1 vote, 20%',
      'Wait until autumn 1 vote, 20%',
    ]);
    expect(texts(root, '[part="poll"] section li')).toContain('Grace Hopper: Yes');
    expect(texts(root, '[part="poll"] p')).toContain('You chose Yes.');
  }),
};

/** A closed consent round: four consents, two concerns, and the reasons given, without names. */
export const PollConsentClosed: Story = {
  args: { others: 5, script: polls([CONSENT_CLOSED]) },
  play: shows('poll', (root) => {
    expect(texts(root, '[part="poll"] p.muted')[0]).toBe('Asked by Tomás Ortega · Closed');
    expect(texts(root, '[part="results"] .figure')).toEqual([
      'Consent 4 votes, 67%',
      'Concern 2 votes, 33%',
      'Object 0 votes, 0%',
    ]);
    expect(texts(root, '[part="poll"] section ul:last-of-type li')).toEqual([
      'Concern: The fee for students is still too high.',
      'Consent: Clear and fair.',
      'Concern: Let us review it after a year.',
    ]);
    expect(root.querySelector('[part="ballot"]')).toBeNull();
  }),
};

/** All three as a moderator sees them: Ask a question, and Close on the open polls. */
export const PollsModerator: Story = {
  args: { others: 5, moderator: true, script: polls([SECRET_BALLOT, NAMED_LIVE, CONSENT_CLOSED], true) },
  play: shows('poll', (root) => {
    expect(root.querySelectorAll('[part="poll"]')).toHaveLength(3);
    expect(texts(root, 'button.open-ask')).toEqual(['Ask a question']);
    expect(root.querySelectorAll('button.close')).toHaveLength(2);
  }),
};

/** The polls in Spanish. */
export const PollsSpanish: Story = {
  args: { ...PollsModerator.args, lang: 'es' },
  play: shows('poll', (root) => {
    expect(root.querySelectorAll('[part="poll"]')).toHaveLength(3);
    expect(texts(root, 'button.open-ask')[0]).not.toBe('Ask a question');
  }),
};
