// Importing this module registers nothing; import './define.js' or a `convene-*.js` file for that.
export { ConveneRoom } from './components/room/room.component.js';
export { ConveneSpace } from './components/space/space.component.js';
export { ConveneErrorEvent, ConveneJoinedEvent, ConveneLeftEvent } from './events.js';
export { RoomSession, loadLivekit, LEFT_REASONS } from './core/session.js';
export type { LeftReason, ParticipantView, SessionState, SessionOptions, JoinOptions } from './core/session.js';
export { RoomController } from './core/room-controller.js';
export { ConveneApiError, fetchDirectory, fetchToken, apiUrl } from './core/api.js';
export { Store } from './core/observable.js';
export { LocalizeController } from './i18n/localize-controller.js';
export { en, es, registerStrings, stringsFor, type ConveneStrings } from './i18n/strings.js';
