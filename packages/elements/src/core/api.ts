/**
 * The Convene server's HTTP API as the browser sees it: every call goes through `request()`, so
 * refusals arrive alike (`ConveneApiError` with the server's code and any Retry-After). Types come
 * from the server's wire contract (`@convene/server/contract`, no zod).
 */
import { PASS_HEADER } from '@convene/server/contract';
import type {
  Directory,
  ErrorBody,
  HandResponse,
  ModerationAction,
  ModerationResponse,
  RoleResponse,
  SeatResponse,
  StageResponse,
  TokenResponse,
} from '@convene/server/contract';
import { ConveneApiError } from './api-error.js';
import type { PassSource } from './pass.js';

export type {
  Directory,
  DirectoryRoom,
  ErrorCode,
  HandResponse,
  ModerationAction,
  ModerationResponse,
  SeatResponse,
  TokenResponse,
} from '@convene/server/contract';

export { ConveneApiError } from './api-error.js';

/** Joins the `server` attribute and a path, whether the attribute ends with a slash or not. */
export function apiUrl(server: string, path: string): string {
  const base = new URL(server.endsWith('/') ? server : `${server}/`, document.baseURI);
  return new URL(path.replace(/^\//, ''), base).href;
}

/** The request headers with the visitor's member pass, when there is one (a header: never in the URL). */
export async function withPass(headers: Record<string, string>, passes?: PassSource): Promise<Record<string, string>> {
  const pass = await passes?.current();
  return pass ? { ...headers, [PASS_HEADER]: pass } : headers;
}

/** One request to the Convene server; a refusal rejects with `ConveneApiError` (for ./doors.ts, which answers 204s too). */
export async function request<T>(
  url: string,
  init: RequestInit & { headers?: Record<string, string> },
  passes?: PassSource,
): Promise<T> {
  const headers = await withPass(init.headers ?? {}, passes);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', ...init, headers });
  } catch {
    throw new ConveneApiError('network', `Could not reach the Convene server at ${new URL(url).origin}.`);
  }
  let body: unknown;
  try {
    body = response.status === 204 ? undefined : await response.json();
  } catch {
    throw new ConveneApiError(
      'bad_response',
      `The Convene server answered ${response.status} without JSON.`,
      response.status,
    );
  }
  if (!response.ok) {
    const error = (body as Partial<ErrorBody>)?.error;
    // A refused pass is not sent again: the next request (Try again) fetches a fresh one.
    if (error?.code?.startsWith('pass_')) passes?.refused();
    const retry = Number(response.headers.get('Retry-After'));
    throw new ConveneApiError(
      error?.code ?? 'bad_response',
      error?.message ?? `The Convene server answered ${response.status}.`,
      response.status,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  return body as T;
}

export interface TokenRequestOptions {
  server: string;
  space: string;
  room: string;
  name: string;
  accessCode?: string;
  /** Door control: an admitted knock, an invite link's secret, this browser's signed guest id. */
  knock?: { id: string; secret: string };
  invite?: string;
  guestId?: string;
  signal?: AbortSignal;
  /** Where the visitor's member pass comes from, if the page gives one. */
  passes?: PassSource;
}

/** Asks the server for a LiveKit token (LiveKit's standard token-endpoint format). */
export function fetchToken(options: TokenRequestOptions): Promise<TokenResponse> {
  return request<TokenResponse>(
    apiUrl(options.server, `api/spaces/${encodeURIComponent(options.space)}/token`),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        room_name: options.room,
        participant_name: options.name,
        ...(options.accessCode ? { access_code: options.accessCode } : {}),
        knock: options.knock,
        invite: options.invite,
        guest_id: options.guestId,
      }),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    options.passes,
  );
}

export interface ModerationRequestOptions {
  server: string;
  space: string;
  room: string;
  /** The moderator's own LiveKit token for the room. */
  token: string;
  action: ModerationAction;
  identity: string;
  /** The moderator's member pass, when the page gives one: the server decides afresh on it. */
  passes?: PassSource;
}

/** Mutes or removes someone, as a moderator (`POST .../rooms/:room/moderation`). */
export function moderate(options: ModerationRequestOptions): Promise<ModerationResponse> {
  const path = `api/spaces/${encodeURIComponent(options.space)}/rooms/${encodeURIComponent(options.room)}/moderation`;
  return request<ModerationResponse>(
    apiUrl(options.server, path),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ action: options.action, identity: options.identity }),
    },
    options.passes,
  );
}

