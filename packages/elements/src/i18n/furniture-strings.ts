/**
 * The furniture section of the string table: it joins `en` and `es` (./strings.ts) when the
 * furniture's code loads, through the `furniture` section its elements give `LocalizeController`.
 */

/** The built-in kinds a room shows in a tab (the video bridge is the stage, never a tab). */
export type BuiltinKindLabel = 'chat' | 'markdown' | 'breakout-tables' | 'spotlight' | 'hand-raise' | 'embed';

/**
 * What the furniture panel and the built-in kinds say. A person is named as the room names them
 * (`you`, `spotlightOn` are the room's entries).
 */
export interface FurnitureStrings {
  /** The panel's name (its tab list and side panel). */
  furniture: string;
  /** A tab's label for a built-in kind, when neither the config nor the page gives one. */
  kindLabels: Record<BuiltinKindLabel, string>;
  unknownKind: (kind: string) => string;
  badSettings: (kind: string) => string;
  loadFailed: (kind: string) => string;
  duplicateKind: (kind: string) => string;
  unread: (count: number) => string;
  chatLog: string;
  chatEmpty: string;
  chatInput: string;
  chatSend: string;
  chatTooLong: (max: number) => string;
  chatSendFailed: string;
  chatElsewhere: string;
  chatHistoryFrom: (name: string) => string;
  raiseHand: string;
  lowerHand: string;
  handQueue: string;
  handFailed: string;
  handFailedWait: (seconds: number) => string;
  noHands: string;
  lowerTheirHand: (name: string) => string;
  reactions: string;
  react: (emoji: string) => string;
  reacted: (name: string, emoji: string) => string;
  spotlightNone: string;
  spotlightYou: string;
  spotlightPin: (name: string) => string;
  spotlightClear: string;
  spotlightOnlyModerators: string;
  spotlightFailed: string;
  embedNotAllowed: (host: string) => string;
  embedOpen: string;
  tableSit: (name: string) => string;
  tableReturn: string;
  tableEmpty: string;
  tableFailed: string;
}

export const furnitureEn: FurnitureStrings = {
  furniture: 'Furniture',
  kindLabels: {
    chat: 'Chat',
    markdown: 'Notes',
    'breakout-tables': 'Tables',
    spotlight: 'Spotlight',
    'hand-raise': 'Hands',
    embed: 'Embed',
  },
  unknownKind: (kind) => `This room has furniture of a kind this page does not know (“${kind}”).`,
  badSettings: (kind) => `The settings of this ${kind} are not valid, so it is not shown.`,
  loadFailed: (kind) => `The ${kind} could not be loaded. Reload the page to try again.`,
  duplicateKind: (kind) => `A room can have only one “${kind}”, so this second one is not shown.`,
  unread: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  chatLog: 'Messages',
  chatEmpty: 'No messages yet. Say hello.',
  chatInput: 'Message',
  chatSend: 'Send',
  chatTooLong: (max) => `Messages can be up to ${max} characters.`,
  chatSendFailed: 'That message was not sent. Check the connection and try again.',
  chatElsewhere: 'This room’s chat is open elsewhere on this page.',
  chatHistoryFrom: (name) => `Earlier messages, shared by ${name}`,
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  handQueue: 'Raised hands',
  handFailed: 'Your hand could not be changed. Check the connection and try again.',
  handFailedWait: (seconds) => `Too many changes of hand. Try again in ${seconds} seconds.`,
  noHands: 'No hands raised.',
  lowerTheirHand: (name) => `Lower ${name}’s hand`,
  reactions: 'Reactions',
  react: (emoji) => `React with ${emoji}`,
  reacted: (name, emoji) => `${name} reacted ${emoji}`,
  spotlightNone: 'Nobody is in the spotlight.',
  spotlightYou: 'You are in the spotlight.',
  spotlightPin: (name) => `Spotlight ${name}`,
  spotlightClear: 'Clear the spotlight',
  spotlightOnlyModerators: 'Only a moderator can choose who is in the spotlight.',
  spotlightFailed: 'The spotlight could not be changed.',
  embedNotAllowed: (host) => `This space does not allow pages from ${host} to be embedded.`,
  embedOpen: 'Open in a new tab',
  tableSit: (name) => `Sit at ${name}`,
  tableReturn: 'Return to the room',
  tableEmpty: 'Nobody sits here.',
  tableFailed: 'You could not sit at that table. Try again.',
};

