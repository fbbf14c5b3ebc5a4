/** The `<convene-space>` section of the string table (merged into `en` and `es` in ./strings.ts). */

/** What `<convene-space>` says: the directory, who is where, and what went wrong (Try again is the room's `tryAgain`). */
export interface SpaceStrings {
  rooms: string;
  loading: string;
  enter: (room: string) => string;
  backToRooms: string;
  peopleIn: (count: number) => string;
  placesLeft: (left: number, capacity: number) => string;
  roomFull: string;
  accessPublic: string;
  accessLocked: string;
  accessMembers: string;
  entrance: string;
  presenceStale: string;
  presenceUnavailable: string;
  emptySpace: string;
  spaceNotFound: (space: string) => string;
  serverUnreachable: string;
  serverError: (message: string) => string;
  andMore: (count: number) => string;
}

export const spaceEn: SpaceStrings = {
  rooms: 'Rooms',
  loading: 'Loading the rooms…',
  enter: (room) => `Enter ${room}`,
  backToRooms: 'Back to the rooms',
  peopleIn: (count) => (count === 0 ? 'Nobody here yet' : count === 1 ? '1 person inside' : `${count} people inside`),
  placesLeft: (left, capacity) => (left === 1 ? `1 place left of ${capacity}` : `${left} places left of ${capacity}`),
  roomFull: 'Full',
  accessPublic: 'Open to everyone',
  accessLocked: 'Locked: needs an access code',
  accessMembers: 'Members only',
  entrance: 'Entrance',
  presenceStale: 'Reconnecting… who is where may be out of date.',
  presenceUnavailable: 'Who is in each room cannot be shown right now.',
  emptySpace: 'This space has no rooms you can enter yet.',
  spaceNotFound: (space) => `There is no space called “${space}” on this server. Check the page’s space attribute.`,
  serverUnreachable: 'The Convene server cannot be reached. Check your connection; we keep trying.',
  serverError: (message) => `The Convene server refused: ${message}`,
  andMore: (count) => `and ${count} more`,
};

export const spaceEs: SpaceStrings = {
  rooms: 'Salas',
  loading: 'Cargando las salas…',
  enter: (room) => `Entrar en ${room}`,
  backToRooms: 'Volver a las salas',
  peopleIn: (count) =>
    count === 0 ? 'Aún no hay nadie' : count === 1 ? '1 persona dentro' : `${count} personas dentro`,
  placesLeft: (left, capacity) =>
    left === 1 ? `Queda 1 plaza de ${capacity}` : `Quedan ${left} plazas de ${capacity}`,
  roomFull: 'Llena',
  accessPublic: 'Abierta a todo el mundo',
  accessLocked: 'Cerrada: necesita un código de acceso',
  accessMembers: 'Solo para socios',
  entrance: 'Entrada',
  presenceStale: 'Reconectando… quién está en cada sala puede no estar al día.',
  presenceUnavailable: 'Ahora no se puede mostrar quién está en cada sala.',
  emptySpace: 'Este espacio aún no tiene salas en las que puedas entrar.',
  spaceNotFound: (space) =>
    `No hay ningún espacio llamado «${space}» en este servidor. Revisa el atributo space de la página.`,
  serverUnreachable: 'No se puede contactar con el servidor de Convene. Revisa tu conexión; seguimos intentándolo.',
  serverError: (message) => `El servidor de Convene lo rechazó: ${message}`,
  andMore: (count) => `y ${count} más`,
};
