/**
 * Spanish: the room's and the space's entries (the features' are in ./es-features.ts). It is its own chunk of the script-tag embed,
 * loaded when an element first speaks Spanish (see `loadStrings` in ./strings.ts); English, the
 * fallback, ships in convene.js.
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

const room: RoomStrings = {
  yourName: 'Tu nombre',
  join: 'Entrar',
  joining: 'Entrando…',
  leave: 'Salir',
  microphone: 'Micrófono',
  camera: 'Cámara',
  screenShare: 'Compartir pantalla',
  devices: 'Dispositivos',
  speaker: 'Altavoz',
  you: (name) => `${name} (tú)`,
  participants: (count) => (count === 1 ? '1 persona' : `${count} personas`),
  stage: 'Personas en la sala',
  controls: 'Controles de la sala',
  previewOff: 'Tu cámara está apagada',
  microphoneLevel: 'Nivel del micrófono',
  accessCode: 'Código de acceso',
  accessCodeHint: 'Esta sala está cerrada. Escribe el código de acceso que te dieron.',
  signIn: 'Iniciar sesión',
  muted: (name) => `El micrófono de ${name} está apagado`,
  connectionQuality: {
    excellent: 'Conexión excelente',
    good: 'Buena conexión',
    poor: 'Conexión débil',
    lost: 'Conexión perdida',
    unknown: 'Calidad de conexión desconocida',
  },
  presenting: (name) => `${name} está compartiendo su pantalla`,
  spotlight: 'Foco',
  spotlightOn: (name) => `${name} está en el foco`,
  spotlightCleared: 'Se quitó el foco',
  page: (page, pages) => `Página ${page} de ${pages}`,
  previousPage: 'Página anterior de personas',
  nextPage: 'Página siguiente de personas',
  startAudio: 'Activar sonido',
  audioBlocked: 'Tu navegador pausó el sonido de esta sala.',
  connecting: 'Conectando con la sala…',
  reconnecting: 'Se cortó la conexión. Reconectando… Sigues en la sala.',
  tileConnection: {
    stalled: 'Conexión perdida — reconectando…',
    reconnecting: 'Reconectando con el servicio de vídeo…',
  },
  inRoom: 'Estás en la sala.',
  rejoin: 'Volver a entrar',
  tryAgain: 'Reintentar',
  backToPrejoin: 'Volver',
  leftBecause: {
    left: 'Saliste de la sala.',
    removed: 'Un moderador te sacó de la sala.',
    'room-closed': 'La sala se cerró.',
    'connection-lost': 'Se perdió la conexión con la sala. Revisa tu red y vuelve a entrar.',
    duplicate: 'Entraste en esta sala desde otra pestaña o dispositivo, así que esta se desconectó.',
  },
  errors: {
    invalid_request: 'La sala no pudo abrirse: la página la pidió de una forma que el servidor no acepta.',
    access_code_required: 'Esta sala está cerrada. Escribe su código de acceso.',
    access_code_invalid: 'Ese código de acceso no es correcto. Revísalo y vuelve a intentarlo.',
    members_only: 'Esta sala es solo para miembros.',
    space_not_found:
      'Este espacio no existe en el servidor de Convene. Puede que la página enlace a una dirección antigua.',
    room_not_found: 'Esta sala no existe. Puede que la página enlace a una dirección antigua.',
    participant_not_found: 'Esa persona no está en la sala.',
    not_found: 'El servidor de Convene no conoce esta dirección.',
    room_full: 'La sala está llena. Vuelve a intentarlo cuando alguien salga.',
    payload_too_large: 'La petición era demasiado grande para el servidor.',
    unsupported_media_type: 'El servidor no entendió la petición.',
    rate_limited: 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
    forbidden: 'No tienes permiso para hacer eso aquí.',
    unauthorized: 'Tienes que iniciar sesión para eso.',
    origin_not_allowed:
      'Este sitio web no tiene permiso para abrir salas en este servidor de Convene. Avisa a quien lo gestiona.',
    livekit_unavailable: 'El servicio de vídeo no está disponible ahora. Vuelve a intentarlo en un momento.',
    internal_error: 'El servidor de Convene tuvo un problema. Vuelve a intentarlo en un momento.',
    pass_invalid: 'No se pudo comprobar tu inicio de sesión. Vuelve a iniciar sesión en el sitio web y reinténtalo.',
    pass_unknown_key:
      'Tu inicio de sesión está firmado con una clave que este servidor de Convene no conoce. Vuelve a iniciar sesión en el sitio web; si sigue pasando, avisa a quien lo organiza.',
    pass_expired: 'Tu inicio de sesión caducó. Reinténtalo o vuelve a iniciar sesión en el sitio web.',
    pass_not_yet_valid:
      'Tu inicio de sesión aún no es válido: el reloj del sitio web va por delante del del servidor. Espera un minuto y reinténtalo.',
    pass_too_long:
      'Tu inicio de sesión dura más de lo que este servidor de Convene acepta. Avisa a quien organiza el sitio web.',
    pass_wrong_space:
      'Tu inicio de sesión es para otro espacio. Vuelve a iniciar sesión en el sitio web y reinténtalo.',
    pass_not_accepted:
      'Este espacio no acepta inicios de sesión de otros sitios web. Avisa a quien organiza el sitio web.',
    pass_keys_unavailable: 'Ahora no se puede comprobar tu inicio de sesión. Vuelve a intentarlo en un momento.',
    knock_required: 'Un moderador ha cerrado esta sala. Pide entrar y alguien de dentro te dejará pasar.',
    knock_not_needed: 'Puedes entrar directamente: en esta sala no hace falta pedir permiso.',
    knock_not_found: 'Esa petición para entrar ha terminado. Vuelve a pedirlo si aún quieres entrar.',
    knock_not_admitted: 'Todavía nadie te ha dejado entrar. Espera una respuesta o vuelve a pedirlo.',
    invite_invalid: 'Este enlace de invitación ha caducado o se ha retirado. Pide uno nuevo a quien te lo envió.',
    kept_out:
      'Un moderador te ha sacado de esta sala. Podrás volver cuando termine esta reunión o si un moderador te deja entrar de nuevo.',
    store_unavailable:
      'Ahora el servidor de Convene no puede comprobar quién puede entrar. Vuelve a intentarlo en un momento.',
    pass_unavailable:
      'No se pudo comprobar tu inicio de sesión con el sitio web. Revisa tu conexión y vuelve a intentarlo; si sigue pasando, avisa a quien organiza el sitio web.',
    network: 'No se pudo contactar con el servidor de Convene. Revisa tu conexión y vuelve a intentarlo.',
    bad_response: 'El servidor de Convene dio una respuesta ilegible. Vuelve a intentarlo en un momento.',
    livekit_unreachable: 'No se pudo conectar con el servicio de vídeo. Revisa tu conexión y vuelve a intentarlo.',
    unknown_furniture: 'Esta sala tiene un mueble que esta página no puede mostrar.',
    duplicate_furniture: 'Esta sala tiene el mismo mueble dos veces; solo se muestra el primero.',
    e2ee_key_required:
      'Esta sala está cifrada de extremo a extremo: escribe su frase de contraseña o abre el enlace de invitación que lleva su clave.',
    e2ee_unsupported:
      'Este navegador no puede entrar en salas cifradas. Usa un Chrome, Edge, Firefox o Safari recientes.',
  },
  retryIn: (seconds) => `Podrás volver a intentarlo en ${seconds} segundos.`,
  cameraProblem: {
    denied: 'Tu navegador bloquea la cámara en este sitio. Permítela en la configuración del sitio, o entra sin ella.',
    missing: 'No se encontró ninguna cámara. Puedes entrar sin ella.',
    'in-use': 'Otra aplicación está usando tu cámara. Ciérrala, o entra sin ella.',
    other: 'La cámara no pudo arrancar. Puedes entrar sin ella.',
  },
  microphoneProblem: {
    denied: 'Tu navegador bloquea el micrófono en este sitio. Permítelo en la configuración del sitio, o entra sin él.',
    missing: 'No se encontró ningún micrófono. Puedes entrar sin él.',
    'in-use': 'Otra aplicación está usando tu micrófono. Ciérrala, o entra sin él.',
    other: 'El micrófono no pudo arrancar. Puedes entrar sin él.',
  },
  screenShareFailed: 'No se pudo compartir tu pantalla.',
  muteParticipant: (name) => `Silenciar a ${name}`,
  removeParticipant: (name) => `Sacar a ${name} de la sala`,
  confirmRemove: (name) => `¿Sacar a ${name}? Pulsa otra vez para confirmar`,
  moderationFailed: 'No funcionó. Vuelve a intentarlo.',
  joined: (name) => `${name} entró`,
  departed: (name) => `${name} salió`,
  nameRequired: 'Escribe tu nombre para entrar.',
  missingAttributes: (names) => `Esta sala no puede abrirse: la página no indicó ${names}.`,
};

const space: SpaceStrings = {
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
  // Doors (issue 13)
  lockedByModerator: 'Cerrada por un moderador',
  stageCounts: (speaking, watching) => `${speaking} hablando · ${watching} mirando`,
};

export const es: RoomStrings & SpaceStrings = { ...room, ...space };
