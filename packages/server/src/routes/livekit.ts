/** What LiveKit itself calls or is checked by: `POST /api/livekit/webhook` and `GET /healthz`. */
import express, { type Router } from 'express';
import { spaceOfLivekitRoom, type Health } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { limitClient, type RouteContext } from './context.js';

export function livekitRoutes(router: Router, ctx: RouteContext): void {
  router.get('/healthz', async (req, res) => {
    limitClient(ctx.healthLimiter, req, 'health checks');
    const reachable = await Promise.race([
      ctx.rooms.listRooms(['convene-healthz']).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, 3000, false).unref()),
    ]);
    const health: Health = { ok: reachable, livekit: reachable ? 'reachable' : 'unreachable' };
    res.status(reachable ? 200 : 503).json(health);
  });

  // Its own raw body: the signature covers the exact bytes LiveKit sent.
  router.post('/api/livekit/webhook', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let event;
    try {
      event = await ctx.webhooks.receive(body, req.get('authorization'));
    } catch {
      throw new ConveneError(401, 'unauthorized', 'The webhook is not signed by this server’s LiveKit key.');
    }
    // Someone joined or left (or a room opened or closed): that space's presence is asked again.
    const space = ctx.presence.get(spaceOfLivekitRoom(event.room?.name ?? ''));
    if (space && /^(participant_|room_)/.test(event.event)) void space.refresh();
    res.json({ received: true });
  });
}
