/**
 * What the poll asks of the notes kind: insert this Markdown (a poll's results) into the room's
 * shared notes. Fired by the poll element; it bubbles and crosses shadow roots, so the notes kind
 * hears it on the shadow root both kinds sit in (`this.getRootNode()`, the furniture panel's),
 * which keeps it to one room on a page with several; a host page hears it too.
 */
export class ConveneNotesInsertEvent extends Event {
  static readonly type = 'convene-notes-insert';
  constructor(readonly markdown: string) {
    super(ConveneNotesInsertEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-notes-insert': ConveneNotesInsertEvent;
  }
}
