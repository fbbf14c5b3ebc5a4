import { ReactiveElement } from 'lit';
import { pageSettings } from './page.js';

/**
 * A piece of furniture placed in a room by the page. Put it inside `<convene-room>`; the room's
 * furniture panel reads it, and follows it when it is added, removed or changed later. When a page
 * lists any, the page's list replaces the config's. It shows nothing itself (Lit's bare
 * `ReactiveElement`, which convene.js has anyway, so that importing it on a server is safe).
 *
 * @summary A piece of furniture written in the page's markup.
 * @attr kind - The kind: `chat`, `markdown`, `hand-raise`, `spotlight`, `embed`, `breakout-tables`, or one a page defined.
 * @attr label - The tab's label; the kind's own when absent ("Notes", then "Notes 2" for a second).
 * @attr settings - The settings as JSON (`{"url": "https://…"}`); for `markdown`, the text content may stand in.
 */
export class ConveneFurniture extends ReactiveElement {
  /** The kind (the `kind` attribute). */
  get kind(): string {
    return this.getAttribute('kind') ?? '';
  }
  set kind(value: string | null | undefined) {
    this.#set('kind', value ?? null);
  }

  /** The tab's label (the `label` attribute). */
  get label(): string | null {
    return this.getAttribute('label');
  }
  set label(value: string | null | undefined) {
    this.#set('label', value ?? null);
  }

  /**
   * The settings this element gives: the `settings` JSON, else `{ text }` from its content, else
   * `{}`; `null` when the JSON is broken. Setting it writes the `settings` attribute.
   */
  get settings(): Record<string, unknown> | null {
    return pageSettings(this);
  }
  set settings(value: Record<string, unknown> | null | undefined) {
    this.#set('settings', value ? JSON.stringify(value) : null);
  }

  #set(name: string, value: string | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }
}
