import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { embedHostAllowed } from '@convene/server/contract';
import { furniture } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { kindStyles } from './kind.styles.js';

/**
 * `embed`: an https page (a form, a document, a board) in a sandboxed iframe, shown only when its
 * host is one the space's config lists (the contract's `embedHostAllowed`, as the server checks the config).
 *
 * @summary A page from another site, in a sandbox.
 * @csspart frame - The iframe.
 * @cssprop --convene-embed-height - The iframe's height (28rem).
 */
export class ConveneFurnitureEmbed extends LitElement {
  static override styles = [
    kindStyles,
    css`
      iframe {
        display: block;
        width: 100%;
        height: var(--convene-embed-height, 28rem);
        border: 0;
        border-radius: var(--_radius);
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture);

  /** `{ url, title }`. */
  @property({ attribute: false }) settings?: { url?: string; title?: string };
  /** The hosts the space allows. */
  @property({ attribute: false }) embedHosts: readonly string[] = [];

  override render() {
    const t = this.#localize.t;
    const url = this.settings?.url ?? '';
    if (!embedHostAllowed(url, this.embedHosts)) {
      let host = url;
      try {
        host = new URL(url).host;
      } catch {
        // Shown as written.
      }
      return html`<p role="note">${t.embedNotAllowed(host)}</p>`;
    }
    return html`<iframe
        part="frame"
        src=${url}
        title=${this.settings?.title ?? url}
        sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
        loading="lazy"
        allow=""
      ></iframe>
      <p><a href=${url} target="_blank" rel="noopener noreferrer">${t.embedOpen}</a></p>`;
  }
}
