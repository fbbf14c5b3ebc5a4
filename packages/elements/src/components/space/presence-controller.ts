import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SpaceDirectory, type DirectoryOptions, type DirectorySource, type DirectoryState } from './directory.js';

/**
 * Binds a SpaceDirectory to a Lit element: follows presence while the element is on the page,
 * re-renders on every change, and stops when it leaves the page.
 */
export class PresenceController implements ReactiveController {
  #directory: DirectorySource | undefined;
  #options: DirectoryOptions | DirectorySource | null = null;
  #stop: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (state: DirectoryState, previous: DirectoryState) => void = () => {},
  ) {
    host.addController(this);
  }

  get state(): DirectoryState {
    return this.#directory?.state.value ?? { status: 'loading' };
  }

  /** Follows the given space on its server, or a given source (again, if it changed). */
  follow(options: DirectoryOptions | DirectorySource | null): void {
    const current = this.#options;
    if (current === options) return;
    if (current && options && !('state' in current) && !('state' in options)) {
      const same = current.server === options.server && current.space === options.space;
      if (same && current.passes === options.passes) return;
    }
    this.#teardown();
    this.#options = options;
    if (!options) return;
    const directory = 'state' in options ? options : new SpaceDirectory(options);
    this.#directory = directory;
    let previous = directory.state.value;
    this.#stop = directory.state.subscribe((state) => {
      this.onChange(state, previous);
      previous = state;
      this.host.requestUpdate();
    });
    if (this.#connected) void directory.open();
    this.host.requestUpdate();
  }

  retry(): void {
    void this.#directory?.retry();
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#directory) void this.#directory.open();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#directory?.close();
  }

  #teardown() {
    this.#stop?.();
    this.#directory?.close();
    this.#directory = undefined;
  }
}
