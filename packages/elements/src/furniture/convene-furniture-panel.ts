import { ConveneFurniturePanel } from './furniture-panel.component.js';

export { ConveneFurniturePanel };

// An embed may be loaded twice on one page: define once.
if (!customElements.get('convene-furniture-panel'))
  customElements.define('convene-furniture-panel', ConveneFurniturePanel);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-panel': ConveneFurniturePanel;
  }
}
