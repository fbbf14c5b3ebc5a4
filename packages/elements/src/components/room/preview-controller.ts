import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MediaPreview, type PreviewState } from './media-preview.js';

/**
 * Gives an element a pre-join preview: re-renders on every change; removing the element stops
 * the camera and microphone.
 */
export class PreviewController implements ReactiveController {
  preview: MediaPreview | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get state(): PreviewState | undefined {
    return this.preview?.state.value;
  }

  /** Starts the preview (once); later calls return the running one. */
  start(): MediaPreview {
    if (this.preview) return this.preview;
    const preview = new MediaPreview();
    this.preview = preview;
    this.#unsubscribe = preview.state.subscribe(() => this.host.requestUpdate());
    void preview.start();
    return preview;
  }

  /** Stops the preview and releases camera and microphone. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.preview?.stop();
    this.preview = undefined;
  }

  hostDisconnected(): void {
    queueMicrotask(() => {
      if (!this.host.isConnected) this.stop();
    });
  }
}
