import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';

/** Says, above a `Live/` story, what it needs: the `npm start` demo on http://localhost:8080. */
export const needsDemoServer: Decorator = (story) =>
  html`<p style="margin: 0 0 1rem; font: 14px/1.4 system-ui, sans-serif">
      Live: this story talks to the demo stack. Run <code>npm start</code> first (it serves the space
      <code>river-coop</code> on <code>http://localhost:8080</code>); without it, you see what a visitor sees when the
      server cannot be reached.
    </p>
    ${story()}`;
