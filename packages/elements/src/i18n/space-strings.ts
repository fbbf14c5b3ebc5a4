/** The `<convene-space>` section of the string table (merged into `en` and `es` in ./strings.ts). */

/** What `<convene-space>` says: the directory, who is where, and what went wrong (Try again is the room's `tryAgain`). */
export interface SpaceStrings {
  rooms: string;
  loading: string;
  enter: (room: string) => string;
  backToRooms: string;
  peopleIn: (count: number) => string;
  placesLeft: (left: number, capacity: number) => string;
  roomFull: string;
  accessPublic: string;
  accessLocked: string;
  accessMembers: string;
  entrance: string;
  presenceStale: string;
  presenceUnavailable: string;
  emptySpace: string;
  spaceNotFound: (space: string) => string;
  serverUnreachable: string;
  serverError: (message: string) => string;
  andMore: (count: number) => string;
  // Doors (issue 13)
  /** A room a moderator locked for the rest of its meeting (newcomers knock). */
  lockedByModerator: string;
  // Stage rooms (issue 17)
  /** A stage room's presence: how many speak and how many watch (not everyone's names). */
  stageCounts: (speaking: number, watching: number) => string;
}

export const spaceEn: SpaceStrings = {
  rooms: 'Rooms',
  loading: 'Loading the rooms…',
  enter: (room) => `Enter ${room}`,
  backToRooms: 'Back to the rooms',
  peopleIn: (count) => (count === 0 ? 'Nobody here yet' : count === 1 ? '1 person inside' : `${count} people inside`),
  placesLeft: (left, capacity) => (left === 1 ? `1 place left of ${capacity}` : `${left} places left of ${capacity}`),
  roomFull: 'Full',
  accessPublic: 'Open to everyone',
  accessLocked: 'Locked: needs an access code',
  accessMembers: 'Members only',
  entrance: 'Entrance',
  presenceStale: 'Reconnecting… who is where may be out of date.',
  presenceUnavailable: 'Who is in each room cannot be shown right now.',
  emptySpace: 'This space has no rooms you can enter yet.',
  spaceNotFound: (space) => `There is no space called “${space}” on this server. Check the page’s space attribute.`,
  serverUnreachable: 'The Convene server cannot be reached. Check your connection; we keep trying.',
  serverError: (message) => `The Convene server refused: ${message}`,
  andMore: (count) => `and ${count} more`,
  // Doors (issue 13)
  lockedByModerator: 'Locked by a moderator',
  // Stage rooms (issue 17)
  stageCounts: (speaking, watching) => `${speaking} speaking · ${watching} watching`,
};