/** Furniture's entries, for `new LocalizeController(this, furniture)` in the panel and each kind. */
export const furniture = { en: furnitureEn };

// ── Poll (issue 16) ─────────────────────────────────────────────────────────────────────────

/**
 * What the `poll` kind says. Its own section (like the doors'), joining `en` when the poll's chunk
 * loads; Spanish has it in ./es.ts, a language without it shows it in English. `pollTab` alone is
 * in the panel's chunk (the tab's label, shown before the kind loads).
 */
/** The poll tab's English label (also in `pollTab`, which must not pull in the rest). */
const POLL_LABEL = 'Poll';

export interface PollStrings {
  /** The tab's label. */
  pollLabel: string;
  pollNone: string;
  pollOnlyModerators: string;
  pollAsk: string;
  pollAskHeading: string;
  pollQuestion: string;
  pollType: string;
  pollTypes: Record<'choice' | 'consent' | 'fist', string>;
  pollChoices: string;
  pollChoice: (n: number) => string;
  pollAddChoice: string;
  pollRemoveChoice: (n: number) => string;
  pollMultiple: string;
  pollBallot: string;
  pollNamedHint: string;
  pollSecretHint: string;
  pollResultsWhen: string;
  pollResultsLive: string;
  pollResultsClosed: string;
  pollSubmitAsk: string;
  pollCancel: string;
  /** Under a question: who asked, and how (a list of facts already in words). */
  pollAskedBy: (name: string) => string;
  pollNamed: string;
  /** The plain statement every secret ballot shows. */
  pollSecret: string;
  /** Under an open secret ballot with live results: they move in steps of `n` votes. */
  pollSecretSteps: (n: number) => string;
  pollOpen: string;
  pollClosed: string;
  pollConsent: Record<'consent' | 'concern' | 'object', string>;
  /** Fist-of-five, 0 to 5, each with what it means. */
  pollFist: [string, string, string, string, string, string];
  pollReason: string;
  pollVote: string;
  pollVoted: string;
  pollYouChose: (choices: string) => string;
  pollVoters: (count: number) => string;
  pollVotes: (count: number) => string;
  pollResultsHidden: string;
  pollResults: string;
  pollWhoChose: string;
  pollReasons: string;
  pollClose: string;
  pollDownloadMarkdown: string;
  pollDownloadCsv: string;
  pollInsertNotes: string;
  pollInserted: string;
  pollNewQuestion: (question: string) => string;
  pollClosedNow: (question: string) => string;
  pollCounted: string;
  pollFailed: string;
  pollFailedWait: (seconds: number) => string;
  pollAlready: string;
  pollQuestionNeeded: string;
  pollChoicesNeeded: string;
  pollChooseOne: string;
  /** Export headings. */
  pollExportOption: string;
  pollExportVotes: string;
  pollExportShare: string;
  pollExportName: string;
  pollExportReason: string;
}

