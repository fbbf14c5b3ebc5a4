/**
 * The events Convene elements fire for the host page: one typed class each; all bubble and
 * cross shadow roots.
 */
import type { LeftReason } from './core/session.js';

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

/** Something went wrong; `code` is the server's error code, `network`, or `livekit_unreachable`. */
export class ConveneErrorEvent extends Event {
  static readonly type = 'convene-error';
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super(ConveneErrorEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-joined': ConveneJoinedEvent;
    'convene-left': ConveneLeftEvent;
    'convene-error': ConveneErrorEvent;
  }
}
