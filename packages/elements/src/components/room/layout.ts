/** The stage's layout, as pure functions of what is known: who is on which page, how many columns. */
import type { ParticipantView } from '../../core/session.js';

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
  return width < 480 ? 4 : width < 960 ? 9 : 12;
}

/** Columns for `count` tiles on a stage this wide. */
export function columnsFor(count: number, width: number): number {
  const max = width < 480 ? 1 : width < 720 ? 2 : width < 960 ? 3 : 4;
  return Math.max(1, Math.min(max, Math.ceil(Math.sqrt(count))));
}

/**
 * The order of the tiles, stable as people come and go: the visitor first, then everyone by
 * arrival, except that someone speaking on a later page is brought onto the first page in place
 * of whoever there spoke least recently. `previous` is the last order (identities).
 */
export function arrange(participants: ParticipantView[], previous: string[], pageSize: number): ParticipantView[] {
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
  for (let i = pageSize; i < views.length; i++) {
    const speaker = views[i] as ParticipantView;
    if (!speaker.isSpeaking) continue;
    let quietest = -1;
    for (let j = 0; j < Math.min(pageSize, views.length); j++) {
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
