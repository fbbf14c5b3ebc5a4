/**
 * The room's controls: microphone, camera, screen share, the device chooser and Leave.
 * `ControlsState` holds whether the device chooser is open.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import { renderDeviceSelect } from './devices.js';
import { cameraIcon, cameraOffIcon, devicesIcon, leaveIcon, micIcon, micOffIcon, screenIcon } from './icons.js';
import type { ConveneSession, MediaState, ParticipantView } from './session.js';

export class ControlsState {
  /** Whether the device chooser shows. */
  devicesOpen = false;

  /** `host` re-renders on every change. */
  constructor(private readonly host: ReactiveControllerHost) {}

  setDevicesOpen(open: boolean): void {
    this.devicesOpen = open;
    this.host.requestUpdate();
  }
}

/** What `renderControls` draws from. */
export interface ControlsView {
  t: ConveneStrings;
  /** The element's id prefix. */
  id: string;
  controls: ControlsState;
  /** The visitor's own participant, once in the room. */
  me: ParticipantView | undefined;
  media: MediaState;
  session: ConveneSession | undefined;
  /** What the buttons do: the element's own public methods. */
  actions: {
    toggleMicrophone(): Promise<void>;
    toggleCamera(): Promise<void>;
    toggleScreenShare(): Promise<void>;
    leave(): Promise<void>;
  };
  /** Puts the focus on `selector` once the next render is done. */
  focus(selector: string): void;
  /** More controls before Leave (the door's, for moderators and members). */
  extra?: unknown;
  /** A stage room's audience (issue 17): nothing to publish, so no microphone, camera, screen or devices. */
  watchOnly?: boolean;
}

export function renderControls(v: ControlsView) {
  const { t, me, media, session, controls, actions } = v;
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const panelId = `${v.id}-devices`;
  const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype;
  if (v.watchOnly) {
    return html`<div part="controls" class="controls" role="group" aria-label=${t.controls}>
      ${v.extra}
      <button part="control leave" class="danger" data-control="leave" @click=${() => void actions.leave()}>
        ${leaveIcon}<span>${t.leave}</span>
      </button>
    </div>`;
  }
  return html`<div part="controls" class="controls" role="group" aria-label=${t.controls}>
      <button
        part="control"
        data-control="microphone"
        aria-pressed=${me?.microphoneOn ? 'true' : 'false'}
        @click=${() => void actions.toggleMicrophone()}
      >
        ${me?.microphoneOn ? micIcon : micOffIcon}<span>${t.microphone}</span>
      </button>
      <button
        part="control"
        data-control="camera"
        aria-pressed=${me?.cameraOn ? 'true' : 'false'}
        @click=${() => void actions.toggleCamera()}
      >
        ${me?.cameraOn ? cameraIcon : cameraOffIcon}<span>${t.camera}</span>
      </button>
      ${
        canShare
          ? html`<button
              part="control"
              data-control="screen-share"
              aria-pressed=${me?.screen ? 'true' : 'false'}
              @click=${() => void actions.toggleScreenShare()}
            >
              ${screenIcon}<span>${t.screenShare}</span>
            </button>`
          : nothing
      }
      <button
        part="control"
        data-control="devices"
        aria-expanded=${controls.devicesOpen ? 'true' : 'false'}
        aria-controls=${panelId}
        @click=${() => controls.setDevicesOpen(!controls.devicesOpen)}
      >
        ${devicesIcon}<span>${t.devices}</span>
      </button>
      ${v.extra}
      <button part="control leave" class="danger" data-control="leave" @click=${() => void actions.leave()}>
        ${leaveIcon}<span>${t.leave}</span>
      </button>
    </div>
    <div
      part="devices"
      class="devices"
      id=${panelId}
      ?hidden=${!controls.devicesOpen}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        controls.setDevicesOpen(false);
        v.focus('[data-control="devices"]');
      }}
    >
      ${renderDeviceSelect(
        t,
        'videoinput',
        media.devices.videoinput,
        media.active.videoinput ?? '',
        (id) => void session?.switchDevice('videoinput', id),
      )}
      ${renderDeviceSelect(
        t,
        'audioinput',
        media.devices.audioinput,
        media.active.audioinput ?? '',
        (id) => void session?.switchDevice('audioinput', id),
      )}
      ${
        canChooseSpeaker
          ? renderDeviceSelect(
              t,
              'audiooutput',
              media.devices.audiooutput,
              media.active.audiooutput ?? '',
              (id) => void session?.switchDevice('audiooutput', id),
            )
          : nothing
      }
    </div>`;
}
