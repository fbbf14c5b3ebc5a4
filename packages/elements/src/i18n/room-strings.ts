/** The `<convene-room>` section of the string table (merged into `en` and `es` in ./strings.ts). */
import type { ErrorCode } from '../core/api.js';

/** Why a visitor is no longer in a room (see `LeftReason`). */
export type LeftReasonKey = 'left' | 'removed' | 'room-closed' | 'connection-lost' | 'duplicate' | 'unknown';
/**
 * Every failure a room can meet: the server's error codes and the browser's own. Furniture's:
 * `unknown_furniture` (a piece the page cannot show: unknown kind, invalid settings, failed load)
 * and `duplicate_furniture` (a second piece of a kind a room has once, such as `chat`).
 */
export type ErrorKey =
  ErrorCode | 'network' | 'bad_response' | 'livekit_unreachable' | 'unknown_furniture' | 'duplicate_furniture';
/** What went wrong with a camera or microphone. */
export type MediaProblemKey = 'denied' | 'missing' | 'in-use' | 'other';

/** What `<convene-room>` says: pre-join, the stage, the controls, and every state a visitor meets. */
export interface RoomStrings {
  yourName: string;
  join: string;
  joining: string;
  leave: string;
  microphone: string;
  camera: string;
  screenShare: string;
  devices: string;
  speaker: string;
  you: (name: string) => string;
  participants: (count: number) => string;
  stage: string;
  controls: string;
  previewOff: string;
  microphoneLevel: string;
  accessCode: string;
  accessCodeHint: string;
  signIn: string;
  muted: (name: string) => string;
  connectionQuality: Record<'excellent' | 'good' | 'poor' | 'lost' | 'unknown', string>;
  presenting: (name: string) => string;
  /** The badge on the tile pinned to the stage by the room's `spotlight`. */
  spotlight: string;
  spotlightOn: (name: string) => string;
  spotlightCleared: string;
  page: (page: number, pages: number) => string;
  previousPage: string;
  nextPage: string;
  startAudio: string;
  audioBlocked: string;
  connecting: string;
  reconnecting: string;
  inRoom: string;
  rejoin: string;
  tryAgain: string;
  backToPrejoin: string;
  leftBecause: Record<LeftReasonKey, string>;
  errors: Record<ErrorKey, string>;
  retryIn: (seconds: number) => string;
  cameraProblem: Record<MediaProblemKey, string>;
  microphoneProblem: Record<MediaProblemKey, string>;
  screenShareFailed: string;
  muteParticipant: (name: string) => string;
  removeParticipant: (name: string) => string;
  confirmRemove: (name: string) => string;
  moderationFailed: string;
  joined: (name: string) => string;
  departed: (name: string) => string;
  nameRequired: string;
  missingAttributes: (names: string) => string;
}

