import { css } from 'lit';

/**
 * The reactions floating over the tiles of the room's stage (stage.ts draws them): over the tile,
 * never in the way of a pointer; a fade, and a rise where motion is welcome. Reactions come only
 * from furniture (the hand-raise kind, or a kind of the page's calling `showReaction`), and all
 * furniture sits in the panel that wraps the stage: the panel adopts these into the room's shadow
 * root, so that a room without furniture does not load them.
 */
export const reactionStyles = css`
  .reactions {
    position: absolute;
    inset: 0;
    pointer-events: none;
  }
  .reactions span {
    position: absolute;
    inset-block-end: 30%;
    inset-inline-start: 44%;
    font-size: 2rem;
    line-height: 1;
    animation: fade 3s forwards;
  }
  .reactions [data-slot='1'] {
    inset-inline-start: 24%;
  }
  .reactions [data-slot='2'] {
    inset-inline-start: 64%;
  }
  .reactions [data-slot='3'] {
    inset-inline-start: 34%;
  }
  .reactions [data-slot='4'] {
    inset-inline-start: 54%;
  }
  @keyframes fade {
    60% {
      opacity: 1;
    }
    to {
      opacity: 0;
    }
  }
  @keyframes rise {
    to {
      transform: translateY(-150%);
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .reactions span {
      animation:
        fade 3s forwards,
        rise 3s ease-out forwards;
    }
  }
`;
