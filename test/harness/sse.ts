/**
 * Reads a server-sent event stream (the presence streams): each complete frame's event name and
 * data line, in order, however the chunks split them.
 */
import type { IncomingMessage } from 'node:http';

export function readSse(res: IncomingMessage, onEvent: (event: string | undefined, data: string) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data) onEvent(/^event: (.*)$/m.exec(frame)?.[1], data);
    }
  });
}
