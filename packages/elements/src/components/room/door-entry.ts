/**
 * What every visitor's room needs of its door (issue 13), kept small because every room carries it:
 * the room as the directory lists it (a locked room's pre-join shows the code field from the start),
 * the invite and this browser's guest id that the token request carries, and the guest id the
 * server gives back. It also says when the door's own chunk (./doors.ts: knocking, the moderators'
 * queue and lock, invites, keeping out) is needed: a locked or knockable room, a refusal the door
 * answers, a moderator or a member in the room. A guest entering a public room never loads it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { INVITE_PARAM, type DirectoryRoom } from '@convene/server/contract';
import { fetchDirectory } from '../../core/api.js';
import type { DoorsApi } from '../../core/doors.js';
import { storeGuestId, storedGuestId } from '../../core/guest-id.js';
import type { PassSource } from '../../core/pass.js';
import type { ErrorKey } from '../../i18n/strings.js';
import type { ConveneSession } from './session.js';

/** Refusals the door answers (knocking, the reason, its invite handling): its chunk loads after them. */
export const DOOR_ERRORS: ReadonlySet<string> = new Set([
  'knock_required',
  'access_code_required',
  'members_only',
  'kept_out',
  'invite_invalid',
]);

/** What the door's entry needs of `<convene-room>`. */
export interface DoorEntryHost extends ReactiveControllerHost, HTMLElement {
  readonly server: string;
  readonly space: string;
  readonly room: string;
  /** An invite's secret given by the page (else the page URL's `convene_invite`). */
  readonly invite: string;
  readonly session: ConveneSession | undefined;
  /** Door requests for a view test (fixtures); the server's by default. */
  readonly doorsApi?: DoorsApi | undefined;
}

export class DoorEntry implements ReactiveController {
  /** The room as the directory lists it, once known (`undefined`: not listed, or not known yet). */
  info: DirectoryRoom | undefined;
  /** The directory has answered (or could not be asked): `info` is what is known before joining. */
  settled = false;
  #infoLoaded = false;
  #urlInviteRefused = false;
  #phase = 'idle';

  constructor(
    private readonly host: DoorEntryHost,
    /** The pass source the room's requests carry (its own, or its space's). */
    private readonly passes: () => PassSource | undefined,
    /** Loads the door's chunk (once; again only after it failed to load). */
    private readonly needed: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#infoLoaded) return;
    this.#infoLoaded = true;
    void this.loadInfo();
  }

  hostUpdate(): void {
    const session = this.host.session;
    const state = session?.state.value;
    // A moderator (by the token, or renewed since) or a member (no guest id): the door's controls in the room.
    if (state?.phase === 'connected' && (session?.isModerator || (session?.token && !session.token.guest_id))) {
      this.needed();
    }
    const phase = state?.phase ?? 'idle';
    if (phase === this.#phase) return;
    this.#phase = phase;
    if (state?.phase === 'error') {
      // The page URL's invite was refused (it may be for another room on this page): not sent again.
      if (state.code === 'invite_invalid' && !this.host.invite) this.#urlInviteRefused = true;
      if (DOOR_ERRORS.has(state.code)) this.needed();
    } else if (phase === 'connected') {
      const guestId = session?.token?.guest_id;
      if (guestId) storeGuestId(this.host.server, guestId);
    }
  }

  /** Asks the directory about the room (again, for a moderator who may have locked it). */
  async loadInfo(): Promise<void> {
    const { server, space, room, doorsApi } = this.host;
    const passes = this.passes();
    try {
      this.info = doorsApi
        ? await doorsApi.roomInfo({ server, space, room, passes })
        : (await fetchDirectory(server, space, undefined, passes)).rooms.find((r) => r.slug === room);
    } catch {
      // Unknown: the token request's refusal says what the door needs.
    }
    this.settled = true;
    const info = this.info;
    if (info && (info.access === 'locked' || info.knock || info.locked_by_moderator)) this.needed();
    this.host.requestUpdate();
  }

  /** The invite this room's token request carries: the element's, else the page URL's. */
  get inviteSecret(): string {
    if (this.host.invite) return this.host.invite;
    return this.#urlInviteRefused ? '' : (new URLSearchParams(location.search).get(INVITE_PARAM) ?? '');
  }

  /** What every token request carries of the door: the invite, this browser's guest id. */
  tokenFields(): { invite?: string; guestId?: string } {
    const invite = this.inviteSecret;
    const guestId = storedGuestId(this.host.server);
    return { ...(invite ? { invite } : {}), ...(guestId ? { guestId } : {}) };
  }

  /** Pre-join shows the access-code field from the start: the directory says the room is locked (and no invite carries the visitor past it). */
  get showsCode(): boolean {
    return this.info?.access === 'locked' && !this.inviteSecret;
  }

  /** Refusals pre-join answers with "Ask to come in" (shown once the door's chunk is here). */
  keepsPrejoin(code: ErrorKey): boolean {
    return code === 'knock_required' || (code === 'members_only' && !!this.info?.knock);
  }
}
