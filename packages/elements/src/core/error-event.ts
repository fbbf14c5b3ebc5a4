/** `convene-error`, fired by the room and its furniture for the host page; it bubbles and crosses shadow roots. */
import type { ErrorKey } from '../i18n/strings.js';

/**
 * Something went wrong; `code` is the server's error code (`access_code_required`, `room_full`,
 * ...; a refused member pass: `pass_expired`, `pass_invalid`, ...), `network`, `bad_response`,
 * `livekit_unreachable` or `pass_unavailable` (the host site's pass endpoint failed); from furniture, `unknown_furniture`
 * (a kind nobody defined, settings it refuses, or a kind that failed to load) or
 * `duplicate_furniture` (a second piece of a kind a room can have once).
 */
export class ConveneErrorEvent extends Event {
  static readonly type = 'convene-error';
  constructor(
    readonly code: ErrorKey,
    readonly message: string,
  ) {
    super(ConveneErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-error': ConveneErrorEvent;
  }
}
