/**
 * The script-tag embed's lazy room (issue 19): a page that only lists rooms needs the directory,
 * not the room's pre-join, stage, controls and furniture loader. `<convene-room>`'s code is a chunk
 * of its own (./room.ts), loaded as soon as the document has a `<convene-room>`: one there when the
 * embed runs, or one added later (a MutationObserver on the document). `<convene-space>` loads it
 * itself before it opens a room in its shadow root. What a page sets on a `<convene-room>` before
 * it is defined (properties too) is kept: Lit takes it over when the element upgrades.
 *
 * So that a page that opens a room directly does not wait twice (the room's chunk, then
 * livekit-client's once pre-join asks for the camera), loading the room first adds a
 * `<link rel="modulepreload">` for both: they download side by side.
 */
type RoomModule = typeof import('./room.js');

let roomModule: Promise<RoomModule> | undefined;

/**
 * The files of the room's chunk and livekit-client's, relative to convene.js: the embed's build
 * writes the list in place of this name (`roomChunks` in rollup.config.mjs). Undefined from source
 * and in the npm package, whose app's bundler decides.
 */
declare const __CONVENE_ROOM_CHUNKS__: readonly string[] | undefined;

let preloaded = false;

/** Hints the browser to fetch (and compile, not run) the room's chunks now; once per page. */
function preloadRoom(): void {
  if (preloaded) return;
  preloaded = true;
  const files = typeof __CONVENE_ROOM_CHUNKS__ === 'undefined' ? [] : __CONVENE_ROOM_CHUNKS__;
  // Fetched as the embed's own script is (a chunk fetched twice otherwise): with its crossorigin, if any.
  const crossOrigin = [...document.scripts].find((script) => script.src === import.meta.url)?.crossOrigin;
  for (const file of files) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, import.meta.url).href;
    if (crossOrigin) link.crossOrigin = crossOrigin;
    document.head.append(link);
  }
}

/**
 * The room's module (`ConveneRoom`, `RoomSession`, `MediaPreview`, `RoomController`, …), loaded once
 * per page; `<convene-room>` is defined when it resolves (`customElements.whenDefined('convene-room')`).
 */
export function loadRoom(): Promise<RoomModule> {
  preloadRoom();
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
