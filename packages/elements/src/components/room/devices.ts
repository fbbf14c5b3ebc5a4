import { html, nothing } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';

export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';

/**
 * The device choice, in pre-join and in the room: a labelled select of the cameras, microphones
 * or speakers there are (none when there is nothing to choose from). Unnamed devices (no
 * permission yet) are numbered.
 */
export function renderDeviceSelect(
  t: ConveneStrings,
  kind: DeviceKind,
  devices: MediaDeviceInfo[],
  active: string,
  onChange: (deviceId: string) => void,
) {
  if (devices.length === 0) return nothing;
  const label = kind === 'videoinput' ? t.camera : kind === 'audioinput' ? t.microphone : t.speaker;
  return html`<label class="device"
    >${label}
    <select name=${kind} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${devices.map(
        (d, i) =>
          html`<option value=${d.deviceId} ?selected=${d.deviceId === active || (!active && i === 0)}>
            ${d.label || `${label} ${i + 1}`}
          </option>`,
      )}
    </select></label
  >`;
}