export const pollEn: PollStrings = {
  pollLabel: POLL_LABEL,
  pollNone: 'No questions yet.',
  pollOnlyModerators: 'A moderator can ask the room a question here.',
  pollAsk: 'Ask a question',
  pollAskHeading: 'New question',
  pollQuestion: 'Question',
  pollType: 'Kind of question',
  pollTypes: {
    choice: 'Choices',
    consent: 'Consent round: consent, concern or object',
    fist: 'Fist of five: 0 to 5',
  },
  pollChoices: 'Choices',
  pollChoice: (n) => `Choice ${n}`,
  pollAddChoice: 'Add a choice',
  pollRemoveChoice: (n) => `Remove choice ${n}`,
  pollMultiple: 'People may choose several',
  pollBallot: 'Ballot',
  pollNamedHint: 'Named: everyone sees who chose what',
  pollSecretHint: 'Secret: nobody, moderators included, can see who voted what',
  pollResultsWhen: 'Show the results',
  pollResultsLive: 'As the votes come in',
  pollResultsClosed: 'When the poll is closed',
  pollSubmitAsk: 'Ask the room',
  pollCancel: 'Cancel',
  pollAskedBy: (name) => `Asked by ${name}`,
  pollNamed: 'Named vote: everyone sees who chose what.',
  pollSecret: 'Secret ballot: nobody, moderators included, can see who voted what.',
  pollSecretSteps: (n) => `Live results move every ${n} votes, so that nobody can tell a vote by when it was cast.`,
  pollOpen: 'Open',
  pollClosed: 'Closed',
  pollConsent: { consent: 'Consent', concern: 'Concern', object: 'Object' },
  pollFist: [
    '0: no, I block this',
    '1: serious concerns',
    '2: concerns to discuss',
    '3: I can live with it',
    '4: good',
    '5: fully in favour',
  ],
  pollReason: 'Reason (optional)',
  pollVote: 'Vote',
  pollVoted: 'You have voted.',
  pollYouChose: (choices) => `You chose ${choices}.`,
  pollVoters: (count) => (count === 1 ? '1 person has voted.' : `${count} people have voted.`),
  pollVotes: (count) => (count === 1 ? '1 vote' : `${count} votes`),
  pollResultsHidden: 'The results show when the poll is closed.',
  pollResults: 'Results',
  pollWhoChose: 'Who chose what',
  pollReasons: 'Reasons given',
  pollClose: 'Close the poll',
  pollDownloadMarkdown: 'Download as Markdown',
  pollDownloadCsv: 'Download as CSV',
  pollInsertNotes: 'Insert into notes',
  pollInserted: 'The results are in the notes.',
  pollNewQuestion: (question) => `New question: ${question}`,
  pollClosedNow: (question) => `Poll closed: ${question}`,
  pollCounted: 'Your vote is counted.',
  pollFailed: 'That did not work. Check the connection and try again.',
  pollFailedWait: (seconds) => `Too many tries. Try again in ${seconds} seconds.`,
  pollAlready: 'This poll is closed, or you have voted already.',
  pollQuestionNeeded: 'Write the question.',
  pollChoicesNeeded: 'Give at least two different choices.',
  pollChooseOne: 'Choose an answer first.',
  pollExportOption: 'Option',
  pollExportVotes: 'Votes',
  pollExportShare: 'Share',
  pollExportName: 'Name',
  pollExportReason: 'Reason',
};

/** The poll's entries, for `new LocalizeController(this, furniture, poll)` in the poll kind. */
export const poll = { en: pollEn };
/** The poll tab's label alone, for the panel (builtins.ts), which shows the tab before the kind loads. */
export const pollTab = { en: { pollLabel: POLL_LABEL } };

// ── Notes (issue 16) ────────────────────────────────────────────────────────────────────────

/**
 * What the `notes` kind says: its own section (like the poll's), joining `en` when the notes'
 * chunk loads; Spanish has it in ./es.ts, a language without it shows it in English. `notesTab`
 * alone is in the panel's chunk (the tab's label, shown before the kind loads).
 */
const NOTES_LABEL = 'Shared notes';

export interface NotesStrings {
  /** The tab's label. */
  notesLabel: string;
  /** The editor's accessible name. */
  notesEditor: string;
  notesHint: string;
  notesKept: string;
  notesNotKept: string;
  notesDownload: string;
  /** Who else is in the notes (their names, already a list in words). */
  notesWith: (names: string) => string;
  notesAlone: string;
  notesSyncing: string;
  /** Announced politely: someone opened or left the notes. */
  notesJoined: (name: string) => string;
  notesLeft: (name: string) => string;
  notesFull: (megabytes: number) => string;
  notesLoadFailed: string;
  notesElsewhere: string;
}

export const notesEn: NotesStrings = {
  notesLabel: NOTES_LABEL,
  notesEditor: 'Shared notes, in Markdown',
  notesHint:
    'Markdown: # for a heading, - for a list, - [ ] for a checkbox. Tab indents; press Escape, then Tab, to leave the notes.',
  notesKept: 'Kept for the next meeting in this room.',
  notesNotKept: 'These notes are not kept after the meeting — download them.',
  notesDownload: 'Download as Markdown',
  notesWith: (names) => `Writing with ${names}`,
  notesAlone: 'Nobody else is in the notes right now.',
  notesSyncing: 'Getting the notes from the others here…',
  notesJoined: (name) => `${name} is in the notes`,
  notesLeft: (name) => `${name} left the notes`,
  notesFull: (megabytes) => `The notes are at their limit (${megabytes} MB), so that change was not made.`,
  notesLoadFailed: 'The notes kept from the last meeting could not be loaded.',
  notesElsewhere: 'This room’s notes are open elsewhere on this page.',
};

/** The notes' entries, for `new LocalizeController(this, furniture, notes)` in the notes kind. */
export const notes = { en: notesEn };
/** The notes tab's label alone, for the panel (builtins.ts), which shows the tab before the kind loads. */
export const notesTab = { en: { notesLabel: NOTES_LABEL } };
