/** The `<convene-room>` section of the string table (merged into `en` and `es` in ./strings.ts). */
import type { ErrorCode } from '../core/api.js';

/** Why a visitor is no longer in a room (see `LeftReason`). */
export type LeftReasonKey = 'left' | 'removed' | 'room-closed' | 'connection-lost' | 'duplicate';
/**
 * Every failure a room can meet: the server's error codes and the browser's own. Furniture's:
 * `unknown_furniture` (a piece the page cannot show: unknown kind, invalid settings, failed load)
 * and `duplicate_furniture` (a second piece of a kind a room has once, such as `chat`).
 * An end-to-end encrypted room's: `e2ee_key_required` (no key in the link, no passphrase typed) and
 * `e2ee_unsupported` (the browser lacks what encryption needs).
 */
export type ErrorKey =
  | ErrorCode
  | 'network'
  | 'bad_response'
  | 'livekit_unreachable'
  | 'pass_unavailable'
  | 'unknown_furniture'
  | 'duplicate_furniture'
  | 'e2ee_key_required'
  | 'e2ee_unsupported';
/** What went wrong with a camera or microphone. */
export type MediaProblemKey = 'denied' | 'missing' | 'in-use' | 'other';

/** What `<convene-room>` says: pre-join, the stage, the controls, and every state a visitor meets. */
export interface RoomStrings {
  yourName: string;
  join: string;
  joining: string;
  leave: string;
  microphone: string;
  camera: string;
  screenShare: string;
  devices: string;
  speaker: string;
  you: (name: string) => string;
  participants: (count: number) => string;
  stage: string;
  controls: string;
  previewOff: string;
  microphoneLevel: string;
  accessCode: string;
  accessCodeHint: string;
  signIn: string;
  muted: (name: string) => string;
  connectionQuality: Record<'excellent' | 'good' | 'poor' | 'lost' | 'unknown', string>;
  presenting: (name: string) => string;
  /** The badge on the tile pinned to the stage by the room's `spotlight`. */
  spotlight: string;
  spotlightOn: (name: string) => string;
  spotlightCleared: string;
  page: (page: number, pages: number) => string;
  previousPage: string;
  nextPage: string;
  startAudio: string;
  audioBlocked: string;
  connecting: string;
  reconnecting: string;
  /**
   * On someone's tile: what arrives of them stopped (`stalled`), or the visitor's own connection to the
   * video service is being made again and they were in the call (`reconnecting`).
   */
  tileConnection: { stalled: string; reconnecting: string };
  inRoom: string;
  rejoin: string;
  tryAgain: string;
  backToPrejoin: string;
  leftBecause: Record<LeftReasonKey, string>;
  errors: Record<ErrorKey, string>;
  retryIn: (seconds: number) => string;
  cameraProblem: Record<MediaProblemKey, string>;
  microphoneProblem: Record<MediaProblemKey, string>;
  screenShareFailed: string;
  muteParticipant: (name: string) => string;
  removeParticipant: (name: string) => string;
  confirmRemove: (name: string) => string;
  moderationFailed: string;
  joined: (name: string) => string;
  departed: (name: string) => string;
  nameRequired: string;
  missingAttributes: (names: string) => string;
}

