/**
 * This browser's signed guest id (door control, issue 13): the server gives a guest one with the
 * token (`guest_id`), the room sends it back with its next token request, so "remove and keep out"
 * recognises the browser. Every visitor's room needs this, so it stays out of the door's chunk.
 */

/** The key in `localStorage`: one JSON object, server URL → guest id. */
export const GUEST_KEY = 'convene.guest-id';

/** This browser's signed guest id for a Convene server, kept in `localStorage` (`''` when none, or storage is unavailable). */
export function storedGuestId(server: string): string {
  try {
    return (JSON.parse(localStorage.getItem(GUEST_KEY) ?? '{}') as Record<string, string>)[server] ?? '';
  } catch {
    return '';
  }
}

/** Keeps the guest id the server gave this browser, per server URL. */
export function storeGuestId(server: string, guestId: string): void {
  try {
    const all = JSON.parse(localStorage.getItem(GUEST_KEY) ?? '{}') as Record<string, string>;
    if (all[server] === guestId) return;
    localStorage.setItem(GUEST_KEY, JSON.stringify({ ...all, [server]: guestId }));
  } catch {
    // storage may be unavailable (private mode, sandboxed frames): the server gives a new id next time
  }
}
