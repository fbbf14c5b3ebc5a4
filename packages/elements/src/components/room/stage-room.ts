/**
 * Stage rooms (issue 17): a few speakers on the stage, everyone else watching. Its own chunk,
 * loaded when the directory or the token says the room is a stage, so an ordinary room never
 * carries it. `StageRoom` holds what a stage room adds to `<convene-room>`: the audience's
 * "Ask to speak", a moderator's queue of those who asked (in the server's order, with Bring up),
 * the device check of someone brought up (the pre-join preview, devices and toggles) before they
 * go on stage, Step down, a moderator's Send back on a speaker's tile, and the announcements of
 * all of it. Who is where comes from the session (`session.stage`, each participant's `stage`),
 * which follows LiveKit's permission and attribute changes live.
 */
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { addSection, type ConveneStrings } from '../../i18n/strings.js';
import { stage as stageSection, type StageStrings } from '../../i18n/stage-strings.js';
import { renderDeviceSelect } from './devices.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon } from './icons.js';
import type { MediaController } from './media-controller.js';
import { PreviewController } from './preview-controller.js';
import type { ConveneSession, ParticipantView, StagePlace } from './session.js';
import { stageRoomStyles } from './stage-room.styles.js';

/** As ./icons.ts draws them: 24×24 strokes in `currentColor`, hidden from assistive technology. */
const icon = (body: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
const handIcon = icon(
  svg`<path d="M18 11V6a2 2 0 0 0-4 0v5M14 10V4a2 2 0 0 0-4 0v2M10 10.5V6a2 2 0 0 0-4 0v8M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.9-6-2.3l-3.6-3.6a2 2 0 0 1 2.8-2.8L7 15"/>`,
);
const downIcon = icon(svg`<path d="M12 3v12M7 10l5 5 5-5M5 21h14"/>`);
const upIcon = icon(svg`<path d="M12 21V9M7 14l5-5 5 5M5 3h14"/>`);

/** The strings a stage room speaks: the room's and the stage section's. */
export type StageText = ConveneStrings & StageStrings;

/** What a stage room needs of `<convene-room>`. */
export interface StageRoomHost extends ReactiveControllerHost, HTMLElement {
  readonly session: ConveneSession | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Who is on the stage: everyone but the audience. */
export function speakersOf(participants: ParticipantView[]): ParticipantView[] {
  return participants.filter((p) => p.stage !== 'audience');
}

/** Those in the audience who asked to speak, longest waiting first (the server's clock; ties by identity). */
export function speakQueue(participants: ParticipantView[]): ParticipantView[] {
  return participants
    .filter((p) => p.stage === 'audience' && p.handRaisedAt !== undefined)
    .sort((a, b) => a.handRaisedAt! - b.handRaisedAt! || a.identity.localeCompare(b.identity));
}

export class StageRoom implements ReactiveController {
  /** The device check shows: the visitor is on the stage and has not gone on it yet. */
  checking = false;
  /** Why the last request (ask, bring up, send back, step down) did not happen; `''` when nothing failed. */
  failed = '';
  #preview: PreviewController;
  /** A moderator brought the visitor up (the check says so), rather than their starting on the stage. */
  #broughtUp = false;
  #busy = false;
  #session: ConveneSession | undefined;
  #place: StagePlace | undefined;
  /** The speakers and the queue at the last update, for announcing who moved; `undefined` before the first. */
  #speakers: Set<string> | undefined;
  #queue: Set<string> | undefined;
  /** The strings the host spoke at its last render, for announcements between renders. */
  #text: StageText | undefined;

  constructor(
    private readonly host: StageRoomHost,
    /** Says something in the room's polite live region. */
    private readonly announce: (text: string) => void,
    private readonly media: MediaController,
  ) {
    addSection(stageSection);
    this.#preview = new PreviewController(host);
    host.addController(this);
  }

  hostConnected(): void {
    const root = this.host.renderRoot;
    const sheet = stageRoomStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  /** Before each render: where the visitor is now, who moved, who asked to speak. */
  hostUpdate(): void {
    const session = this.host.session;
    if (session !== this.#session) {
      this.#session = session;
      this.#place = undefined;
      this.#speakers = undefined;
      this.#queue = undefined;
      this.#closeCheck();
    }
    const phase = session?.state.value.phase;
    const place = phase === 'connected' || phase === 'reconnecting' ? session?.stage?.value : undefined;
    if (!session || !place) {
      this.#place = undefined;
      this.#closeCheck();
      return;
    }
    const t = this.#text;
    const participants = session.participants.value;
    if (place !== this.#place) {
      const before = this.#place;
      this.#place = place;
      const me = participants.find((p) => p.isLocal);
      if (place === 'speaker' && !me?.cameraOn && !me?.microphoneOn) {
        this.#broughtUp = before === 'audience';
        this.checking = true;
        this.failed = '';
        this.#preview.start();
        if (t) this.announce(this.#broughtUp ? t.broughtUp : t.deviceCheck);
        this.#focus('[data-action="go-on-stage"]');
      } else if (place === 'audience') {
        this.#closeCheck();
        if (before === 'speaker') {
          if (t) this.announce(t.backInAudience);
          this.#focus('[data-action="ask-to-speak"],[data-action="step-up"]');
        }
      }
    }
    this.#follow(session, participants, t);
  }

  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.host.isConnected) this.#closeCheck();
    });
  }

  /** Announces who went on or left the stage, and (to moderators) who asked to speak. */
  #follow(session: ConveneSession, participants: ParticipantView[], t: StageText | undefined) {
    const speakers = new Set(speakersOf(participants).map((p) => p.identity));
    const queue = new Set(speakQueue(participants).map((p) => p.identity));
    const name = (identity: string) => participants.find((p) => p.identity === identity)?.name ?? identity;
    const here = (identity: string) => participants.some((p) => p.identity === identity && !p.isLocal);
    if (t && this.#speakers) {
      for (const id of speakers) if (!this.#speakers.has(id) && here(id)) this.announce(t.nowSpeaking(name(id)));
      for (const id of this.#speakers) if (!speakers.has(id) && here(id)) this.announce(t.nowWatching(name(id)));
    }
    if (t && this.#queue && session.isModerator) {
      for (const id of queue) if (!this.#queue.has(id) && here(id)) this.announce(t.asksToSpeak(name(id)));
    }
    this.#speakers = speakers;
    this.#queue = queue;
  }

  #closeCheck() {
    if (!this.checking && !this.#preview.preview) return;
    this.checking = false;
    this.#preview.stop();
  }

  #focus(selector: string) {
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus({ preventScroll: false }),
    );
  }

  /** Runs one request at a time (a second press while one is under way does nothing); a failure is said in the header. */
  async #run(failed: string, work: () => Promise<unknown> | undefined) {
    if (this.#busy) return;
    this.#busy = true;
    this.failed = '';
    this.host.requestUpdate();
    try {
      await work();
    } catch {
      this.failed = failed;
    } finally {
      this.#busy = false;
      this.host.requestUpdate();
    }
  }

  // Handlers

  async #askToSpeak(t: StageText, up: boolean) {
    await this.#run(t.askFailed, () => this.host.session?.askToSpeak?.(up));
    if (!this.failed) this.announce(up ? t.askedToSpeak : t.noLongerAsking);
  }

  async #goOnStage(t: StageText) {
    const session = this.host.session;
    const preview = this.#preview.preview;
    const state = preview?.state.value;
    const choice = {
      camera: state?.camera.on ?? true,
      microphone: state?.microphone.on ?? true,
      tracks: preview?.take() ?? {},
      devices: { videoinput: state?.camera.deviceId ?? '', audioinput: state?.microphone.deviceId ?? '' },
    };
    this.#closeCheck();
    await this.#run(t.stageFailed, () => session?.goOnStage?.(choice));
    this.#focus('[data-control="microphone"]');
  }

  async #stepDown(t: StageText) {
    await this.#run(t.stageFailed, () => this.host.session?.stepDown?.());
  }

  async #stepUp(t: StageText) {
    await this.#run(t.stageFailed, () => this.host.session?.stepUp?.());
  }

  async #moderate(t: StageText, action: 'bring-up' | 'send-back', identity: string) {
    await this.#run(t.stageFailed, () => this.host.session?.moderate(action, identity));
  }

  // Rendering

  /** Pre-join of a stage room: what the visitor joins for, in place of the camera and microphone. */
  renderPrejoinHint(t: ConveneStrings) {
    return html`<p class="hint watch-hint" data-stage="watch">${(t as StageText).watchHint}</p>`;
  }

  /** Above the speakers: how many watch, and an empty stage said in words. */
  renderHeader(t: ConveneStrings, participants: ParticipantView[]) {
    const text = (this.#text = t as StageText);
    const watching = participants.filter((p) => p.stage === 'audience').length;
    const speakers = speakersOf(participants).length;
    return html`<div class="stage-header">
      <p part="watching" class="watching" data-count=${watching}>${text.watching(watching)}</p>
      ${speakers === 0 ? html`<p class="hint">${text.noSpeakers}</p>` : nothing}
      ${this.failed ? html`<p part="banner" class="banner" role="alert">${this.failed}</p>` : nothing}
    </div>`;
  }

  /** The control a stage room adds: Ask to speak (the audience) or Step down (a speaker). */
  renderControl(t: ConveneStrings, me: ParticipantView | undefined) {
    const text = t as StageText;
    const session = this.host.session;
    if (session?.stage?.value === 'audience' && session.isModerator && session.stepUp) {
      return html`<button part="control" data-action="step-up" @click=${() => void this.#stepUp(text)}>
        ${upIcon}<span>${text.goOnStage}</span>
      </button>`;
    }
    if (session?.stage?.value === 'audience') {
      const asking = me?.handRaisedAt !== undefined;
      return html`<button
        part="control"
        data-action="ask-to-speak"
        aria-pressed=${asking ? 'true' : 'false'}
        ?disabled=${!session.askToSpeak}
        @click=${() => void this.#askToSpeak(text, !asking)}
      >
        ${handIcon}<span>${text.askToSpeak}</span>
      </button>`;
    }
    if (session?.stage?.value === 'speaker' && session.stepDown) {
      return html`<button part="control" data-action="step-down" @click=${() => void this.#stepDown(text)}>
        ${downIcon}<span>${text.stepDown}</span>
      </button>`;
    }
    return nothing;
  }

  /** The device check of someone on the stage who has not gone on yet: preview, toggles, devices, Go on stage. */
  renderCheck(t: ConveneStrings, id: string) {
    if (!this.checking) return nothing;
    const text = t as StageText;
    const preview = this.#preview.preview;
    const state = preview?.state.value;
    const camera = state?.camera;
    const microphone = state?.microphone;
    const headingId = `${id}-device-check`;
    return html`<section part="device-check" class="device-check" aria-labelledby=${headingId}>
      <h2 id=${headingId}>${text.deviceCheck}</h2>
      ${this.#broughtUp ? html`<p class="hint">${text.broughtUp}</p>` : nothing}
      <div part="preview" class="preview">
        ${camera?.track ? this.media.element(camera.track, true) : html`<span class="initials">${t.previewOff}</span>`}
      </div>
      <div class="toggles" role="group" aria-label=${t.devices}>
        <button
          type="button"
          part="button"
          data-check="camera"
          aria-pressed=${camera?.on !== false ? 'true' : 'false'}
          @click=${() => void preview?.setCamera(!(camera?.on ?? true))}
        >
          ${camera?.on !== false ? cameraIcon : cameraOffIcon} ${t.camera}
        </button>
        <button
          type="button"
          part="button"
          data-check="microphone"
          aria-pressed=${microphone?.on !== false ? 'true' : 'false'}
          @click=${() => void preview?.setMicrophone(!(microphone?.on ?? true))}
        >
          ${microphone?.on !== false ? micIcon : micOffIcon} ${t.microphone}
        </button>
      </div>
      ${camera?.problem ? html`<p class="hint" data-problem="camera">${t.cameraProblem[camera.problem]}</p>` : nothing}
      ${
        microphone?.problem
          ? html`<p class="hint" data-problem="microphone">${t.microphoneProblem[microphone.problem]}</p>`
          : nothing
      }
      <div class="check-devices">
        ${renderDeviceSelect(
          t,
          'videoinput',
          state?.devices.videoinput ?? [],
          camera?.deviceId ?? '',
          (deviceId) => void preview?.selectDevice('videoinput', deviceId),
        )}
        ${renderDeviceSelect(
          t,
          'audioinput',
          state?.devices.audioinput ?? [],
          microphone?.deviceId ?? '',
          (deviceId) => void preview?.selectDevice('audioinput', deviceId),
        )}
      </div>
      <div class="check-actions">
        <button
          type="button"
          class="primary"
          part="button primary"
          data-action="go-on-stage"
          @click=${() => void this.#goOnStage(text)}
        >
          ${text.goOnStage}
        </button>
        <button type="button" part="button" data-action="decline-stage" @click=${() => void this.#stepDown(text)}>
          ${text.stepDown}
        </button>
      </div>
    </section>`;
  }

  /** A moderator's queue of those who asked to speak, in order, each with Bring up. */
  renderQueue(t: ConveneStrings, participants: ParticipantView[], locale: string | undefined) {
    const session = this.host.session;
    if (!session?.isModerator) return nothing;
    const text = t as StageText;
    const queue = speakQueue(participants);
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    return html`<section part="speak-queue" class="speak-queue" aria-labelledby="speak-queue-heading">
      <h2 id="speak-queue-heading">${text.speakQueue} <span class="queue-count">(${queue.length})</span></h2>
      ${
        queue.length === 0
          ? html`<p class="hint">${text.speakQueueEmpty}</p>`
          : html`<ol>
              ${queue.map(
                (p) =>
                  html`<li data-identity=${p.identity}>
                    <span class="who">${p.name}</span>
                    <time class="hint" datetime=${new Date(p.handRaisedAt!).toISOString()}
                      >${text.askedSince(time.format(p.handRaisedAt!))}</time
                    >
                    <button
                      type="button"
                      part="button"
                      data-action="bring-up"
                      @click=${() => void this.#moderate(text, 'bring-up', p.identity)}
                    >
                      ${text.bringUp(p.name)}
                    </button>
                  </li>`,
              )}
            </ol>`
      }
    </section>`;
  }

  /** On a speaker's tile, for a moderator: Send back to the audience. */
  renderSendBack(t: ConveneStrings, p: ParticipantView) {
    if (p.isLocal || p.stage !== 'speaker' || !this.host.session?.isModerator) return nothing;
    const label = (t as StageText).sendBack(p.name);
    return html`<button
      part="button"
      data-action="send-back"
      aria-label=${label}
      title=${label}
      @click=${() => void this.#moderate(t as StageText, 'send-back', p.identity)}
    >
      ${downIcon}
    </button>`;
  }
}
