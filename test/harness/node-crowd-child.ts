/**
 * One process of a crowd (test/harness/node-crowd.ts): holds up to a few dozen `@livekit/rtc-node`
 * participants (more in one process trips rtc-node 1.1: "trying to drop an invalid handle") and
 * answers its parent over IPC. It ends when the parent says so or goes away (IPC disconnect).
 */
import type { Room } from '@livekit/rtc-node';
import type { CrowdReply, CrowdRequest } from './node-crowd.js';
import { joinNode, leaveAll, type NodeParticipant } from './node-participant.js';

const rtc = await import('@livekit/rtc-node');
const people = new Map<string, NodeParticipant>();
const stops = new Map<string, () => Promise<void>>();

const reply = (message: CrowdReply) => {
  if (process.connected) process.send?.(message);
};

/** A small tone (a microphone track) and, with `video`, a 64×64 camera at five frames a second. */
async function publishSmallTracks(room: Room, video: boolean): Promise<() => Promise<void>> {
  const local = room.localParticipant;
  if (!local) throw new Error('not connected');
  const audio = new rtc.AudioSource(48_000, 1);
  await local.publishTrack(
    rtc.LocalAudioTrack.createAudioTrack('microphone', audio),
    new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_MICROPHONE }),
  );
  const camera = video ? new rtc.VideoSource(64, 64) : null;
  if (camera) {
    await local.publishTrack(
      rtc.LocalVideoTrack.createVideoTrack('camera', camera),
      new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_CAMERA }),
    );
  }
  const tone = rtc.AudioFrame.create(48_000, 1, 480);
  for (let i = 0; i < tone.data.length; i++) tone.data[i] = Math.round(4000 * Math.sin(i / 10));
  const frame = new rtc.VideoFrame(new Uint8Array(64 * 64 * 4).fill(128), 64, 64, rtc.VideoBufferType.RGBA);
  const timer = setInterval(() => {
    try {
      camera?.captureFrame(frame);
      void audio.captureFrame(tone).catch(() => {});
    } catch {
      // the room is closing
    }
  }, 200);
  return async () => {
    clearInterval(timer);
    await audio.close().catch(() => {});
    await camera?.close().catch(() => {});
  };
}

async function leaveEveryone(): Promise<void> {
  await Promise.all([...stops.values()].map((stop) => stop().catch(() => {})));
  stops.clear();
  await leaveAll(people.values());
  people.clear();
}

let exiting = false;
async function exit(): Promise<never> {
  if (!exiting) {
    exiting = true;
    // Bounded: whatever is left after 8 s, the process ends anyway.
    setTimeout(() => process.exit(0), 8000).unref();
    await leaveEveryone().catch(() => {});
    await Promise.race([rtc.dispose().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3000))]);
  }
  process.exit(0);
}

async function handle(request: CrowdRequest): Promise<void> {
  switch (request.type) {
    case 'join': {
      const { timeoutMs, attempts, url, publish } = request.options;
      const token = url ? { ...request.token, server_url: url } : request.token;
      try {
        const person = await joinNode(token, { timeoutMs, attempts });
        people.set(person.identity, person);
        if (publish) stops.set(person.identity, await publishSmallTracks(person.room, publish === 'video'));
        reply({ id: request.id, ok: true, identity: person.identity });
      } catch (error) {
        reply({ id: request.id, ok: false, error: String((error as Error)?.message ?? error) });
      }
      return;
    }
    case 'stats': {
      const audio: Record<string, string[]> = {};
      for (const [identity, person] of people) audio[identity] = [...person.audioFrom];
      reply({ id: request.id, ok: true, audio });
      return;
    }
    case 'leave':
      await leaveEveryone();
      reply({ id: request.id, ok: true });
      return;
    case 'exit':
      await exit();
  }
}

// rtc-node 1.1 throws this from its native side (uncaught) when a connection given up on (a timed-out
// attempt, disconnected while connecting) finishes later: the handle is already gone, the others
// here are not hurt, so this process goes on. Anything else ends it (the parent sees it exit).
process.on('uncaughtException', (error) => {
  if (/invalid handle/.test(String((error as Error)?.message ?? error))) return;
  console.error(error);
  process.exit(1);
});
process.on('message', (request: CrowdRequest) => void handle(request));
// The parent went away (ended, crashed or killed): so does this process.
process.on('disconnect', () => void exit());
process.send?.({ ready: true });
