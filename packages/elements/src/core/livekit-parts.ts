/**
 * What Convene's room takes from livekit-client at run time, through `loadLivekit()`. Named, not
 * the whole module: rollup then keeps in the script-tag embed's livekit-client chunk only what
 * Convene (this list, and the furniture kinds' own imports) uses, about 10 kB gzip less than all of it.
 */
export { createLocalAudioTrack, createLocalVideoTrack, DisconnectReason, Room, RoomEvent, Track } from 'livekit-client';