export const roomEn: RoomStrings = {
  yourName: 'Your name',
  join: 'Join',
  joining: 'Joining…',
  leave: 'Leave',
  microphone: 'Microphone',
  camera: 'Camera',
  screenShare: 'Share screen',
  devices: 'Devices',
  speaker: 'Speaker',
  you: (name) => `${name} (you)`,
  participants: (count) => (count === 1 ? '1 person' : `${count} people`),
  stage: 'People in the room',
  controls: 'Room controls',
  previewOff: 'Your camera is off',
  microphoneLevel: 'Microphone level',
  accessCode: 'Access code',
  accessCodeHint: 'This room is locked. Enter the access code you were given.',
  signIn: 'Sign in',
  muted: (name) => `${name}'s microphone is off`,
  connectionQuality: {
    excellent: 'Excellent connection',
    good: 'Good connection',
    poor: 'Poor connection',
    lost: 'Connection lost',
    unknown: 'Connection quality unknown',
  },
  presenting: (name) => `${name} is sharing their screen`,
  spotlight: 'Spotlight',
  spotlightOn: (name) => `${name} is in the spotlight`,
  spotlightCleared: 'Spotlight cleared',
  page: (page, pages) => `Page ${page} of ${pages}`,
  previousPage: 'Previous page of people',
  nextPage: 'Next page of people',
  startAudio: 'Start audio',
  audioBlocked: 'Your browser paused the sound of this room.',
  connecting: 'Connecting to the room…',
  reconnecting: 'The connection dropped. Reconnecting… You stay in the room.',
  inRoom: 'You are in the room.',
  rejoin: 'Join again',
  tryAgain: 'Try again',
  backToPrejoin: 'Back',
  leftBecause: {
    left: 'You left the room.',
    removed: 'A moderator removed you from the room.',
    'room-closed': 'The room was closed.',
    'connection-lost': 'The connection to the room was lost. Check your network and join again.',
    duplicate: 'You joined this room from another tab or device, so this one was disconnected.',
    unknown: 'You are no longer in the room.',
  },
  errors: {
    invalid_request: 'The room could not open: the page asked for it in a way the server does not accept.',
    access_code_required: 'This room is locked. Enter its access code.',
    access_code_invalid: 'That access code is not right. Check it and try again.',
    members_only: 'This room is for members only.',
    space_not_found: 'This space does not exist on the Convene server. The page may link to an old address.',
    room_not_found: 'This room does not exist. The page may link to an old address.',
    participant_not_found: 'That person is not in the room.',
    not_found: 'The Convene server does not know this address.',
    room_full: 'The room is full. Try again when someone leaves.',
    payload_too_large: 'The request was too large for the server.',
    unsupported_media_type: 'The server did not understand the request.',
    rate_limited: 'Too many attempts. Wait a moment, then try again.',
    forbidden: 'You are not allowed to do that here.',
    unauthorized: 'You need to sign in for that.',
    origin_not_allowed: 'This website is not allowed to open rooms on this Convene server. Tell the site’s owner.',
    livekit_unavailable: 'The video service is not reachable right now. Try again in a moment.',
    internal_error: 'The Convene server had a problem. Try again in a moment.',
    pass_invalid: 'Your sign-in could not be checked. Sign in again on the website, then reload this page.',
    pass_unknown_key:
      'Your sign-in was signed with a key this Convene server does not know. Sign in again on the website; if this keeps happening, tell its organisers.',
    pass_expired: 'Your sign-in has expired. Reload this page, or sign in again on the website.',
    pass_not_yet_valid:
      'Your sign-in is not valid yet: the website’s clock is ahead of the server’s. Wait a minute and reload this page.',
    pass_too_long: 'Your sign-in is valid for longer than this Convene server accepts. Tell the website’s organisers.',
    pass_wrong_space: 'Your sign-in is for another space. Sign in again on this website, then reload this page.',
    pass_not_accepted: 'This space does not take sign-ins from other websites. Tell the website’s organisers.',
    pass_keys_unavailable: 'Your sign-in cannot be checked right now. Try again in a moment.',
    network: 'Could not reach the Convene server. Check your connection and try again.',
    bad_response: 'The Convene server gave an answer that could not be read. Try again in a moment.',
    livekit_unreachable: 'Could not connect to the video service. Check your connection and try again.',
    unknown_furniture: 'This room has furniture this page cannot show.',
    duplicate_furniture: 'This room has the same furniture twice; only the first one is shown.',
  },
  retryIn: (seconds) => `You can try again in ${seconds} seconds.`,
  cameraProblem: {
    denied: 'Your browser blocks the camera for this site. Allow it in the site settings, or join without it.',
    missing: 'No camera was found. You can join without it.',
    'in-use': 'Another app is using your camera. Close it, or join without it.',
    other: 'The camera could not start. You can join without it.',
  },
  microphoneProblem: {
    denied: 'Your browser blocks the microphone for this site. Allow it in the site settings, or join without it.',
    missing: 'No microphone was found. You can join without it.',
    'in-use': 'Another app is using your microphone. Close it, or join without it.',
    other: 'The microphone could not start. You can join without it.',
  },
  screenShareFailed: 'Your screen could not be shared.',
  muteParticipant: (name) => `Mute ${name}`,
  removeParticipant: (name) => `Remove ${name} from the room`,
  confirmRemove: (name) => `Remove ${name}? Press again to confirm`,
  moderationFailed: 'That did not work. Try again.',
  joined: (name) => `${name} joined`,
  departed: (name) => `${name} left`,
  nameRequired: 'Enter your name to join.',
  missingAttributes: (names) => `This room cannot open: the page did not give its ${names}.`,
};

export const roomEs: RoomStrings = {
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
    unknown: 'Ya no estás en la sala.',
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
    pass_invalid:
      'No se pudo comprobar tu inicio de sesión. Vuelve a iniciar sesión en el sitio web y recarga esta página.',
    pass_unknown_key:
      'Tu inicio de sesión está firmado con una clave que este servidor de Convene no conoce. Vuelve a iniciar sesión en el sitio web; si sigue pasando, avisa a quien lo organiza.',
    pass_expired: 'Tu inicio de sesión caducó. Recarga esta página o vuelve a iniciar sesión en el sitio web.',
    pass_not_yet_valid:
      'Tu inicio de sesión aún no es válido: el reloj del sitio web va por delante del del servidor. Espera un minuto y recarga esta página.',
    pass_too_long:
      'Tu inicio de sesión dura más de lo que este servidor de Convene acepta. Avisa a quien organiza el sitio web.',
    pass_wrong_space:
      'Tu inicio de sesión es para otro espacio. Vuelve a iniciar sesión en este sitio web y recarga esta página.',
    pass_not_accepted:
      'Este espacio no acepta inicios de sesión de otros sitios web. Avisa a quien organiza el sitio web.',
    pass_keys_unavailable: 'Ahora no se puede comprobar tu inicio de sesión. Vuelve a intentarlo en un momento.',
    network: 'No se pudo contactar con el servidor de Convene. Revisa tu conexión y vuelve a intentarlo.',
    bad_response: 'El servidor de Convene dio una respuesta ilegible. Vuelve a intentarlo en un momento.',
    livekit_unreachable: 'No se pudo conectar con el servicio de vídeo. Revisa tu conexión y vuelve a intentarlo.',
    unknown_furniture: 'Esta sala tiene un mueble que esta página no puede mostrar.',
    duplicate_furniture: 'Esta sala tiene el mismo mueble dos veces; solo se muestra el primero.',
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
