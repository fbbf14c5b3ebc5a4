/**
 * A piece of furniture placed in a room by the page. Put it inside `<convene-room>`; the room's
 * furniture panel reads it. When a page lists any, the page's list replaces the config's. It shows
 * nothing itself (a plain element, not Lit: it ships in convene.js).
 *
 * @summary A piece of furniture written in the page's markup.
 * @attr kind - The kind: `chat`, `markdown`, `hand-raise`, `spotlight`, `embed`, `breakout-tables`, or one a page defined.
 * @attr label - The tab's label; the kind's own when absent.
 * @attr settings - The settings as JSON (`{"url": "https://…"}`); for `markdown`, the text content may stand in.
 */
export class ConveneFurniture extends HTMLElement {
  constructor() {
    super();
    // An empty shadow root: the text content (markdown's) is data, not shown in place.
    this.attachShadow({ mode: 'open' });
  }

  /** The kind (the `kind` attribute). */
  get kind(): string {
    return this.getAttribute('kind') ?? '';
  }
  set kind(value: string) {
    this.setAttribute('kind', value);
  }

  /** The tab's label (the `label` attribute). */
  get label(): string | null {
    return this.getAttribute('label');
  }
  set label(value: string | null) {
    if (value === null) this.removeAttribute('label');
    else this.setAttribute('label', value);
  }

  /** The settings this element gives: the `settings` JSON, else `{ text }` from its content, else `{}`; `null` when the JSON is broken. */
  get settings(): Record<string, unknown> | null {
    return pageSettings(this);
  }
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
