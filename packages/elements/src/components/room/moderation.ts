/**
 * A moderator's buttons on someone else's tile: mute their microphone, and remove them from the
 * room (a second press confirms). `ModerationState` holds which removal awaits its
 * confirmation and whether the last request failed.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import { leaveIcon, micOffIcon } from './icons.js';
import type { ConveneSession, ParticipantView } from './session.js';

export class ModerationState {
  /** The person a moderator asked to remove, awaiting the second press that confirms it. */
  confirmingRemove = '';
  /** What to tell the moderator when the server refused or could not be reached; `''` when nothing failed. */
  error = '';
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

export function renderModeration(
  t: ConveneStrings,
  p: ParticipantView,
  moderation: ModerationState,
  session: ConveneSession | undefined,
) {
  const confirming = moderation.confirmingRemove === p.identity;
  const removeLabel = confirming ? t.confirmRemove(p.name) : t.removeParticipant(p.name);
  return html`<div part="moderation" class="moderation">
    ${
      p.microphoneOn
        ? html`<button
            part="button"
            data-action="mute-participant"
            aria-label=${t.muteParticipant(p.name)}
            title=${t.muteParticipant(p.name)}
            @click=${() => void moderation.moderate(session, 'mute', p, t.moderationFailed)}
          >
            ${micOffIcon}
          </button>`
        : nothing
    }
    <button
      part="button"
      class=${confirming ? 'danger' : ''}
      data-action="remove-participant"
      aria-label=${removeLabel}
      title=${removeLabel}
      @click=${() => void moderation.moderate(session, 'remove', p, t.moderationFailed)}
      @blur=${() => moderation.lapse(p.identity)}
    >
      ${leaveIcon}
    </button>
    ${moderation.stage?.(t, p)} ${moderation.extra?.(t, p)}
  </div>`;
}
