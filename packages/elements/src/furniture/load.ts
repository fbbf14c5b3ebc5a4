/**
 * What `<convene-room>` needs to host furniture, kept tiny (it ships in convene.js): whether a room
 * has furniture beyond the video bridge, a watch on the page's `<convene-furniture>` children, and
 * the loader of the panel's chunk.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FurnitureEntry } from '@convene/server/schema';

/** Whether the page's `<convene-furniture>` children of `host`, or else the config's list, name anything but the video bridge. */
export function hasFurniture(host: Element, furniture: readonly FurnitureEntry[] | undefined): boolean {
  const page = host.querySelectorAll(':scope > convene-furniture');
  if (page.length > 0) return [...page].some((el) => el.getAttribute('kind') !== 'video-bridge');
  return (furniture ?? []).some((entry) => entry.kind !== 'video-bridge');
}

const isPiece = (node: Node | null) => node?.nodeName === 'CONVENE-FURNITURE';

/**
 * Calls `onChange` whenever a `<convene-furniture>` child of `host` comes, goes, or changes its
 * kind, label, settings or text; returns the function that stops watching.
 */
export function watchFurniture(host: Element, onChange: () => void): () => void {
  const observer = new MutationObserver((records) => {
    const concerns = (record: MutationRecord) => {
      if (record.target === host) return [...record.addedNodes, ...record.removedNodes].some(isPiece);
      let node: Node | null = record.target;
      while (node && node.parentNode !== host) node = node.parentNode;
      return isPiece(node);
    };
    if (records.some(concerns)) onChange();
  });
  observer.observe(host, {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: ['kind', 'label', 'settings'],
  });
  return () => observer.disconnect();
}

/** Updates its host (a `<convene-room>`) when the page's `<convene-furniture>` children change. */
export class FurnitureWatch implements ReactiveController {
  #stop?: () => void;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = watchFurniture(this.host, () => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#stop?.();
  }

  /** Whether the host has furniture to lay out (see `hasFurniture`). */
  has(furniture: readonly FurnitureEntry[] | undefined): boolean {
    return hasFurniture(this.host, furniture);
  }
}

/** Loads and defines `<convene-furniture-panel>` (its own chunk; kinds load apart, as needed). */
export function loadFurniturePanel(): Promise<unknown> {
  return import('./convene-furniture-panel.js');
}
