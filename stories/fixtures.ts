/** Fixture data for stories: what the Convene server would send, without a server. */
import type { Directory } from '@convene/server/contract';

const people = (names: string[]) => names.map((name, i) => ({ identity: `guest-${i}-${name}`, name }));

export const riverCoop: Directory = {
  space: 'river-coop',
  name: 'River Co-op',
  entrance: 'lobby',
  presence: 'live',
  rooms: [
    {
      slug: 'lobby',
      name: 'Lobby',
      description: 'Everyone is welcome. Say hello!',
      access: 'public',
      furniture: [],
      count: 3,
      people: people(['Ada', 'Grace', 'Tomás']),
    },
    {
      slug: 'workshop',
      name: 'Workshop',
      description: 'Locked: ask a member for the access code.',
      access: 'locked',
      furniture: [],
      count: 2,
    },
    {
      slug: 'members',
      name: 'Members’ room',
      description: 'For co-op members.',
      access: 'members',
      furniture: [],
      count: 0,
    },
    {
      slug: 'cafe',
      name: 'Café',
      access: 'public',
      capacity: 12,
      furniture: [],
      count: 11,
      people: people(['Ana', 'Bea', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai']),
    },
    {
      slug: 'booth',
      name: 'Phone booth',
      access: 'public',
      capacity: 2,
      furniture: [],
      count: 2,
      people: people(['Lee', 'Max']),
    },
  ],
};
