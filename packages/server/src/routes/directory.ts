/**
 * `GET /api/spaces/:space`, the directory this visitor may see, and `GET /api/spaces/:space/events`,
 * the same rooms' presence as Server-Sent Events.
 */
import type { Router } from 'express';
import type { Directory } from '../contract/index.js';
import { clientKey } from '../http.js';
import { presenceFor, visibleRooms, type SpacePresence } from '../presence.js';
import { findSpace, rateLimited, type RouteContext } from './context.js';

export function directoryRoutes(router: Router, ctx: RouteContext): void {
  /** Open presence streams per client. */
  const streams = new Map<string, number>();
  const hubOf = (slug: string) => ctx.presence.get(slug) as SpacePresence;

  router.get('/api/spaces/:space', async (req, res) => {
    const space = findSpace(ctx, req.params.space);
    const person = await ctx.whoIs(req, space);
    const member = Boolean(person?.member || person?.moderator);
    const hub = hubOf(space.slug);
    const snapshot = await hub.current(hub.subscriberCount > 0 ? ctx.pollMs : 1000);
    const live = presenceFor(space, snapshot, member);
    const directory: Directory = {
      space: space.slug,
      name: space.name,
      entrance: space.entrance,
      presence: snapshot ? 'live' : 'unavailable',
      rooms: visibleRooms(space, member).map((room, index) => ({
        slug: room.slug,
        name: room.name,
        ...(room.description ? { description: room.description } : {}),
        access: room.access,
        ...(room.capacity ? { capacity: room.capacity } : {}),
        furniture: room.furniture,
        ...live[index],
        count: live[index]?.count ?? 0,
      })),
    };
    res.json(directory);
  });

  router.get('/api/spaces/:space/events', async (req, res) => {
    const space = findSpace(ctx, req.params.space);
    const person = await ctx.whoIs(req, space);
    const client = clientKey(req);
    const open = streams.get(client) ?? 0;
    if (open >= ctx.streamsPerClient) {
      throw rateLimited(30, 'Too many open presence streams from this client.');
    }
    streams.set(client, open + 1);
    res.once('close', () => {
      const left = (streams.get(client) ?? 1) - 1;
      if (left > 0) streams.set(client, left);
      else streams.delete(client);
    });
    await hubOf(space.slug).subscribe(req, res, Boolean(person?.member || person?.moderator));
  });
}
