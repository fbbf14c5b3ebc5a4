/**
 * The door-control section of the string table (issue 13: knock, lock, invite, keep out). Like
 * furniture's, it joins `en` when the door code loads (the rooms' and the directory's lazy door
 * chunks call `addSection(doors)`), so convene.js does not carry text only knockers and moderators
 * read. Spanish has these entries in ./es.ts; a language without them shows them in English.
 */

const orList = (names: string[]) => new Intl.ListFormat('en', { type: 'disjunction' }).format(names);

/** What a knocker, a moderator at the door and an inviter read. */
export interface DoorStrings {
  // The knocker, in pre-join
  knockAsk: string;
  knockHint: string;
  knockHeading: string;
  /** Who the visitor waits for (the moderators in the room, by name); none: nobody who can answer is in yet. */
  knockWaiting: (hosts: string[]) => string;
  knockCancel: string;
  knockAdmitted: string;
  knockDenied: string;
  knockUnanswered: string;
  knockCancelled: string;
  knockDropped: string;
  // Moderators at the door, in the room and in the directory
  door: string;
  /** After the count on the door button (read, not shown): who the count is. */
  doorWaiting: (count: number) => string;
  doorPanel: string;
  /** One knock in the queue (and its announcement). */
  knocking: (name: string) => string;
  admit: string;
  deny: string;
  admitName: (name: string) => string;
  denyName: (name: string) => string;
  admittedName: (name: string) => string;
  deniedName: (name: string) => string;
  noKnocks: string;
  closePanel: string;
  spaceKnocks: (room: string) => string;
  // The lock
  lockRoom: string;
  lockedNote: string;
  lockedNow: string;
  unlockedNow: string;
  // Invites
  invite: string;
  inviteTitle: string;
  inviteValidFor: string;
  inviteDurations: Record<'hour' | 'day' | 'week', string>;
  inviteUses: string;
  inviteSingle: string;
  inviteMulti: string;
  inviteCreate: string;
  inviteLink: string;
  inviteCopy: string;
  inviteCopied: string;
  inviteCopyFailed: string;
  inviteList: string;
  inviteNone: string;
  /** A link as listed: single or multi use, who made it, until when (a formatted time). */
  inviteSummary: (single: boolean, by: string, until: string) => string;
  inviteWithdraw: string;
  inviteRevoke: (summary: string) => string;
  inviteRevoked: string;
  // Keep out
  keepOut: (name: string) => string;
  confirmKeepOut: (name: string) => string;
  keptOut: string;
  keptOutNone: string;
  letBackIn: string;
  letBackInName: (name: string) => string;
  letBackInDone: (name: string) => string;
}

export const doorsEn: DoorStrings = {
  knockAsk: 'Ask to come in',
  knockHint: 'No code? Ask to come in, and a host inside can let you in.',
  knockHeading: 'Asking to come in',
  knockWaiting: (hosts) =>
    hosts.length
      ? `Waiting for ${orList(hosts)} to let you in.`
      : 'No host is in the room yet. Stay on this page: you will be told as soon as someone answers.',
  knockCancel: 'Cancel',
  knockAdmitted: 'You have been let in. Joining…',
  knockDenied: 'The hosts didn’t let you in this time.',
  knockUnanswered: 'Nobody answered. The hosts may be busy: try again in a little while.',
  knockCancelled: 'You stopped asking to come in.',
  knockDropped: 'The connection dropped while you were waiting. Ask again.',
  door: 'Door',
  doorWaiting: (count) => (count === 1 ? 'person asking to come in' : 'people asking to come in'),
  doorPanel: 'At the door',
  knocking: (name) => `${name} is asking to come in`,
  admit: 'Admit',
  deny: 'Deny',
  admitName: (name) => `Admit ${name}`,
  denyName: (name) => `Deny ${name}`,
  admittedName: (name) => `${name} was let in.`,
  deniedName: (name) => `${name} was not let in.`,
  noKnocks: 'Nobody is asking to come in.',
  closePanel: 'Close',
  spaceKnocks: (room) => `Asking to come in to ${room}`,
  lockRoom: 'Lock room',
  lockedNote: 'This room is locked for the rest of the meeting: newcomers ask to come in.',
  lockedNow: 'The room is locked. Newcomers ask to come in.',
  unlockedNow: 'The room is open again.',
  invite: 'Invite',
  inviteTitle: 'Invite someone',
  inviteValidFor: 'Valid for',
  inviteDurations: { hour: '1 hour', day: '1 day', week: '1 week' },
  inviteUses: 'Who can use it',
  inviteSingle: 'One person, once',
  inviteMulti: 'Anyone with the link, until it expires',
  inviteCreate: 'Create link',
  inviteLink: 'Invite link',
  inviteCopy: 'Copy link',
  inviteCopied: 'Link copied.',
  inviteCopyFailed: 'Your browser did not let the link be copied: select it and copy it yourself.',
  inviteList: 'Links made for this room',
  inviteNone: 'No links yet.',
  inviteSummary: (single, by, until) => `${single ? 'Single use' : 'Multi use'}, made by ${by}, valid until ${until}`,
  inviteWithdraw: 'Withdraw',
  inviteRevoke: (summary) => `Withdraw the link: ${summary}`,
  inviteRevoked: 'Link withdrawn: it no longer lets anyone in.',
  keepOut: (name) => `Remove ${name} and keep them out`,
  confirmKeepOut: (name) => `Remove ${name} and keep them out? Press again to confirm`,
  keptOut: 'Kept out',
  keptOutNone: 'Nobody is kept out.',
  letBackIn: 'Let back in',
  letBackInName: (name) => `Let back in: ${name}`,
  letBackInDone: (name) => `${name} may come back in.`,
};

/** The door section, for `addSection(doors)` in the door chunks. */
export const doors = { en: doorsEn };
