/**
 * The page's `<convene-furniture>` children of a `<convene-room>` (or any element the panel is
 * given as `source`): what they say (`pageEntries`), whether a room has furniture to lay out
 * (`hasFurniture`), and a watch that follows them as the page adds, removes or changes them
 * (`watchFurniture`, `FurnitureWatch`). Small on purpose: it ships in convene.js.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BuiltinKind, FurnitureEntry } from '@convene/server/contract';

/** The kind that names the room's stage: laid out as the stage itself, never as a tab. */
export const STAGE_KIND: BuiltinKind = 'video-bridge';

/** A piece as the page or the config gives it; `settings` is `null` when the page's JSON is broken. */
export interface PageEntry extends Omit<FurnitureEntry, 'settings'> {
  settings: Record<string, unknown> | null;
}

const children = (host: Element) => [...host.querySelectorAll(':scope > convene-furniture')];

/** The furniture the room shows, page first: the `<convene-furniture>` children of `host` when it has any, else the config's. */
export function pageEntries(host: Element | undefined, furniture: readonly FurnitureEntry[] | undefined): PageEntry[] {
  const page = host ? children(host) : [];
  if (page.length === 0) return [...(furniture ?? [])];
  return page.map((el) => {
    const label = el.getAttribute('label');
    return { kind: el.getAttribute('kind') ?? '', ...(label ? { label } : {}), settings: pageSettings(el) };
  });
}

/** Whether `host`'s `<convene-furniture>` children, or else the config's list, name anything but the stage. */
export function hasFurniture(host: Element, furniture: readonly FurnitureEntry[] | undefined): boolean {
  return pageEntries(host, furniture).some((entry) => entry.kind !== STAGE_KIND);
}

/** What a `<convene-furniture>` element gives as settings, read from its attribute and content (defined or not yet). */
export function pageSettings(element: Element): Record<string, unknown> | null {
  const json = element.getAttribute('settings');
  if (json) {
    try {
      const value: unknown = JSON.parse(json);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }
  const text = dedent(element.textContent ?? '');
  return text.trim() ? { text } : {};
}

/** Removes the indentation common to every line, as markup written inside HTML has. */
function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
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
