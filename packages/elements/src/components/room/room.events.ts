/**
 * The events `<convene-room>` fires for the host page: one typed class each; all bubble and
 * cross shadow roots. `convene-error` (shared with the furniture) is in core/error-event.ts.
 */
import type { LeftReason } from './session.js';

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

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-joined': ConveneJoinedEvent;
    'convene-left': ConveneLeftEvent;
    'convene-participant-joined': ConveneParticipantJoinedEvent;
    'convene-participant-left': ConveneParticipantLeftEvent;
  }
}
