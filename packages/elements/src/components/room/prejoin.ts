/**
 * Pre-join, the step before the room: the remembered name, the camera preview, the microphone's
 * level meter, the camera and microphone choices and the join form (with the access code when the
 * room asks for one). `PrejoinController` holds its state; `renderPrejoin` draws it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DirectoryRoom } from '../../core/api.js';
import type { ConveneStrings, ErrorKey } from '../../i18n/strings.js';
import { renderDeviceSelect } from './devices.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon } from './icons.js';
import type { MediaController } from './media-controller.js';
import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import type { MediaPreview, PreviewState } from './media-preview.js';
import { PreviewController } from './preview-controller.js';

/** The remembered name's key in `localStorage`, per Convene server. */
const NAME_KEY = 'convene:name:';

/** Refusals pre-join answers itself: the room asks for its access code. */
export const CODE_ERRORS: ReadonlySet<ErrorKey> = new Set<ErrorKey>(['access_code_required', 'access_code_invalid']);

/**
 * Whether pre-join may ask for the token before Join is pressed (issue 19): only when asking uses
 * nothing up and starts nothing. The directory must list the room (unknown rooms are not asked
 * about) as open to this visitor (public, or members to a member), without a capacity (checking it
 * asks LiveKit and creates the room), without knocking or a moderator's lock, and the request must
 * carry no invite (a single-use one is spent by the token) and no access code (a guess is counted).
 */
export function asksFreely(info: DirectoryRoom | undefined, request: { invite: string; accessCode: string }): boolean {
  if (!info || (info.access !== 'public' && info.access !== 'members')) return false;
  return !info.capacity && !info.knock && !info.locked_by_moderator && !request.invite && !request.accessCode;
}

/** What the visitor chose to join with; kept for turning camera or microphone on later. */
export interface Choices {
  camera: boolean;
  microphone: boolean;
  videoinput: string;
  audioinput: string;
}

type PrejoinHost = ReactiveControllerHost & HTMLElement & { readonly server: string; readonly renderRoot: ParentNode };

/**
 * Pre-join's state: the name remembered per server, the preview (camera, microphone, devices)
 * while pre-join shows, the level meter while its microphone is live, and the visitor's choices.
 */
export class PrejoinController implements ReactiveController {
  /** Join with camera and microphone, and on which devices ('' = the browser's default). */
  choices: Choices = { camera: true, microphone: true, videoinput: '', audioinput: '' };
  #preview: PreviewController;
  #meterTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: PrejoinHost) {
    host.addController(this);
    this.#preview = new PreviewController(host);
  }

  /** The running preview, while pre-join shows. */
  get preview(): MediaPreview | undefined {
    return this.#preview.preview;
  }

  get state(): PreviewState | undefined {
    return this.#preview.state;
  }

  /** The name the visitor last joined with on this server, `''` if none (or storage is unavailable). */
  rememberedName(): string {
    try {
      return localStorage.getItem(NAME_KEY + this.host.server) ?? '';
    } catch {
      return '';
    }
  }

  remember(name: string): void {
    try {
      localStorage.setItem(NAME_KEY + this.host.server, name);
    } catch {
      // storage may be unavailable (private mode, sandboxed frames)
    }
  }

  /**
   * After each update: the preview runs while pre-join shows and stops once the visitor is
   * neither there nor on the way in; the meter runs while pre-join's microphone is live.
   */
  sync(showing: boolean, joining: boolean, connecting: boolean): void {
    if (showing && !joining && this.host.isConnected) this.#preview.start();
    else if (!showing && !joining && !connecting) this.#preview.stop();
    if (showing && this.state?.microphone.track) this.#startMeter();
    else this.#stopMeter();
  }

  async setCamera(on?: boolean): Promise<void> {
    const preview = this.preview;
    const next = on ?? !(preview?.state.value.camera.on ?? this.choices.camera);
    this.choices.camera = next;
    await preview?.setCamera(next);
    this.host.requestUpdate();
  }

  async setMicrophone(on?: boolean): Promise<void> {
    const preview = this.preview;
    const next = on ?? !(preview?.state.value.microphone.on ?? this.choices.microphone);
    this.choices.microphone = next;
    await preview?.setMicrophone(next);
    this.host.requestUpdate();
  }

  /** The live tracks to publish as they are, the preview's choices remembered. */
  forJoin(): { camera?: LocalVideoTrack; microphone?: LocalAudioTrack } {
    const preview = this.state;
    if (!preview) return {};
    this.choices = {
      camera: preview.camera.on,
      microphone: preview.microphone.on,
      videoinput: preview.camera.deviceId,
      audioinput: preview.microphone.deviceId,
    };
    return {
      ...(preview.camera.on && preview.camera.track ? { camera: preview.camera.track } : {}),
      ...(preview.microphone.on && preview.microphone.track ? { microphone: preview.microphone.track } : {}),
    };
  }

  /** In the room: it owns the preview's tracks now; forget them, and release whatever else the preview held. */
  handOver(): void {
    this.preview?.take();
    this.#preview.stop();
  }

  hostDisconnected(): void {
    this.#stopMeter();
  }

  #startMeter() {
    if (this.#meterTimer) return;
    this.#meterTimer = setInterval(() => {
      const level = this.preview?.level() ?? 0;
      const meter = this.host.renderRoot.querySelector('meter');
      if (meter) meter.value = Math.round(level * 100) / 100;
    }, 100);
  }

  #stopMeter() {
    clearInterval(this.#meterTimer);
    this.#meterTimer = undefined;
  }
}

