/** The stage's layout, as pure functions of what is known: what has the focus, who is on which page, how many columns. */
import type { ParticipantView } from './session.js';

/** Two letters for a tile without video. */
export function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .map((part) => [...part][0] ?? '');
  return (letters.length > 1 ? (letters[0] ?? '') + (letters[letters.length - 1] ?? '') : (letters[0] ?? ''))
    .slice(0, 2)
    .toUpperCase();
}

/** How many tiles fit on a page of a stage this wide (px); fewer when a screen share has the focus. */
export function pageSizeFor(width: number, focused: boolean): number {
  if (focused) return width < 480 ? 2 : width < 960 ? 3 : 5;
  return width < 480 ? 4 : width < 960 ? 9 : 16;
}

/**
 * Columns for `count` tiles on a stage this wide: a square-ish grid, except that more than twelve
 * tiles on a wide stage take five columns, so that four rows of 16:9 tiles fit a laptop's height.
 */
export function columnsFor(count: number, width: number): number {
  const max = width < 480 ? 1 : width < 720 ? 2 : width < 960 ? 3 : width < 1200 ? 4 : 5;
  const square = count > 12 && width >= 1200 ? 5 : Math.ceil(Math.sqrt(count));
  return Math.max(1, Math.min(max, square));
}

/**
 * The order of the tiles, stable as people come and go: the visitor first, then everyone by
 * arrival, except that someone speaking on another page is brought onto the page in view (`page`;
 * the first by default) in place of whoever there spoke least recently, so the speaker stays in
 * view. `previous` is the last order (identities); `pinned` (on every page) takes no place in pages.
 */
export function arrange(
  participants: ParticipantView[],
  previous: string[],
  pageSize: number,
  page = 0,
  pinned?: ParticipantView,
): ParticipantView[] {
  const byId = new Map(participants.map((p) => [p.identity, p]));
  const order = previous.filter((id) => byId.has(id));
  const newcomers = participants
    .filter((p) => !order.includes(p.identity))
    .sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.joinedAt - b.joinedAt);
  for (const p of newcomers) {
    if (p.isLocal) order.unshift(p.identity);
    else order.push(p.identity);
  }
  const views = order.map((id) => byId.get(id) as ParticipantView);
  // Places on pages: every index but the pinned person's.
  const places = views.flatMap((p, i) => (p === pinned ? [] : [i]));
  const inView = places.slice(page * pageSize, (page + 1) * pageSize);
  for (const i of places) {
    if (inView.includes(i)) continue;
    const speaker = views[i] as ParticipantView;
    if (!speaker.isSpeaking || speaker.isLocal) continue;
    let quietest = -1;
    for (const j of inView) {
      const candidate = views[j] as ParticipantView;
      if (candidate.isLocal || candidate.isSpeaking) continue;
      if (quietest < 0 || candidate.lastSpokeAt < (views[quietest] as ParticipantView).lastSpokeAt) quietest = j;
    }
    if (quietest < 0) break;
    views[i] = views[quietest] as ParticipantView;
    views[quietest] = speaker;
  }
  return views;
}

/** What the stage shows: what has the focus, and one page of tiles. */
export interface StageLayout {
  /** Whose screen share has the focus: the spotlighted person's, else someone else's, else the visitor's. */
  presenter: ParticipantView | undefined;
  /** The person in the spotlight, when present: their tile leads every page, and has the focus without a screen share. */
  pinned: ParticipantView | undefined;
  /** The tiles on this page, the pinned one first. */
  visible: ParticipantView[];
  page: number;
  pages: number;
  columns: number;
  /** Everyone's order (identities): `previous` for the next layout. */
  order: string[];
}

/**
 * Lays out the stage `width` px wide at `page`, with `spotlight` (an identity, or `''`) pinned:
 * a screen share keeps the focus (the pinned person's own first) and the pinned tile leads the
 * strip beside it; without one, the pinned tile has the focus. The pinned tile is on every page.
 */
export function layoutStage(
  participants: ParticipantView[],
  previous: string[],
  width: number,
  page: number,
  spotlight: string,
): StageLayout {
  const pinned = participants.find((p) => p.identity === spotlight);
  const presenter = [pinned, ...participants.filter((p) => !p.isLocal), ...participants].find((p) => p?.screen);
  const size = pageSizeFor(width, !!(presenter || pinned)) - (presenter && pinned ? 1 : 0);
  const pages = Math.max(1, Math.ceil((participants.length - (pinned ? 1 : 0)) / size));
  page = Math.max(0, Math.min(page, pages - 1));
  const ordered = arrange(participants, previous, size, page, pinned);
  const rest = ordered.filter((p) => p !== pinned);
  const visible = rest.slice(page * size, (page + 1) * size);
  if (pinned) visible.unshift(pinned);
  const columns = presenter ? visible.length : columnsFor(visible.length, width);
  return { presenter, pinned, visible, page, pages, columns, order: ordered.map((p) => p.identity) };
}
