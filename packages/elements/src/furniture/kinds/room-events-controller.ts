import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Room, RoomEvent } from 'livekit-client';

/** What a kind's `subscribe` gets: `listen` adds a room event listener, `onStop` any other undo. */
export interface RoomEventsScope {
  listen(event: RoomEvent, handler: (...args: never[]) => void): void;
  onStop(undo: () => void): void;
}

/**
 * Follows a furniture kind's room: subscribes while the element is on the page and has a room,
 * subscribes again when the room changes (`follow()` from `willUpdate`), and undoes every
 * listener and handler when the element leaves the page.
 */
export class RoomEventsController implements ReactiveController {
  #undo: (() => void)[] = [];
  #running = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly room: () => Room | undefined,
    private readonly subscribe: (room: Room, scope: RoomEventsScope) => void,
  ) {
    host.addController(this);
  }

  /** Subscribes again to the host's current room (call when its `room` property changed). */
  follow(): void {
    this.#stop();
    const room = this.room();
    if (!room || !this.host.isConnected) return;
    this.#running = true;
    this.subscribe(room, {
      listen: (event, handler) => {
        const listener = handler as (...args: unknown[]) => void;
        room.on(event, listener);
        this.#undo.push(() => room.off(event, listener));
      },
      onStop: (undo) => this.#undo.push(undo),
    });
  }

  hostConnected(): void {
    if (this.room() && !this.#running) this.follow();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop() {
    this.#running = false;
    for (const undo of this.#undo.splice(0)) undo();
  }
}
