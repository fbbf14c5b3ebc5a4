// The script-tag embed: defines every Convene element.
import './components/room/convene-room.js';
import './components/space/convene-space.js';
import './furniture/convene-furniture.js';

export * from './index.js';
