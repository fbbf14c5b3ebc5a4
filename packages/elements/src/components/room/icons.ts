/**
 * The room's icons, inline (no requests to any host): 24×24 strokes in `currentColor`, hidden
 * from assistive technology (every control carries its own text).
 */
import { svg, type SVGTemplateResult } from 'lit';

const icon = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const micIcon = icon(
  svg`<rect x="9" y="2" width="6" height="12" rx="3"/><path d="M5 10a7 7 0 0 0 14 0M12 17v4M8 21h8"/>`,
);
export const micOffIcon = icon(
  svg`<path d="M15 9.3V5a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 5 2.2M5 10a7 7 0 0 0 11.5 5.4M19 10a7 7 0 0 1-.4 2.3M12 17v4M8 21h8M3 3l18 18"/>`,
);
export const cameraIcon = icon(svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-3v10l-6-3"/>`);
export const cameraOffIcon = icon(
  svg`<path d="M10 6h4a2 2 0 0 1 2 2v3l6-4v10M16 16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2M3 3l18 18"/>`,
);
export const screenIcon = icon(svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`);
export const devicesIcon = icon(
  svg`<circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/>`,
);
export const leaveIcon = icon(svg`<path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9"/>`);
export const previousIcon = icon(svg`<path d="M15 18l-6-6 6-6"/>`);
export const nextIcon = icon(svg`<path d="M9 18l6-6-6-6"/>`);
export const speakerIcon = icon(svg`<path d="M11 5L6 9H2v6h4l5 4V5zM15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14"/>`);

/** Signal bars for a connection quality: 3 lit for excellent, 2 good, 1 poor, 0 lost. */
export function qualityIcon(bars: number): SVGTemplateResult {
  return svg`<svg class="icon quality" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${[
    0, 1, 2,
  ].map(
    (i) =>
      svg`<rect x=${1 + i * 5} y=${10 - i * 4} width="4" height=${5 + i * 4} rx="1" fill="currentColor" opacity=${i < bars ? '1' : '0.3'}/>`,
  )}</svg>`;
}
