import { css } from 'lit';

/**
 * The design tokens every Convene element reads, and the one place their values are defined:
 * each `--convene-*` custom property a page may set, with light and dark defaults that follow the
 * page's colour scheme (or the `theme` attribute), as a private `--_*` property the styles use.
 * An element that includes these reads all of them through its styles; its class comment lists
 * with `@cssprop` the ones its styles use.
 */
export const tokens = css`
  :host {
    --_bg: var(--convene-color-background, light-dark(#ffffff, #16181d));
    --_fg: var(--convene-color-text, light-dark(#1c1e24, #f1f2f5));
    --_muted: var(--convene-color-muted, light-dark(#5b6070, #a6abb8));
    --_surface: var(--convene-color-surface, light-dark(#eef0f4, #262a33));
    --_accent: var(--convene-color-accent, light-dark(#2453d6, #7fa2ff));
    --_on-accent: var(--convene-color-on-accent, light-dark(#ffffff, #0b1330));
    --_danger: var(--convene-color-danger, light-dark(#b3261e, #ff8a80));
    --_on-danger: var(--convene-color-on-danger, light-dark(#ffffff, #2b0300));
    --_radius: var(--convene-radius, 12px);
    --_gap: var(--convene-spacing, 12px);
    color-scheme: light dark;
    font: var(--convene-font, 400 1rem/1.5 system-ui, sans-serif);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
`;
