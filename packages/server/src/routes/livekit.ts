/** What LiveKit itself calls or is checked by: `POST /api/livekit/webhook` and `GET /healthz`. */
import express, { type Router } from 'express';
import { spaceOfLivekitRoom, type Health } from '../contract/index.js';
import { removeIfKeptOut } from '../doors/bans.js';
import { ConveneError } from '../errors.js';
import { StoreUnavailableError } from '../store/store.js';
import { limitClient, type RouteContext } from './context.js';

export function livekitRoutes(router: Router, ctx: RouteContext): void {
  router.get('/healthz', async (req, res) => {
    // A store that cannot count this check is what the check reports, not a reason to refuse it.
    await limitClient(ctx.healthLimiter, req, 'health checks').catch((error: unknown) => {
      if (!(error instanceof StoreUnavailableError)) throw error;
    });
    const within3s = (check: Promise<boolean>) =>
      Promise.race([
        check.catch(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, 3000, false).unref()),
      ]);
    const [livekit, store] = await Promise.all([
      within3s(ctx.rooms.listRooms(['convene-healthz']).then(() => true)),
      within3s(ctx.store.ping()),
    ]);
    const health: Health = {
      ok: livekit && store,
      livekit: livekit ? 'reachable' : 'unreachable',
      store: ctx.store.kind === 'memory' ? 'memory' : store ? 'reachable' : 'unreachable',
    };
    res.status(health.ok ? 200 : 503).json(health);
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
    // Through a load balancer the webhook reaches one copy: the others hear of it through the store.
    if (/^(participant_|room_)/.test(event.event)) {
      const name = event.room?.name ?? '';
      // `space/room`, or `space/room/table` for a breakout table: the room it belongs to is asked again.
      ctx.nudgePresence(spaceOfLivekitRoom(name), name.split('/')[1]);
    }
    // A kept-out person's earlier token still opens the room (LiveKit cannot revoke it): out again.
    if (event.event === 'participant_joined' && event.room && event.participant) {
      removeIfKeptOut(ctx, event.room.name, event.room.sid, event.participant).catch((error: unknown) =>
        ctx.log('could not keep a removed participant out', error),
      );
    }
    res.json({ received: true });
  });
}
