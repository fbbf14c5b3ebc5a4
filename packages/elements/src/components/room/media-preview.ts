/**
 * The pre-join camera and microphone: live local tracks to preview, the devices to choose from,
 * what went wrong with each, and the microphone's level. Plain TypeScript, no view.
 *
 * The tracks are LiveKit local tracks, so joining publishes them as they are (no second
 * `getUserMedia`, no flash of a turned-off camera light).
 */
import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import { Store } from '../../core/observable.js';
import { loadLivekit } from '../../core/livekit.js';

/** What went wrong with a camera or microphone. */
export type MediaProblem = 'denied' | 'missing' | 'in-use' | 'other';

export interface DeviceState<T> {
  /** Whether the visitor wants it on. */
  on: boolean;
  /** The live track while it is on and working. */
  track?: T;
  /** Why it could not start. */
  problem?: MediaProblem;
  /** The chosen device ('' = the browser's default). */
  deviceId: string;
}

export interface PreviewState {
  camera: DeviceState<LocalVideoTrack>;
  microphone: DeviceState<LocalAudioTrack>;
  devices: { videoinput: MediaDeviceInfo[]; audioinput: MediaDeviceInfo[]; audiooutput: MediaDeviceInfo[] };
}

/** A `getUserMedia` failure, in Convene's words. */
export function mediaProblem(error: unknown): MediaProblem {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'in-use';
  return 'other';
}

export class MediaPreview {
  readonly state = new Store<PreviewState>({
    camera: { on: true, deviceId: '' },
    microphone: { on: true, deviceId: '' },
    devices: { videoinput: [], audioinput: [], audiooutput: [] },
  });
  #stopped = false;
  #audio: { context: AudioContext; analyser: AnalyserNode; data: Uint8Array<ArrayBuffer> } | undefined;
  #onDeviceChange = () => void this.refreshDevices();

  /** Starts the camera and microphone the visitor wants on. */
  async start(): Promise<void> {
    this.#stopped = false;
    navigator.mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
    const { camera, microphone } = this.state.value;
    await Promise.all([
      camera.on ? this.setCamera(true) : undefined,
      microphone.on ? this.setMicrophone(true) : undefined,
    ]);
    await this.refreshDevices();
  }

  async setCamera(on: boolean, deviceId = this.state.value.camera.deviceId): Promise<void> {
    const { createLocalVideoTrack } = await loadLivekit();
    await this.#set('camera', on, deviceId, () =>
      createLocalVideoTrack(deviceId ? { deviceId: { exact: deviceId } } : {}),
    );
  }

  async setMicrophone(on: boolean, deviceId = this.state.value.microphone.deviceId): Promise<void> {
    const { createLocalAudioTrack } = await loadLivekit();
    await this.#set('microphone', on, deviceId, () =>
      createLocalAudioTrack(deviceId ? { deviceId: { exact: deviceId } } : {}),
    );
    this.#listen();
  }

  /** Chooses a device; a device that is on switches at once. */
  async selectDevice(kind: MediaDeviceKind, deviceId: string): Promise<void> {
    const state = this.state.value;
    if (kind === 'videoinput') await this.setCamera(state.camera.on, deviceId);
    else if (kind === 'audioinput') await this.setMicrophone(state.microphone.on, deviceId);
  }

  async refreshDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    // Without permission, devices come back unnamed; they are still worth nothing to choose from.
    const named = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId);
    this.state.set({
      ...this.state.value,
      devices: { videoinput: named('videoinput'), audioinput: named('audioinput'), audiooutput: named('audiooutput') },
    });
  }

  /** The microphone's loudness now, 0–1 (0 when it is off). */
  level(): number {
    const audio = this.#audio;
    if (!audio || !this.state.value.microphone.track) return 0;
    if (audio.context.state === 'suspended') void audio.context.resume().catch(() => {});
    audio.analyser.getByteTimeDomainData(audio.data);
    let sum = 0;
    for (const sample of audio.data) sum += ((sample - 128) / 128) ** 2;
    return Math.min(1, Math.sqrt(sum / audio.data.length) * 4);
  }

  /** Hands the live tracks over (to be published); the preview no longer stops them. */
  take(): { camera?: LocalVideoTrack; microphone?: LocalAudioTrack } {
    const { camera, microphone } = this.state.value;
    const taken = {
      ...(camera.on && camera.track ? { camera: camera.track } : {}),
      ...(microphone.on && microphone.track ? { microphone: microphone.track } : {}),
    };
    this.state.set({
      ...this.state.value,
      camera: { ...camera, track: undefined },
      microphone: { ...microphone, track: undefined },
    } as PreviewState);
    this.#closeAudio();
    return taken;
  }

  /** Stops every track and releases camera and microphone. */
  stop(): void {
    this.#stopped = true;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    const { camera, microphone } = this.state.value;
    camera.track?.stop();
    microphone.track?.stop();
    this.state.set({
      ...this.state.value,
      camera: { ...camera, track: undefined },
      microphone: { ...microphone, track: undefined },
    } as PreviewState);
    this.#closeAudio();
  }

  async #set<K extends 'camera' | 'microphone'>(
    kind: K,
    on: boolean,
    deviceId: string,
    create: () => Promise<NonNullable<PreviewState[K]['track']>>,
  ): Promise<void> {
    const previous = this.state.value[kind];
    if (previous.track && (!on || deviceId !== previous.deviceId)) previous.track.stop();
    const keep = on && previous.track && deviceId === previous.deviceId ? previous.track : undefined;
    this.#update(kind, { on, deviceId, ...(keep ? { track: keep } : {}) });
    if (!on || keep || this.#stopped) return;
    try {
      const track = await create();
      if (this.#stopped || !this.state.value[kind].on || this.state.value[kind].deviceId !== deviceId) {
        track.stop();
        return;
      }
      this.#update(kind, { on: true, deviceId, track });
      if (!this.state.value.devices.videoinput.length) await this.refreshDevices();
    } catch (error) {
      this.#update(kind, { on: false, deviceId, problem: mediaProblem(error) });
    }
  }

  #update(kind: 'camera' | 'microphone', value: DeviceState<LocalVideoTrack | LocalAudioTrack>) {
    this.state.set({ ...this.state.value, [kind]: value } as PreviewState);
  }

  #listen() {
    this.#closeAudio();
    const track = this.state.value.microphone.track;
    if (!track || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(analyser);
    this.#audio = { context, analyser, data: new Uint8Array(analyser.fftSize) };
  }

  #closeAudio() {
    void this.#audio?.context.close().catch(() => {});
    this.#audio = undefined;
  }
}
