import { ConveneFurniturePanel } from './furniture-panel.component.js';
// The page's <convene-furniture> children, defined here too when convene.js did not.
import './convene-furniture.js';

export { ConveneFurniturePanel };

// An embed may be loaded twice on one page: define once.
const tag = 'convene-furniture-panel';
if (!customElements.get(tag)) customElements.define(tag, ConveneFurniturePanel);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-panel': ConveneFurniturePanel;
  }
}
