/**
 * Every text a person sees, in one replaceable table. English first; Spanish shipped.
 * A page overrides any entry through an element's `strings` property.
 */
export interface ConveneStrings {
  yourName: string;
  join: string;
  joining: string;
  leave: string;
  microphoneOn: string;
  microphoneOff: string;
  cameraOn: string;
  cameraOff: string;
  you: (name: string) => string;
  participants: (count: number) => string;
  stage: string;
  controls: string;
  connecting: string;
  reconnecting: string;
  rejoin: string;
  tryAgain: string;
  leftBecause: Record<'left' | 'removed' | 'room-closed' | 'connection-lost' | 'duplicate' | 'unknown', string>;
  joined: (name: string) => string;
  departed: (name: string) => string;
  nameRequired: string;
  missingAttributes: (names: string) => string;
  rooms: string;
  loading: string;
  enter: (room: string) => string;
  peopleIn: (count: number) => string;
  backToRooms: string;
}

export const en: ConveneStrings = {
  yourName: 'Your name',
  join: 'Join',
  joining: 'Joining…',
  leave: 'Leave',
  microphoneOn: 'Microphone on',
  microphoneOff: 'Microphone off',
  cameraOn: 'Camera on',
  cameraOff: 'Camera off',
  you: (name) => `${name} (you)`,
  participants: (count) => (count === 1 ? '1 person' : `${count} people`),
  stage: 'People in the room',
  controls: 'Room controls',
  connecting: 'Connecting to the room…',
  reconnecting: 'The connection dropped. Reconnecting…',
  rejoin: 'Join again',
  tryAgain: 'Try again',
  leftBecause: {
    left: 'You left the room.',
    removed: 'A moderator removed you from the room.',
    'room-closed': 'The room was closed.',
    'connection-lost': 'The connection to the room was lost.',
    duplicate: 'You joined this room from another tab or device, so this one was disconnected.',
    unknown: 'You are no longer in the room.',
  },
  joined: (name) => `${name} joined`,
  departed: (name) => `${name} left`,
  nameRequired: 'Enter your name to join.',
  missingAttributes: (names) => `This room cannot open: the page did not give its ${names}.`,
  rooms: 'Rooms',
  loading: 'Loading…',
  enter: (room) => `Enter ${room}`,
  peopleIn: (count) => (count === 0 ? 'Nobody here yet' : count === 1 ? '1 person inside' : `${count} people inside`),
  backToRooms: 'Back to the rooms',
};

export const es: ConveneStrings = {
  yourName: 'Tu nombre',
  join: 'Entrar',
  joining: 'Entrando…',
  leave: 'Salir',
  microphoneOn: 'Micrófono activado',
  microphoneOff: 'Micrófono desactivado',
  cameraOn: 'Cámara activada',
  cameraOff: 'Cámara desactivada',
  you: (name) => `${name} (tú)`,
  participants: (count) => (count === 1 ? '1 persona' : `${count} personas`),
  stage: 'Personas en la sala',
  controls: 'Controles de la sala',
  connecting: 'Conectando con la sala…',
  reconnecting: 'Se cortó la conexión. Reconectando…',
  rejoin: 'Volver a entrar',
  tryAgain: 'Reintentar',
  leftBecause: {
    left: 'Saliste de la sala.',
    removed: 'Un moderador te sacó de la sala.',
    'room-closed': 'La sala se cerró.',
    'connection-lost': 'Se perdió la conexión con la sala.',
    duplicate: 'Entraste en esta sala desde otra pestaña o dispositivo, así que esta se desconectó.',
    unknown: 'Ya no estás en la sala.',
  },
  joined: (name) => `${name} entró`,
  departed: (name) => `${name} salió`,
  nameRequired: 'Escribe tu nombre para entrar.',
  missingAttributes: (names) => `Esta sala no puede abrirse: la página no indicó ${names}.`,
  rooms: 'Salas',
  loading: 'Cargando…',
  enter: (room) => `Entrar en ${room}`,
  peopleIn: (count) =>
    count === 0 ? 'Aún no hay nadie' : count === 1 ? '1 persona dentro' : `${count} personas dentro`,
  backToRooms: 'Volver a las salas',
};

const tables: Record<string, ConveneStrings> = { en, es };

/** Registers (or replaces) a language's table, e.g. `registerStrings('fr', {...en, join: 'Entrer'})`. */
export function registerStrings(lang: string, strings: ConveneStrings): void {
  tables[lang.toLowerCase()] = strings;
}

/** The table for a BCP 47 tag: exact, then its language, then English. */
export function stringsFor(lang: string | null | undefined): ConveneStrings {
  const tag = (lang ?? '').toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0] ?? ''] ?? en;
}
