/**
 * The stage-room section of the string table (issue 17: a few speakers, many watching). Like the
 * door's, it joins `en` when the stage code loads (the room's lazy stage chunk calls
 * `addSection(stage)`), so convene.js does not carry text only a stage room shows. The shipped
 * languages have these entries in their `<lang>-features.ts`.
 */

/** What the audience, a speaker and a moderator of a stage room read. */
export interface StageStrings {
  /** How many watch (the audience has no tiles). */
  watching: (count: number) => string;
  /** The list of speakers' tiles. */
  onStage: string;
  noSpeakers: string;
  /** Pre-join of a stage room: no camera or microphone to watch. */
  watchHint: string;
  askToSpeak: string;
  askFailed: string;
  askedToSpeak: string;
  noLongerAsking: string;
  // Moderators: the queue
  speakQueue: string;
  speakQueueEmpty: string;
  /** When someone asked (a time of day, in the visitor's language). */
  askedSince: (time: string) => string;
  asksToSpeak: (name: string) => string;
  bringUp: (name: string) => string;
  sendBack: (name: string) => string;
  /** Announced when someone goes on the stage, or back to the audience. */
  nowSpeaking: (name: string) => string;
  nowWatching: (name: string) => string;
  // The one brought up
  deviceCheck: string;
  broughtUp: string;
  goOnStage: string;
  stepDown: string;
  backInAudience: string;
  stageFailed: string;
}

export const stageEn: StageStrings = {
  watching: (count) => `${count} watching`,
  onStage: 'On the stage',
  noSpeakers: 'Nobody is on the stage yet.',
  watchHint: 'You join to watch and listen: no camera or microphone needed. Once inside, you can ask to speak.',
  askToSpeak: 'Ask to speak',
  askFailed: 'Your request to speak did not go through. Try again.',
  askedToSpeak: 'You asked to speak. A moderator can bring you up.',
  noLongerAsking: 'You no longer ask to speak.',
  speakQueue: 'Asking to speak',
  speakQueueEmpty: 'Nobody has asked to speak.',
  askedSince: (time) => `since ${time}`,
  asksToSpeak: (name) => `${name} asks to speak`,
  bringUp: (name) => `Bring ${name} up`,
  sendBack: (name) => `Send ${name} back to the audience`,
  nowSpeaking: (name) => `${name} is on the stage`,
  nowWatching: (name) => `${name} is back in the audience`,
  deviceCheck: 'Before you speak',
  broughtUp: 'A moderator brought you onto the stage. Check your camera and microphone, then go on stage.',
  goOnStage: 'Go on stage',
  stepDown: 'Step down',
  backInAudience: 'You are back in the audience.',
  stageFailed: 'That did not work. Try again.',
};

/** The section `addSection` takes. */
export const stage = { en: stageEn };
