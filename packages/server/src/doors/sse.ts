/** A Server-Sent Events stream as the door streams write it: headers, events, heartbeats, and one clean-up. */
import type { Request, Response } from 'express';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Ends the stream (after a final event); runs the clean-ups once. */
  end(): void;
  /** Runs `cleanUp` when the stream ends, whoever ends it. */
  onEnd(cleanUp: () => void): void;
  readonly ended: boolean;
}

export function openEventStream(req: Request, res: Response, heartbeatMs: number): EventStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const write = (text: string) => {
    res.write(text);
    (res as Response & { flush?: () => void }).flush?.();
  };
  write('retry: 3000\n\n');
  const cleanUps: (() => void)[] = [];
  let ended = false;
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs).unref();
  const finish = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    for (const cleanUp of cleanUps.splice(0)) cleanUp();
  };
  req.once('close', finish);
  res.once('close', finish);
  return {
    send(event, data) {
      if (!ended) write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      finish();
      res.end();
    },
    onEnd(cleanUp) {
      if (ended) cleanUp();
      else cleanUps.push(cleanUp);
    },
    get ended() {
      return ended;
    },
  };
}
