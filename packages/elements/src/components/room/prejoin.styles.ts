import { css } from 'lit';

/** Pre-join's look: the preview, the level meter, the toggles and the form (part of `roomStyles`, in order). */
export const prejoinStyles = css`
  .prejoin {
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
    /* Room for focus rings inside the scrolling box. */
    padding: 4px;
    margin: -4px;
    display: grid;
    gap: calc(var(--_gap) * 2);
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    align-items: start;
  }
  @container (max-width: 640px) {
    .prejoin {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .preview-column {
    display: grid;
    gap: var(--_gap);
  }
  .preview {
    aspect-ratio: var(--_aspect);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow: hidden;
    display: grid;
    place-items: center;
    text-align: center;
    color: var(--_muted);
  }
  .level meter {
    width: 100%;
    height: 8px;
  }
  .toggles {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .note,
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  form {
    display: grid;
    gap: 8px;
    align-content: start;
  }
  label {
    font-weight: 600;
  }
  label.device {
    display: grid;
    gap: 4px;
  }
  input,
  select {
    font: inherit;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
    min-width: 0;
  }
  form button[type='submit'] {
    margin-block-start: 8px;
  }
`;