export interface RoleRequestOptions {
  server: string;
  space: string;
  room: string;
  /** The participant's own LiveKit token for the room. */
  token: string;
  passes?: PassSource;
}

/**
 * Asks the server to decide this participant's role afresh (`POST .../rooms/:room/role`): a
 * moderator's proof lapses with a token's lifetime, so a moderator's page renews it before then,
 * and the host site's current word (its sign-in or the pass) decides.
 */
export function renewRole(options: RoleRequestOptions): Promise<RoleResponse> {
  const path = `api/spaces/${encodeURIComponent(options.space)}/rooms/${encodeURIComponent(options.room)}/role`;
  return request<RoleResponse>(
    apiUrl(options.server, path),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
      body: '{}',
    },
    options.passes,
  );
}

/** The space's directory: rooms this visitor may see (with a member pass, the members' rooms too), with who is in them. */
export function fetchDirectory(
  server: string,
  space: string,
  signal?: AbortSignal,
  passes?: PassSource,
): Promise<Directory> {
  return request<Directory>(
    apiUrl(server, `api/spaces/${encodeURIComponent(space)}`),
    { ...(signal ? { signal } : {}) },
    passes,
  );
}

export interface TableTokenRequestOptions {
  server: string;
  space: string;
  room: string;
  /** The breakout table's slug. */
  table: string;
  /** The visitor's LiveKit token for the main room now (`session.bearer`): it proves who asks. */
  token: string;
}

/** A token for one of a room's breakout tables (`POST .../rooms/:room/tables/:table/token`). */
export function fetchTableToken(options: TableTokenRequestOptions): Promise<TokenResponse> {
  const path = `api/spaces/${encodeURIComponent(options.space)}/rooms/${encodeURIComponent(options.room)}/tables/${encodeURIComponent(options.table)}/token`;
  return request<TokenResponse>(apiUrl(options.server, path), {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.token}` },
  });
}

export interface OwnStateRequestOptions {
  server: string;
  space: string;
  room: string;
  /** The visitor's own LiveKit token for the room now (`session.bearer`): the server writes for whoever it names. */
  token: string;
}

function postOwnState<T>(options: OwnStateRequestOptions, what: 'hand' | 'seat' | 'stage', body: unknown): Promise<T> {
  const path = `api/spaces/${encodeURIComponent(options.space)}/rooms/${encodeURIComponent(options.room)}/${what}`;
  return request<T>(apiUrl(options.server, path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
    body: JSON.stringify(body),
  });
}

/** Raises or lowers the visitor's own hand (`POST .../rooms/:room/hand`); the server stamps the time. */
export function setHand(options: OwnStateRequestOptions & { up: boolean }): Promise<HandResponse> {
  return postOwnState<HandResponse>(options, 'hand', { up: options.up });
}

/** Seats the visitor at one of the room's breakout tables, or at none with `""` (`POST .../rooms/:room/seat`). */
export function setSeat(options: OwnStateRequestOptions & { table: string }): Promise<SeatResponse> {
  return postOwnState<SeatResponse>(options, 'seat', { table: options.table });
}

/**
 * A speaker in a stage room steps down to the audience, or a moderator goes back on the stage
 * (`POST .../rooms/:room/stage`, issue 17; anyone else comes up when a moderator brings them).
 */
export function setOnStage(options: OwnStateRequestOptions & { onStage: boolean }): Promise<StageResponse> {
  return postOwnState<StageResponse>(options, 'stage', { on_stage: options.onStage });
}
