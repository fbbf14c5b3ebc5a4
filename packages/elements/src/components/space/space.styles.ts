import { css } from 'lit';

export const spaceStyles = css`
  /* The directory sits on the page's own background unless the page sets one or chooses a theme. */
  :host(:not([theme='light'], [theme='dark'])) {
    --_bg: var(--convene-color-background, transparent);
  }
  :host {
    display: block;
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_fg);
  }
  /* A theme the page chose for the element (not the page's own scheme) brings the tokens' background. */
  :host([theme='light']),
  :host([theme='dark']) {
    padding: var(--_gap);
    border-radius: var(--_radius);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .space-name {
    margin: 0 0 var(--_gap);
    font-size: 1.25rem;
  }
  .directory {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .card p {
    margin: 0;
  }
  h3 {
    margin: 0;
    font-size: 1.05rem;
  }
  .badge {
    font-size: 0.75rem;
    font-weight: 600;
    padding: 1px 8px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    vertical-align: middle;
  }
  .description,
  .access {
    color: var(--_muted);
  }
  /* The space's own words run in their own direction (an English description on an Arabic page). */
  .description {
    unicode-bidi: plaintext;
  }
  .access {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.875rem;
  }
  .access svg {
    width: 1.1em;
    height: 1.1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    flex: none;
  }
  .presence.stale {
    color: var(--_muted);
    font-style: italic;
  }
  .capacity {
    font-size: 0.875rem;
    font-weight: 600;
  }
  .capacity.full {
    color: var(--_danger);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 8px 16px;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  .enter {
    margin-block-start: auto;
    align-self: flex-start;
  }
  .sign-in {
    font-weight: 600;
    padding: 8px 16px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:focus-visible,
  .sign-in:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .back {
    background: transparent;
    color: var(--_fg);
    border-color: var(--_muted);
    margin-block-end: var(--_gap);
  }
  /* Back points the way the line starts: right in right-to-left text. */
  :host(:dir(rtl)) .back [aria-hidden] {
    display: inline-block;
    transform: scaleX(-1);
  }
  .banner {
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    margin: 0 0 var(--_gap);
  }
  .banner.error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    border-inline-start: 4px solid var(--_danger);
  }
  .banner.error p {
    margin: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .presence {
      transition: color 200ms ease;
    }
  }
`;
