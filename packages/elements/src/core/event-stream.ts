/**
 * Server-Sent Events read from a `fetch` body, for when a request must carry a header that
 * `EventSource` cannot send (a member pass). Parses `event:` and `data:` lines as the HTML
 * standard's event-stream format says; `id:` and `retry:` are left to the caller's own reconnecting.
 */

/** One event: its type (`message` when the stream names none) and its data lines joined by `\n`. */
export interface StreamEvent {
  type: string;
  data: string;
}

/** Splits event-stream text into events; feed it chunks as they arrive, in order. */
export class EventStreamParser {
  #buffer = '';
  #type = '';
  #data: string[] = [];

  /** The events completed by this chunk of text. */
  push(chunk: string): StreamEvent[] {
    let text = this.#buffer + chunk;
    // A `\r` at the very end may be the first half of `\r\n`: wait for the next chunk.
    const held = text.endsWith('\r') ? '\r' : '';
    if (held) text = text.slice(0, -1);
    const events: StreamEvent[] = [];
    const lines = text.split(/\r\n|\r|\n/);
    // The last piece has no line end yet: keep it for the next chunk.
    this.#buffer = (lines.pop() ?? '') + held;
    for (const line of lines) {
      if (line === '') {
        if (this.#data.length) events.push({ type: this.#type || 'message', data: this.#data.join('\n') });
        this.#type = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.#type = value;
      else if (field === 'data') this.#data.push(value);
    }
    return events;
  }
}

/** Reads a streamed response body to its end, calling `onEvent` for each event; rejects if the connection fails or is aborted. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
  } finally {
    reader.releaseLock();
  }
}
