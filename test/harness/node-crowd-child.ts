/**
 * One process of a crowd (test/harness/node-crowd.ts): holds a few dozen `@livekit/rtc-node`
 * participants and answers its parent over IPC. It ends when the parent says so or goes away (IPC disconnect).
 */
import type { CrowdReply, CrowdRequest } from './node-crowd.js';
import { joinNode, leaveAll, publishSmallTracks, type NodeParticipant } from './node-participant.js';

const rtc = await import('@livekit/rtc-node');
const people = new Map<string, NodeParticipant>();
const stops = new Map<string, () => Promise<void>>();

const reply = (message: CrowdReply) => {
  if (process.connected) process.send?.(message);
};

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

// rtc-node 1.1 throws these (uncaught) for one room, the others here are not hurt, so this process
// goes on: "invalid handle" from its native side when a connection given up on (a timed-out
// attempt, disconnected while connecting) finishes later; "Participant already exists" from a
// room's event handler when, on a loaded machine, LiveKit's updates for someone who left and came
// back arrive out of order (a room that then misses a speaker fails the test's hearing check).
// Anything else ends it (the parent sees it exit).
process.on('uncaughtException', (error) => {
  if (/invalid handle|Participant already exists/.test(String((error as Error)?.message ?? error))) return;
  console.error(error);
  process.exit(1);
});
process.on('message', (request: CrowdRequest) => void handle(request));
// The parent went away (ended, crashed or killed): so does this process.
process.on('disconnect', () => void exit());
process.send?.({ ready: true });
