/** Events furniture elements fire. */

/** A piece of furniture has this many items its person has not seen; the panel shows it on the tab. */
export class ConveneUnreadEvent extends Event {
  static readonly type = 'convene-unread';
  constructor(readonly count: number) {
    super(ConveneUnreadEvent.type, { bubbles: true, composed: true });
  }
}

/** Who is in the spotlight changed (`identity` empty when nobody is); the room pins them to the stage. */
export class ConveneSpotlightEvent extends Event {
  static readonly type = 'convene-spotlight';
  constructor(readonly identity: string) {
    super(ConveneSpotlightEvent.type, { bubbles: true, composed: true });
  }
}

/** Someone reacted; the room can float `emoji` over their tile. */
export class ConveneReactionEvent extends Event {
  static readonly type = 'convene-reaction';
  constructor(
    readonly identity: string,
    readonly emoji: string,
  ) {
    super(ConveneReactionEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-unread': ConveneUnreadEvent;
    'convene-spotlight': ConveneSpotlightEvent;
    'convene-reaction': ConveneReactionEvent;
  }
}
