// Importing this module registers nothing; import './define.js' or a `convene-*.js` file for that.
export { ConveneRoom, ROOM_THEMES, type RoomTheme } from './components/room/room.component.js';
export { ConveneSpace } from './components/space/space.component.js';
export {
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneParticipantJoinedEvent,
  ConveneParticipantLeftEvent,
} from './components/room/room.events.js';
export { ConveneErrorEvent } from './core/error-event.js';
export { RoomSession } from './components/room/room-session.js';
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
export { MediaPreview, mediaProblem, type MediaProblem, type PreviewState } from './components/room/media-preview.js';
export { RoomController } from './components/room/room-controller.js';
export { PreviewController } from './components/room/preview-controller.js';
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
// Lit's bare ReactiveElement, so importing it on a server is safe, as for the room and the space.
export { ConveneFurniture } from './furniture/furniture.component.js';
// The panel is loaded with a room's furniture, never with the embed: export its types only.
export type { ConveneFurniturePanel, FurnitureSession } from './furniture/furniture-panel.component.js';
