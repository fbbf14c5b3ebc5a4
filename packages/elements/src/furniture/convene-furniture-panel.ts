import { ConveneFurniturePanel } from './furniture-panel.component.js';
// The page's <convene-furniture> children, defined here too when convene.js did not.
import './convene-furniture.js';

export { ConveneFurniturePanel };

// An embed may be loaded twice on one page: define once.
const tag = 'convene-furniture-panel';
// eslint-disable-next-line no-restricted-syntax -- this is the registration file (eslint's exemption names src/components/* only)
if (!customElements.get(tag)) customElements.define(tag, ConveneFurniturePanel);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-panel': ConveneFurniturePanel;
  }
}
