/**
 * A moderator's buttons on someone else's tile (mute their microphone, remove them from the room;
 * a second press confirms): `ModerationState` holds which removal awaits its confirmation and
 * whether the last request failed. The buttons themselves (./moderation-buttons.ts) come with the
 * door's chunk, which every moderator's room loads, so a guest's room never carries them.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import type { ConveneSession, ParticipantView } from './session.js';

export class ModerationState {
  /** The person a moderator asked to remove, awaiting the second press that confirms it. */
  confirmingRemove = '';
  /** What to tell the moderator when the server refused or could not be reached; `''` when nothing failed. */
  error = '';
  /** The buttons on `p`'s tile, once the door's chunk is here (a moderator's room loads it on joining). */
  buttons: ((t: ConveneStrings, p: ParticipantView, session: ConveneSession) => unknown) | undefined;
  /** More buttons beside Remove (the door's "remove and keep out", once its chunk is here). */
  extra: ((t: ConveneStrings, p: ParticipantView) => unknown) | undefined;
  /** A stage room's buttons (issue 17: send a speaker back to the audience), once its chunk is here. */
  stage: ((t: ConveneStrings, p: ParticipantView) => unknown) | undefined;

  /** `host` re-renders on every change. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** Mutes at once; removes on the second press. */
  async moderate(
    session: ConveneSession | undefined,
    action: 'mute' | 'remove',
    p: ParticipantView,
    failed: string,
  ): Promise<void> {
    if (action === 'remove' && this.confirmingRemove !== p.identity) {
      this.confirmingRemove = p.identity;
      this.host.requestUpdate();
      return;
    }
    this.confirmingRemove = '';
    this.error = '';
    this.host.requestUpdate();
    try {
      await session?.moderate(action, p.identity);
    } catch {
      this.error = failed;
      this.host.requestUpdate();
    }
  }

  /** Focus left the remove button: the confirmation lapses. */
  lapse(identity: string): void {
    if (this.confirmingRemove !== identity) return;
    this.confirmingRemove = '';
    this.host.requestUpdate();
  }
}
