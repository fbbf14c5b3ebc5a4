import { ConveneFurnitureMarkdown } from './markdown.component.js';

export { ConveneFurnitureMarkdown };

/** The tag the panel creates for a `markdown` piece. */
export const tag = 'convene-furniture-markdown';

// An embed may be loaded twice on one page: define once.
if (!customElements.get(tag)) customElements.define(tag, ConveneFurnitureMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-markdown': ConveneFurnitureMarkdown;
  }
}
