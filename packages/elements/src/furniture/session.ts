/** What furniture uses of the room's session. */
import type { Room } from 'livekit-client';
import type { ModerationAction, TokenResponse } from '@convene/server/contract';
import type { PollsApi } from './kinds/poll-model.js';

/**
 * What the furniture panel and its kinds use of a `ConveneSession` (src/components/room/session.ts);
 * anything shaped like it will do. The panel follows it (join, leave, rejoin) and hands it to each kind.
 */
export interface FurnitureSession {
  readonly options: { server: string; space: string; room: string };
  readonly room?: Room | undefined;
  readonly token?: TokenResponse | undefined;
  /** The LiveKit token now (LiveKit refreshes `token`'s); `token`'s is used without it. */
  readonly bearer?: string | undefined;
  readonly isModerator?: boolean;
  moderate(action: ModerationAction, identity: string): Promise<void>;
  readonly state: { subscribe(listener: () => void): () => void };
  /** Who the stage pins ('' for nobody), from the room's metadata: the `spotlight` kind shows it. */
  readonly spotlight?: { readonly value: string; subscribe(listener: (identity: string) => void): () => void };
  /** Floats a reaction over its sender's tile: the `hand-raise` kind reports each one it sends or receives. */
  showReaction?(reaction: { identity: string; emoji: string }): void;
  /** The `poll` kind's requests from fixtures (stories, view tests); the server's by default. */
  readonly pollsApi?: PollsApi | undefined;
}
