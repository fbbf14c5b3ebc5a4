/* global window, document, location, requestAnimationFrame, customElements */
// bench/join.bench.ts: time from "join" to the first decoded frame of another participant's
// camera, for <convene-room> (the built embed) and for a plain livekit-client script doing the
// same token fetch, connect, camera and microphone publish and subscribe. `window.measure(room)`
// resolves with milliseconds.

/** Resolves when `find()` returns a video that has decoded a frame (checked every frame). */
function firstFrame(find) {
  return new Promise((resolve) => {
    const check = () => {
      const video = find();
      if (video && video.readyState >= 2 && video.videoWidth > 0) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });
}

async function measureElement(room) {
  await import('/convene.js'); // the page has the embed before anyone joins
  const el = document.createElement('convene-room');
  el.setAttribute('server', '/');
  el.setAttribute('space', 'river-coop');
  el.setAttribute('room', room);
  el.setAttribute('name', 'Bench');
  document.body.append(el);
  await customElements.whenDefined('convene-room'); // the room's chunk loads once the page has one
  window.benchRoom = el;
  const t0 = performance.now();
  el.addEventListener('convene-joined', () => (window.connectedAt = performance.now() - t0));
  void el.join();
  const t1 = await firstFrame(() => el.shadowRoot?.querySelector('[data-local="false"] video'));
  return t1 - t0;
}

async function measurePlain(room) {
  const t0 = performance.now();
  const { Room, RoomEvent, Track } = await import('/vendor/livekit-client.mjs');
  const response = await fetch(`/api/spaces/river-coop/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room_name: room, participant_name: 'Bench' }),
  });
  const { server_url: url, participant_token: token } = await response.json();
  const lkRoom = new Room({ adaptiveStream: true, dynacast: true });
  window.benchRoom = lkRoom;
  let remote;
  lkRoom.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video) return;
    remote = track.attach();
    remote.muted = true;
    remote.style.width = '640px';
    document.body.append(remote);
  });
  const frame = firstFrame(() => remote);
  await lkRoom.connect(url, token);
  window.connectedAt = performance.now() - t0;
  await lkRoom.localParticipant.enableCameraAndMicrophone();
  const t1 = await frame;
  return t1 - t0;
}

window.measure = (room) =>
  location.pathname.endsWith('join-element.html') ? measureElement(room) : measurePlain(room);
window.leave = async () => {
  const room = window.benchRoom;
  if (room && 'leave' in room) await room.leave();
  else await room?.disconnect();
};
