/**
 * The script-tag embed's lazy room (issue 19): a page that only lists rooms needs the directory,
 * not the room's pre-join, stage, controls and furniture loader. `<convene-room>`'s code is a chunk
 * of its own (./room.ts), loaded as soon as the document has a `<convene-room>`: one there when the
 * embed runs, or one added later (a MutationObserver on the document). `<convene-space>` loads it
 * itself before it opens a room in its shadow root. What a page sets on a `<convene-room>` before
 * it is defined (properties too) is kept: Lit takes it over when the element upgrades.
 */
type RoomModule = typeof import('./room.js');

let roomModule: Promise<RoomModule> | undefined;

/**
 * The room's module (`ConveneRoom`, `RoomSession`, `MediaPreview`, `RoomController`, …), loaded once
 * per page; `<convene-room>` is defined when it resolves (`customElements.whenDefined('convene-room')`).
 */
export function loadRoom(): Promise<RoomModule> {
  roomModule ??= import('./room.js').catch((error: unknown) => {
    roomModule = undefined;
    throw error;
  });
  return roomModule;
}

const hasRoom = (node: Node) =>
  node instanceof Element && (node.localName === 'convene-room' || !!node.querySelector('convene-room'));

/** Loads the room's chunk once `root` has a `<convene-room>`, now or later. */
export function loadRoomWhenUsed(root: Document = document): void {
  if (customElements.get('convene-room')) return;
  if (root.querySelector('convene-room')) {
    void loadRoom();
    return;
  }
  const observer = new MutationObserver((records) => {
    const added = records.some((record) => [...record.addedNodes].some(hasRoom));
    if (!added && !customElements.get('convene-room')) return;
    observer.disconnect();
    if (added) void loadRoom();
  });
  observer.observe(root, { childList: true, subtree: true });
}
