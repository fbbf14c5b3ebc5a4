/**
 * Catalan: the room's and the space's entries (the features' are in ./ca-features.ts), shaped like ./es.ts. Its own chunk of the
 * script-tag embed, loaded when an element first speaks Catalan (see `loadStrings` in ./strings.ts).
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

/** A count and its noun, singular for exactly one. */
export const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

const room: RoomStrings = {
  yourName: 'El teu nom',
  join: 'Entra',
  joining: 'S’està entrant…',
  leave: 'Surt',
  microphone: 'Micròfon',
  camera: 'Càmera',
  screenShare: 'Comparteix la pantalla',
  devices: 'Dispositius',
  speaker: 'Altaveu',
  you: (name) => `${name} (tu)`,
  participants: (n) => count(n, 'persona', 'persones'),
  stage: 'Persones a la sala',
  controls: 'Controls de la sala',
  previewOff: 'La càmera està apagada',
  microphoneLevel: 'Nivell del micròfon',
  accessCode: 'Codi d’accés',
  accessCodeHint: 'Aquesta sala està tancada. Escriu el codi d’accés que et van donar.',
  signIn: 'Inicia la sessió',
  muted: (name) => `El micròfon de ${name} està apagat`,
  connectionQuality: {
    excellent: 'Connexió excel·lent',
    good: 'Bona connexió',
    poor: 'Connexió feble',
    lost: 'Connexió perduda',
    unknown: 'Qualitat de connexió desconeguda',
  },
  presenting: (name) => `${name} està compartint la pantalla`,
  spotlight: 'En primer pla',
  spotlightOn: (name) => `${name} és en primer pla`,
  spotlightCleared: 'Ja no hi ha ningú en primer pla',
  page: (page, pages) => `Pàgina ${page} de ${pages}`,
  previousPage: 'Pàgina anterior de persones',
  nextPage: 'Pàgina següent de persones',
  startAudio: 'Activa el so',
  audioBlocked: 'El navegador ha posat en pausa el so d’aquesta sala.',
  connecting: 'S’està connectant a la sala…',
  reconnecting: 'S’ha tallat la connexió. S’està reconnectant… Continues a la sala.',
  tileConnection: {
    stalled: 'Connexió perduda — s’està reconnectant…',
    reconnecting: 'S’està reconnectant amb el servei de vídeo…',
  },
  inRoom: 'Ets a la sala.',
  rejoin: 'Torna a entrar',
  tryAgain: 'Torna-ho a provar',
  backToPrejoin: 'Enrere',
  leftBecause: {
    left: 'Has sortit de la sala.',
    removed: 'Un moderador t’ha fet sortir de la sala.',
    'room-closed': 'La sala s’ha tancat.',
    'connection-lost': 'S’ha perdut la connexió amb la sala. Comprova la xarxa i torna a entrar.',
    duplicate: 'Has entrat en aquesta sala des d’una altra pestanya o dispositiu, així que aquesta s’ha desconnectat.',
  },
  errors: {
    invalid_request: 'La sala no s’ha pogut obrir: la pàgina l’ha demanada d’una manera que el servidor no accepta.',
    access_code_required: 'Aquesta sala està tancada. Escriu-ne el codi d’accés.',
    access_code_invalid: 'Aquest codi d’accés no és correcte. Revisa’l i torna-ho a provar.',
    members_only: 'Aquesta sala és només per a membres.',
    space_not_found: 'Aquest espai no existeix al servidor de Convene. Potser la pàgina enllaça a una adreça antiga.',
    room_not_found: 'Aquesta sala no existeix. Potser la pàgina enllaça a una adreça antiga.',
    participant_not_found: 'Aquesta persona no és a la sala.',
    not_found: 'El servidor de Convene no coneix aquesta adreça.',
    room_full: 'La sala és plena. Torna-ho a provar quan algú en surti.',
    payload_too_large: 'La petició era massa gran per al servidor.',
    unsupported_media_type: 'El servidor no ha entès la petició.',
    rate_limited: 'Massa intents. Espera un moment i torna-ho a provar.',
    forbidden: 'No tens permís per fer això aquí.',
    unauthorized: 'Has d’iniciar la sessió per fer això.',
    origin_not_allowed:
      'Aquest lloc web no té permís per obrir sales en aquest servidor de Convene. Avisa’n qui el gestiona.',
    livekit_unavailable: 'Ara mateix no es pot accedir al servei de vídeo. Torna-ho a provar d’aquí a un moment.',
    internal_error: 'El servidor de Convene ha tingut un problema. Torna-ho a provar d’aquí a un moment.',
    pass_invalid:
      'No s’ha pogut comprovar l’inici de sessió. Torna a iniciar la sessió al lloc web i torna-ho a provar.',
    pass_unknown_key:
      'L’inici de sessió està signat amb una clau que aquest servidor de Convene no coneix. Torna a iniciar la sessió al lloc web; si continua passant, avisa’n els organitzadors.',
    pass_expired: 'L’inici de sessió ha caducat. Torna-ho a provar o torna a iniciar la sessió al lloc web.',
    pass_not_yet_valid:
      'L’inici de sessió encara no és vàlid: el rellotge del lloc web va avançat respecte al del servidor. Espera un minut i torna-ho a provar.',
    pass_too_long:
      'L’inici de sessió dura més del que accepta aquest servidor de Convene. Avisa’n els organitzadors del lloc web.',
    pass_wrong_space:
      'L’inici de sessió és per a un altre espai. Torna a iniciar la sessió al lloc web i torna-ho a provar.',
    pass_not_accepted:
      'Aquest espai no accepta inicis de sessió d’altres llocs web. Avisa’n els organitzadors del lloc web.',
    pass_keys_unavailable: 'Ara mateix no es pot comprovar l’inici de sessió. Torna-ho a provar d’aquí a un moment.',
    knock_required: 'Un moderador ha tancat aquesta sala. Demana per entrar i algú de dins et deixarà passar.',
    knock_not_needed: 'Pots entrar directament: en aquesta sala no cal demanar-ho.',
    knock_not_found: 'Aquesta petició per entrar s’ha acabat. Torna a demanar-ho si encara vols entrar.',
    knock_not_admitted: 'Encara no t’ha deixat entrar ningú. Espera una resposta o torna a demanar-ho.',
    invite_invalid: 'Aquest enllaç d’invitació ha caducat o s’ha retirat. Demana’n un de nou a qui te’l va enviar.',
    kept_out:
      'Un moderador t’ha fet sortir d’aquesta sala. Podràs tornar quan s’acabi aquesta reunió o si un moderador et torna a deixar entrar.',
    store_unavailable:
      'Ara mateix el servidor de Convene no pot comprovar qui pot entrar. Torna-ho a provar d’aquí a un moment.',
    pass_unavailable:
      'No s’ha pogut comprovar l’inici de sessió amb el lloc web. Comprova la connexió i torna-ho a provar; si continua passant, avisa’n els organitzadors del lloc web.',
    network: 'No s’ha pogut contactar amb el servidor de Convene. Comprova la connexió i torna-ho a provar.',
    bad_response:
      'El servidor de Convene ha donat una resposta que no s’ha pogut llegir. Torna-ho a provar d’aquí a un moment.',
    livekit_unreachable: 'No s’ha pogut connectar amb el servei de vídeo. Comprova la connexió i torna-ho a provar.',
    unknown_furniture: 'Aquesta sala té un moble que aquesta pàgina no pot mostrar.',
    duplicate_furniture: 'Aquesta sala té el mateix moble dues vegades; només es mostra el primer.',
    e2ee_key_required:
      'Aquesta sala està xifrada d’extrem a extrem: escriu-ne la frase de pas o obre l’enllaç d’invitació que en porta la clau.',
    e2ee_unsupported:
      'Aquest navegador no pot entrar a sales xifrades. Fes servir un Chrome, Edge, Firefox o Safari recents.',
  },
  retryIn: (seconds) => `Podràs tornar-ho a provar d’aquí a ${count(seconds, 'segon', 'segons')}.`,
  cameraProblem: {
    denied: 'El navegador bloca la càmera en aquest lloc. Permet-la a la configuració del lloc, o entra sense càmera.',
    missing: 'No s’ha trobat cap càmera. Pots entrar sense càmera.',
    'in-use': 'Una altra aplicació està fent servir la càmera. Tanca-la, o entra sense càmera.',
    other: 'La càmera no s’ha pogut engegar. Pots entrar sense càmera.',
  },
  microphoneProblem: {
    denied:
      'El navegador bloca el micròfon en aquest lloc. Permet-lo a la configuració del lloc, o entra sense micròfon.',
    missing: 'No s’ha trobat cap micròfon. Pots entrar sense micròfon.',
    'in-use': 'Una altra aplicació està fent servir el micròfon. Tanca-la, o entra sense micròfon.',
    other: 'El micròfon no s’ha pogut engegar. Pots entrar sense micròfon.',
  },
  screenShareFailed: 'No s’ha pogut compartir la pantalla.',
  muteParticipant: (name) => `Silencia ${name}`,
  removeParticipant: (name) => `Fes sortir ${name} de la sala`,
  confirmRemove: (name) => `Vols fer sortir ${name}? Torna-hi a prémer per confirmar-ho`,
  moderationFailed: 'No ha funcionat. Torna-ho a provar.',
  joined: (name) => `${name} ha entrat`,
  departed: (name) => `${name} ha sortit`,
  nameRequired: 'Escriu el teu nom per entrar.',
  missingAttributes: (names) => `Aquesta sala no es pot obrir: la pàgina no ha indicat ${names}.`,
};

