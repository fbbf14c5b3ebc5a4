/** The events `<convene-space>` fires for the host page; all bubble and cross shadow roots. */
import type { Directory } from '../../core/api.js';

const init = { bubbles: true, composed: true } as const;

/** The visitor entered a room from the directory (or through a deep link). */
export class ConveneRoomEnteredEvent extends Event {
  static readonly type = 'convene-room-entered';
  constructor(readonly room: string) {
    super(ConveneRoomEnteredEvent.type, init);
  }
}

/** The visitor went back from a room to the directory. */
export class ConveneRoomLeftEvent extends Event {
  static readonly type = 'convene-room-left';
  constructor(readonly room: string) {
    super(ConveneRoomLeftEvent.type, init);
  }
}

/** Who is where changed; `directory` is the space as the visitor now sees it. */
export class ConvenePresenceChangedEvent extends Event {
  static readonly type = 'convene-presence-changed';
  constructor(readonly directory: Directory) {
    super(ConvenePresenceChangedEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-room-entered': ConveneRoomEnteredEvent;
    'convene-room-left': ConveneRoomLeftEvent;
    'convene-presence-changed': ConvenePresenceChangedEvent;
  }
}
