/**
 * A moderator's buttons on someone else's tile: mute their microphone, and remove them from the
 * room (a second press confirms); a stage room's and the door's buttons beside them. In the door's
 * chunk (./doors.ts re-exports them): only a moderator's room loads it.
 */
import { html, nothing } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import { leaveIcon, micOffIcon } from './icons.js';
import type { ModerationState } from './moderation.js';
import type { ConveneSession, ParticipantView } from './session.js';

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
