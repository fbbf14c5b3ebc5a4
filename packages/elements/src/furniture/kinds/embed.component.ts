import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { furnitureStrings } from '../strings.js';
import { kindStyles } from './kind.styles.js';

/** Whether `url` is https and its host is one of `hosts` (or a subdomain of `*.host` entries). */
export function embedAllowed(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((allowed) => {
    const a = allowed.toLowerCase();
    return a.startsWith('*.') ? host.endsWith(a.slice(1)) : host === a;
  });
}

/**
 * `embed`: an https page (a form, a document, a board) in a sandboxed iframe, shown only when its
 * host is one the space's config lists.
 *
 * @summary A page from another site, in a sandbox.
 * @csspart frame - The iframe.
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
        border-radius: var(--convene-radius, 0.5rem);
      }
    `,
  ];

  /** `{ url, title }`. */
  @property({ attribute: false }) settings?: { url?: string; title?: string };
  /** The hosts the space allows. */
  @property({ attribute: false }) embedHosts: readonly string[] = [];

  override render() {
    const t = furnitureStrings(this);
    const url = this.settings?.url ?? '';
    if (!embedAllowed(url, this.embedHosts)) {
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