export const roomEn: RoomStrings = {
  yourName: 'Your name',
  join: 'Join',
  joining: 'Joining…',
  leave: 'Leave',
  microphone: 'Microphone',
  camera: 'Camera',
  screenShare: 'Share screen',
  devices: 'Devices',
  speaker: 'Speaker',
  you: (name) => `${name} (you)`,
  participants: (count) => (count === 1 ? '1 person' : `${count} people`),
  stage: 'People in the room',
  controls: 'Room controls',
  previewOff: 'Your camera is off',
  microphoneLevel: 'Microphone level',
  accessCode: 'Access code',
  accessCodeHint: 'This room is locked. Enter the access code you were given.',
  signIn: 'Sign in',
  muted: (name) => `${name}'s microphone is off`,
  connectionQuality: {
    excellent: 'Excellent connection',
    good: 'Good connection',
    poor: 'Poor connection',
    lost: 'Connection lost',
    unknown: 'Connection quality unknown',
  },
  presenting: (name) => `${name} is sharing their screen`,
  spotlight: 'Spotlight',
  spotlightOn: (name) => `${name} is in the spotlight`,
  spotlightCleared: 'Spotlight cleared',
  page: (page, pages) => `Page ${page} of ${pages}`,
  previousPage: 'Previous page of people',
  nextPage: 'Next page of people',
  startAudio: 'Start audio',
  audioBlocked: 'Your browser paused the sound of this room.',
  connecting: 'Connecting to the room…',
  reconnecting: 'The connection dropped. Reconnecting… You stay in the room.',
  tileConnection: {
    stalled: 'Connection lost — reconnecting…',
    reconnecting: 'Reconnecting to the video service…',
  },
  inRoom: 'You are in the room.',
  rejoin: 'Join again',
  tryAgain: 'Try again',
  backToPrejoin: 'Back',
  leftBecause: {
    left: 'You left the room.',
    removed: 'A moderator removed you from the room.',
    'room-closed': 'The room was closed.',
    'connection-lost': 'The connection to the room was lost. Check your network and join again.',
    duplicate: 'You joined this room from another tab or device, so this one was disconnected.',
  },
  errors: {
    invalid_request: 'The room could not open: the page asked for it in a way the server does not accept.',
    access_code_required: 'This room is locked. Enter its access code.',
    access_code_invalid: 'That access code is not right. Check it and try again.',
    members_only: 'This room is for members only.',
    space_not_found: 'This space does not exist on the Convene server. The page may link to an old address.',
    room_not_found: 'This room does not exist. The page may link to an old address.',
    participant_not_found: 'That person is not in the room.',
    not_found: 'The Convene server does not know this address.',
    room_full: 'The room is full. Try again when someone leaves.',
    payload_too_large: 'The request was too large for the server.',
    unsupported_media_type: 'The server did not understand the request.',
    rate_limited: 'Too many attempts. Wait a moment, then try again.',
    forbidden: 'You are not allowed to do that here.',
    unauthorized: 'You need to sign in for that.',
    origin_not_allowed: 'This website is not allowed to open rooms on this Convene server. Tell the site’s owner.',
    livekit_unavailable: 'The video service is not reachable right now. Try again in a moment.',
    internal_error: 'The Convene server had a problem. Try again in a moment.',
    pass_invalid: 'Your sign-in could not be checked. Sign in again on the website, then try again.',
    pass_unknown_key:
      'Your sign-in was signed with a key this Convene server does not know. Sign in again on the website; if this keeps happening, tell its organisers.',
    pass_expired: 'Your sign-in has expired. Try again, or sign in again on the website.',
    pass_not_yet_valid:
      'Your sign-in is not valid yet: the website’s clock is ahead of the server’s. Wait a minute, then try again.',
    pass_too_long: 'Your sign-in is valid for longer than this Convene server accepts. Tell the website’s organisers.',
    pass_wrong_space: 'Your sign-in is for another space. Sign in again on the website, then try again.',
    pass_not_accepted: 'This space does not take sign-ins from other websites. Tell the website’s organisers.',
    pass_keys_unavailable: 'Your sign-in cannot be checked right now. Try again in a moment.',
    knock_required: 'A moderator has locked this room. Ask to come in, and someone inside will let you in.',
    knock_not_needed: 'You can go straight in: this room does not need you to ask.',
    knock_not_found: 'That request to come in has ended. Ask again if you still want to come in.',
    knock_not_admitted: 'Nobody has let you in yet. Wait for an answer, or ask again.',
    invite_invalid: 'This invite link has expired or was withdrawn. Ask whoever sent it for a new one.',
    kept_out:
      'A moderator removed you from this room. You can come back when this meeting ends, or if a moderator lets you back in.',
    store_unavailable: 'The Convene server cannot check who may enter right now. Try again in a moment.',
    pass_unavailable:
      'Could not check your sign-in with the website. Check your connection and try again; if this keeps happening, tell the website’s organisers.',
    network: 'Could not reach the Convene server. Check your connection and try again.',
    bad_response: 'The Convene server gave an answer that could not be read. Try again in a moment.',
    livekit_unreachable: 'Could not connect to the video service. Check your connection and try again.',
    unknown_furniture: 'This room has furniture this page cannot show.',
    duplicate_furniture: 'This room has the same furniture twice; only the first one is shown.',
    e2ee_key_required:
      'This room is end-to-end encrypted: enter its passphrase, or open the invite link that carries its key.',
    e2ee_unsupported: 'This browser can’t join encrypted rooms. Use a recent Chrome, Edge, Firefox or Safari.',
  },
  retryIn: (seconds) => `You can try again in ${seconds} seconds.`,
  cameraProblem: {
    denied: 'Your browser blocks the camera for this site. Allow it in the site settings, or join without it.',
    missing: 'No camera was found. You can join without it.',
    'in-use': 'Another app is using your camera. Close it, or join without it.',
    other: 'The camera could not start. You can join without it.',
  },
  microphoneProblem: {
    denied: 'Your browser blocks the microphone for this site. Allow it in the site settings, or join without it.',
    missing: 'No microphone was found. You can join without it.',
    'in-use': 'Another app is using your microphone. Close it, or join without it.',
    other: 'The microphone could not start. You can join without it.',
  },
  screenShareFailed: 'Your screen could not be shared.',
  muteParticipant: (name) => `Mute ${name}`,
  removeParticipant: (name) => `Remove ${name} from the room`,
  confirmRemove: (name) => `Remove ${name}? Press again to confirm`,
  moderationFailed: 'That did not work. Try again.',
  joined: (name) => `${name} joined`,
  departed: (name) => `${name} left`,
  nameRequired: 'Enter your name to join.',
  missingAttributes: (names) => `This room cannot open: the page did not give its ${names}.`,
};
