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
