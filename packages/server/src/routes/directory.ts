/**
 * `GET /api/spaces/:space`, the directory this visitor may see, and `GET /api/spaces/:space/events`,
 * the same rooms' presence as Server-Sent Events.
 */
import type { Router } from 'express';
import type { Directory } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { clientKey } from '../http.js';
import { presenceFor, visibleRooms, type SpacePresence } from '../presence.js';
import type { RoomConfig } from '../schema.js';
import { findSpace, rateLimited, type RouteContext } from './context.js';

export function directoryRoutes(router: Router, ctx: RouteContext): void {
  /** Open presence streams per client, and on this server in all. */
  const streams = new Map<string, number>();
  let openStreams = 0;
  const hubOf = (slug: string) => ctx.presence.get(slug) as SpacePresence;

  router.get('/api/spaces/:space', async (req, res) => {
    const space = findSpace(ctx, req.params.space);
    const person = await ctx.whoIs(req, space);
    const member = Boolean(person?.member || person?.moderator);
    // A locked room's furniture settings (its notes, its embedded pages, its tables) are for
    // those who may enter it: who has the code gets them with the token; a moderator needs none.
    const mayEnter = (room: RoomConfig) => room.access !== 'locked' || Boolean(person?.moderator);
    const hub = hubOf(space.slug);
    const snapshot = await hub.current(hub.subscriberCount > 0 ? ctx.pollMs : 1000);
    const live = presenceFor(space, snapshot, member, hub.locked);
    const directory: Directory = {
      space: space.slug,
      name: space.name,
      entrance: space.entrance,
      presence: snapshot ? 'live' : 'unavailable',
      ...(person?.moderator ? { moderator: true } : {}),
      rooms: visibleRooms(space, member).map((room, index) => ({
        slug: room.slug,
        name: room.name,
        ...(room.description ? { description: room.description } : {}),
        access: room.access,
        ...(room.knock ? { knock: true } : {}),
        ...(room.stage ? { stage: true } : {}),
        ...(room.e2ee ? { e2ee: room.e2ee } : {}),
        ...(room.capacity ? { capacity: room.capacity } : {}),
        furniture: mayEnter(room)
          ? room.furniture
          : room.furniture.map(({ settings: _settings, ...entry }) => ({ ...entry, settings: {} })),
        ...live[index],
        count: live[index]?.count ?? 0,
      })),
    };
    res.json(directory);
  });

  router.get('/api/spaces/:space/events', async (req, res) => {
    const space = findSpace(ctx, req.params.space);
    if (req.method === 'HEAD') {
      // Headers only, at once: a HEAD has no body to stream, so nothing is held open for it.
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const person = await ctx.whoIs(req, space);
    const client = clientKey(req);
    const open = streams.get(client) ?? 0;
    if (open >= ctx.streamsPerClient) {
      throw rateLimited(30, 'Too many open presence streams from this client.');
    }
    if (openStreams >= ctx.maxStreams) {
      throw new ConveneError(
        503,
        'rate_limited',
        'This server has as many presence streams open as it can. Try again soon.',
        undefined,
        { 'Retry-After': '30' },
      );
    }
    streams.set(client, open + 1);
    openStreams++;
    res.once('close', () => {
      openStreams--;
      const left = (streams.get(client) ?? 1) - 1;
      if (left > 0) streams.set(client, left);
      else streams.delete(client);
    });
    await hubOf(space.slug).subscribe(req, res, Boolean(person?.member || person?.moderator));
  });
}
