/**
 * What `<convene-room>` needs to host furniture, kept tiny (it ships in convene.js): whether a room
 * has furniture beyond the video bridge, and the loader of the panel's chunk.
 */
import type { FurnitureEntry } from '@convene/server/schema';

/** Whether the page's `<convene-furniture>` children of `host`, or else the config's list, name anything but the video bridge. */
export function hasFurniture(host: Element, furniture: readonly FurnitureEntry[] | undefined): boolean {
  const page = host.querySelectorAll(':scope > convene-furniture');
  if (page.length > 0) return [...page].some((el) => el.getAttribute('kind') !== 'video-bridge');
  return (furniture ?? []).some((entry) => entry.kind !== 'video-bridge');
}

/** Loads and defines `<convene-furniture-panel>` (its own chunk; kinds load apart, as needed). */
export function loadFurniturePanel(): Promise<unknown> {
  return import('./convene-furniture-panel.js');
}
