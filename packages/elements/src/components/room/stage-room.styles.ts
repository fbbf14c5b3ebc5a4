import { css } from 'lit';

/** A stage room's look (the count watching, the device check, the queue to speak); adopted by the room when its stage chunk loads. */
export const stageRoomStyles = css`
  .prejoin:has(> .preview-column[hidden]) {
    grid-template-columns: minmax(0, 32rem);
  }
  .watch-hint {
    margin: 0 0 8px;
  }
  .stage-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 16px;
    margin-block-end: var(--_gap);
  }
  .stage-header p {
    margin: 0;
  }
  .watching {
    font-weight: 600;
  }
  .device-check,
  .speak-queue {
    display: grid;
    gap: 8px;
    margin: 0 auto var(--_gap);
    padding: 12px;
    width: min(100%, 32rem);
    border-radius: var(--_radius);
    background: var(--_surface);
    border-inline-start: 4px solid var(--_accent);
  }
  .device-check h2,
  .speak-queue h2 {
    margin: 0;
    font-size: 1rem;
  }
  .device-check .preview {
    max-width: 20rem;
  }
  .check-devices {
    display: grid;
    gap: 8px;
  }
  .check-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .speak-queue ol {
    margin: 0;
    padding-inline-start: 1.5rem;
    display: grid;
    gap: 6px;
  }
  .speak-queue li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .speak-queue .who {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }
`;