/** What `renderPrejoin` draws from. */
export interface PrejoinView {
  t: ConveneStrings;
  /** The element's id prefix, for labels. */
  id: string;
  prejoin: PrejoinController;
  media: MediaController;
  /** The name field's value. */
  name: string;
  formError: string;
  accessCode: string;
  /** Joining is under way. */
  busy: boolean;
  /** The refusal that brought pre-join back (an access code needed or wrong). */
  error?: { code: ErrorKey } | undefined;
  onSubmit(event: SubmitEvent): void;
  onAccessCode(value: string): void;
  /** The visitor typed in the name field (pre-join readies the join for the new name). */
  onName?(): void;
  /** The room is known to be locked (the directory says so): the code field shows from the start. */
  locked?: boolean | undefined;
  /** Below Join: the door's "Ask to come in", when the visitor may knock. */
  doors?: unknown;
  /** After the access code: an end-to-end encrypted room's key (e2ee.ts), for such a room. */
  e2ee?: unknown;
  /** In place of the form while the visitor knocks: the waiting view. */
  waiting?: unknown;
  /** A stage room's audience (issue 17): no preview, no devices; this (what they join for) above the name. */
  watchOnly?: unknown;
}

export function renderPrejoin(v: PrejoinView) {
  const { t, id, prejoin, busy, error } = v;
  const preview = prejoin.state;
  const camera = preview?.camera;
  const microphone = preview?.microphone;
  const cameraOn = camera?.on ?? prejoin.choices.camera;
  const microphoneOn = microphone?.on ?? prejoin.choices.microphone;
  const codeRefused = !!error && CODE_ERRORS.has(error.code);
  const needsCode = codeRefused || !!v.locked;
  const codeError = error?.code === 'access_code_invalid' ? t.errors.access_code_invalid : '';
  const nameId = `${id}-name`;
  return html`<section part="prejoin" class="prejoin">
    <div class="preview-column" ?hidden=${v.watchOnly !== undefined}>
      <div part="preview" class="preview">
        ${camera?.track ? v.media.element(camera.track, true) : html`<span class="initials">${t.previewOff}</span>`}
      </div>
      <div class="level">
        <meter part="level" min="0" max="1" value="0" aria-label=${t.microphoneLevel}></meter>
      </div>
      <div class="toggles" role="group" aria-label=${t.devices}>
        <button
          type="button"
          part="button"
          data-control="camera"
          aria-pressed=${cameraOn ? 'true' : 'false'}
          @click=${() => void prejoin.setCamera()}
        >
          ${cameraOn ? cameraIcon : cameraOffIcon} ${t.camera}
        </button>
        <button
          type="button"
          part="button"
          data-control="microphone"
          aria-pressed=${microphoneOn ? 'true' : 'false'}
          @click=${() => void prejoin.setMicrophone()}
        >
          ${microphoneOn ? micIcon : micOffIcon} ${t.microphone}
        </button>
      </div>
      ${camera?.problem ? html`<p class="note" data-problem="camera">${t.cameraProblem[camera.problem]}</p>` : nothing}
      ${
        microphone?.problem
          ? html`<p class="note" data-problem="microphone">${t.microphoneProblem[microphone.problem]}</p>`
          : nothing
      }
      ${renderDeviceSelect(
        t,
        'videoinput',
        preview?.devices.videoinput ?? [],
        camera?.deviceId ?? '',
        (deviceId) => void prejoin.preview?.selectDevice('videoinput', deviceId),
      )}
      ${renderDeviceSelect(
        t,
        'audioinput',
        preview?.devices.audioinput ?? [],
        microphone?.deviceId ?? '',
        (deviceId) => void prejoin.preview?.selectDevice('audioinput', deviceId),
      )}
    </div>
    <form part="form" @submit=${v.onSubmit} aria-busy=${busy ? 'true' : 'false'} ?hidden=${!!v.waiting}>
      ${v.watchOnly}
      <label for=${nameId}>${t.yourName}</label>
      <input
        id=${nameId}
        name="name"
        autocomplete="name"
        maxlength="64"
        required
        .value=${v.name}
        @input=${() => v.onName?.()}
        ?disabled=${busy}
        aria-invalid=${v.formError === t.nameRequired ? 'true' : 'false'}
      />
      ${
        needsCode
          ? html`<label for="${id}-code">${t.accessCode}</label>
              <p class="hint" id="${id}-code-hint">${t.accessCodeHint}</p>
              <input
                id="${id}-code"
                name="access-code"
                autocomplete="off"
                maxlength="128"
                ?required=${codeRefused}
                .value=${v.accessCode}
                @input=${(e: Event) => v.onAccessCode((e.target as HTMLInputElement).value)}
                ?disabled=${busy}
                aria-describedby="${id}-code-hint ${codeError ? `${id}-code-error` : ''}"
                aria-invalid=${codeError ? 'true' : 'false'}
              />`
          : nothing
      }
      ${v.e2ee}
      ${
        v.formError || codeError ? html`<p role="alert" id="${id}-code-error">${v.formError || codeError}</p>` : nothing
      }
      <button class="primary" part="button primary" type="submit" ?disabled=${busy}>
        ${busy ? t.joining : t.join}
      </button>
      ${v.doors}
    </form>
    ${v.waiting}
  </section>`;
}
