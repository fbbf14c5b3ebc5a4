import { ConveneFurniturePanel } from './furniture-panel.component.js';
// The page's <convene-furniture> children, defined here too when convene.js did not.
import './convene-furniture.js';

export { ConveneFurniturePanel };

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get('convene-furniture-panel'))
  customElements.define('convene-furniture-panel', ConveneFurniturePanel);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-panel': ConveneFurniturePanel;
  }
}
