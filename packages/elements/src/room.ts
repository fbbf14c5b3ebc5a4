// The room's part of the script-tag embed, a chunk of its own: `loadRoom()` (./lazy-define.ts)
// resolves with this module, and importing it defines <convene-room>.
import './components/room/convene-room.js';

export { ConveneRoom, ROOM_THEMES, type RoomTheme } from './components/room/room.component.js';
export { RoomSession } from './components/room/room-session.js';
export { MediaPreview, mediaProblem, type MediaProblem, type PreviewState } from './components/room/media-preview.js';
export { RoomController } from './components/room/room-controller.js';
export { PreviewController } from './components/room/preview-controller.js';
