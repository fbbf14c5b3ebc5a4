import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * A piece of furniture placed in a room by the page. Put it inside `<convene-room>`; the room's
 * furniture panel reads it. When a page lists any, the page's list replaces the config's.
 *
 * @summary A piece of furniture written in the page's markup.
 * @slot - For `markdown`: the text, when `settings` gives none.
 */
export class ConveneFurniture extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** The kind: `chat`, `markdown`, `hand-raise`, `spotlight`, `embed`, or one a page defined. */
  @property({ reflect: true }) kind = '';

  /** The tab's label; the kind's own when absent. */
  @property({ reflect: true }) label?: string;

  /** The settings as JSON (`{"url": "https://…"}`); for `markdown`, the text content may stand in. */
  @property({ attribute: 'settings' }) settingsJson?: string;

  /** The settings this element gives: the `settings` JSON, else `{ text }` from its content, else `{}`; `null` when the JSON is broken. */
  get settings(): Record<string, unknown> | null {
    if (this.settingsJson) {
      try {
        const value: unknown = JSON.parse(this.settingsJson);
        return typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : null;
      } catch {
        return null;
      }
    }
    const text = dedent(this.textContent ?? '');
    return text.trim() ? { text } : {};
  }

  override render() {
    return html`<slot></slot>`;
  }
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
