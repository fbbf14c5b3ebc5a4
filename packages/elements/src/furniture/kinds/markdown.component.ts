import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { kindStyles } from './kind.styles.js';
import { renderMarkdown } from './markdown.js';

/**
 * `markdown`: a block of text from the config or the page (headings, links, lists), rendered
 * as a safe subset; links open in a new tab without handing over the page.
 *
 * @summary Notes in a room.
 */
export class ConveneFurnitureMarkdown extends LitElement {
  static override styles = [
    kindStyles,
    css`
      :host {
        line-height: 1.5;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--_accent);
      }
    `,
  ];

  /** `{ text }`: the Markdown. */
  @property({ attribute: false }) settings?: { text?: string };

  override render() {
    return html`<div part="content">${renderMarkdown(this.settings?.text ?? '')}</div>`;
  }
}