const space: SpaceStrings = {
  rooms: 'Sales',
  loading: 'S’estan carregant les sales…',
  enter: (room) => `Entra a ${room}`,
  backToRooms: 'Torna a les sales',
  peopleIn: (n) => (n === 0 ? 'Encara no hi ha ningú' : `${count(n, 'persona', 'persones')} a dins`),
  placesLeft: (left, capacity) =>
    left === 1 ? `Queda 1 plaça de ${capacity}` : `Queden ${left} places de ${capacity}`,
  roomFull: 'Plena',
  accessPublic: 'Oberta a tothom',
  accessLocked: 'Tancada: cal un codi d’accés',
  accessMembers: 'Només per a membres',
  lockedByModerator: 'Tancada per un moderador',
  stageCounts: (speaking, watching) => `${speaking} parlant · ${watching} mirant`,
  entrance: 'Entrada',
  presenceStale: 'S’està reconnectant… pot ser que no estigui al dia qui és a cada sala.',
  presenceUnavailable: 'Ara mateix no es pot mostrar qui és a cada sala.',
  emptySpace: 'Aquest espai encara no té cap sala on puguis entrar.',
  spaceNotFound: (space) =>
    `No hi ha cap espai anomenat «${space}» en aquest servidor. Revisa l’atribut space de la pàgina.`,
  serverUnreachable: 'No es pot contactar amb el servidor de Convene. Comprova la connexió; continuem provant-ho.',
  serverError: (message) => `El servidor de Convene ho ha rebutjat: ${message}`,
  andMore: (n) => `i ${n} més`,
};

export const ca: RoomStrings & SpaceStrings = { ...room, ...space };
