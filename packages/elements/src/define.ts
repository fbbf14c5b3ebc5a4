// The script-tag embed (dist/convene.js), and `@convene/elements/define.js`: defines every Convene
// element. <convene-space> and <convene-furniture> at once; <convene-room> as soon as the page has
// one (its code is a chunk of its own, so a page that only lists rooms never loads it: issue 19).
// `customElements.whenDefined('convene-room')` says when a room is ready; `loadRoom()` gives the
// room's module (ConveneRoom, RoomSession, MediaPreview, RoomController, PreviewController).
// Exported here: what is small and the space, the furniture API and the events need anyway; the
// npm package's entry (index.ts) exports everything.
import './components/space/convene-space.js';
import './furniture/convene-furniture.js';
import { loadRoomWhenUsed } from './lazy-define.js';

loadRoomWhenUsed();

export { loadRoom } from './lazy-define.js';
export type { ConveneRoom, RoomTheme } from './components/room/room.component.js';
export type { MediaProblem, PreviewState } from './components/room/media-preview.js';
export { ConveneSpace } from './components/space/space.component.js';
export {
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneParticipantJoinedEvent,
  ConveneParticipantLeftEvent,
} from './components/room/room.events.js';
export { ConveneErrorEvent } from './core/error-event.js';
export { LEFT_REASONS } from './components/room/session.js';
export { loadLivekit } from './core/livekit.js';
export type {
  ConnectionQualityName,
  ConveneSession,
  JoinOptions,
  LeftReason,
  MediaState,
  MediaTrack,
  ParticipantChange,
  ParticipantView,
  Reaction,
  Readable,
  SessionOptions,
  SessionState,
  Subscribable,
} from './components/room/session.js';
export { ConveneApiError, fetchDirectory, fetchToken, moderate, apiUrl } from './core/api.js';
export { Emitter, Store } from './core/observable.js';
export { PassSource, passExpiry, type PassProvider, type PassSettings } from './core/pass.js';
export { LocalizeController } from './i18n/localize-controller.js';
export {
  en,
  loadStrings,
  registerStrings,
  stringsFor,
  withOverrides,
  type ConveneStringOverrides,
  type ConveneStrings,
  type ErrorKey,
  type LeftReasonKey,
  type MediaProblemKey,
} from './i18n/strings.js';
export { SpaceDirectory, FixedDirectory, applyPresence } from './components/space/directory.js';
export type { DirectorySource, DirectoryState, DirectoryOptions } from './components/space/directory.js';
export { PresenceController } from './components/space/presence-controller.js';
export {
  ConvenePresenceChangedEvent,
  ConveneRoomEnteredEvent,
  ConveneRoomLeftEvent,
} from './components/space/space.events.js';
export { NAVIGATION_MODES, roomFromHash, type NavigationMode } from './components/space/space.component.js';
export { spaceEn, type SpaceStrings } from './i18n/space-strings.js';
export { defineFurniture, furnitureDefinition, furnitureKindNames, FURNITURE_KIND } from './furniture/registry.js';
export type {
  FurnitureDefinition,
  FurnitureElement,
  FurnitureElementSource,
  SettingsSchema,
  SafeParseResult,
} from './furniture/registry.js';
export { ConveneReactionEvent, ConveneSpotlightEvent, ConveneUnreadEvent } from './furniture/events.js';
export { ConveneFurniture } from './furniture/furniture.component.js';
export type { ConveneFurniturePanel, FurnitureSession } from './furniture/furniture-panel.component.js';
