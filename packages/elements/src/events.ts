/**
 * The events Convene elements fire for the host page: one typed class each; all bubble and
 * cross shadow roots.
 */
import type { LeftReason } from './core/session.js';
import type { ErrorKey } from './i18n/strings.js';

const init = { bubbles: true, composed: true } as const;

/** The visitor is in the room. */
export class ConveneJoinedEvent extends Event {
  static readonly type = 'convene-joined';
  constructor(
    readonly room: string,
    readonly identity: string,
  ) {
    super(ConveneJoinedEvent.type, init);
  }
}

/** The visitor is no longer in the room, and why. */
export class ConveneLeftEvent extends Event {
  static readonly type = 'convene-left';
  constructor(
    readonly room: string,
    readonly reason: LeftReason,
  ) {
    super(ConveneLeftEvent.type, init);
  }
}

/**
 * Someone else is in the room: fired for each person already there when the visitor joins
 * (`initial` true) and for each who arrives later.
 */
export class ConveneParticipantJoinedEvent extends Event {
  static readonly type = 'convene-participant-joined';
  constructor(
    readonly room: string,
    readonly identity: string,
    readonly name: string,
    readonly initial = false,
  ) {
    super(ConveneParticipantJoinedEvent.type, init);
  }
}

/** Someone else left the room. */
export class ConveneParticipantLeftEvent extends Event {
  static readonly type = 'convene-participant-left';
  constructor(
    readonly room: string,
    readonly identity: string,
    readonly name: string,
  ) {
    super(ConveneParticipantLeftEvent.type, init);
  }
}

/**
 * Something went wrong; `code` is the server's error code (`access_code_required`, `room_full`,
 * ...), `network`, `bad_response` or `livekit_unreachable`; from furniture, `unknown_furniture`
 * (a kind nobody defined, settings it refuses, or a kind that failed to load) or
 * `duplicate_furniture` (a second piece of a kind a room can have once).
 */
export class ConveneErrorEvent extends Event {
  static readonly type = 'convene-error';
  constructor(
    readonly code: ErrorKey,
    readonly message: string,
  ) {
    super(ConveneErrorEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-joined': ConveneJoinedEvent;
    'convene-left': ConveneLeftEvent;
    'convene-participant-joined': ConveneParticipantJoinedEvent;
    'convene-participant-left': ConveneParticipantLeftEvent;
    'convene-error': ConveneErrorEvent;
  }
}
