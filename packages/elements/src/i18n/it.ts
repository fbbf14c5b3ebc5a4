/**
 * Italian: the room's and the space's entries (the features' are in ./it-features.ts), shaped like ./es.ts. Its own chunk of the
 * script-tag embed, loaded when an element first speaks Italian (see `loadStrings` in ./strings.ts).
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

/** A count and its noun, singular for exactly one. */
export const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

const room: RoomStrings = {
  yourName: 'Il tuo nome',
  join: 'Entra',
  joining: 'Ingresso in corso…',
  leave: 'Esci',
  microphone: 'Microfono',
  camera: 'Videocamera',
  screenShare: 'Condividi schermo',
  devices: 'Dispositivi',
  speaker: 'Altoparlante',
  you: (name) => `${name} (tu)`,
  participants: (n) => count(n, 'persona', 'persone'),
  stage: 'Persone nella stanza',
  controls: 'Comandi della stanza',
  previewOff: 'La tua videocamera è spenta',
  microphoneLevel: 'Livello del microfono',
  accessCode: 'Codice di accesso',
  accessCodeHint: 'Questa stanza è chiusa. Inserisci il codice di accesso che ti è stato dato.',
  signIn: 'Accedi',
  muted: (name) => `Il microfono di ${name} è spento`,
  connectionQuality: {
    excellent: 'Connessione ottima',
    good: 'Connessione buona',
    poor: 'Connessione debole',
    lost: 'Connessione persa',
    unknown: 'Qualità della connessione sconosciuta',
  },
  presenting: (name) => `${name} sta condividendo lo schermo`,
  spotlight: 'In evidenza',
  spotlightOn: (name) => `${name} è in evidenza`,
  spotlightCleared: 'Nessuno è più in evidenza',
  page: (page, pages) => `Pagina ${page} di ${pages}`,
  previousPage: 'Pagina precedente di persone',
  nextPage: 'Pagina successiva di persone',
  startAudio: 'Attiva l’audio',
  audioBlocked: 'Il browser ha messo in pausa l’audio di questa stanza.',
  connecting: 'Connessione alla stanza…',
  reconnecting: 'La connessione si è interrotta. Riconnessione in corso… Resti nella stanza.',
  tileConnection: {
    stalled: 'Connessione persa — riconnessione in corso…',
    reconnecting: 'Riconnessione al servizio video in corso…',
  },
  inRoom: 'Sei nella stanza.',
  rejoin: 'Rientra',
  tryAgain: 'Riprova',
  backToPrejoin: 'Indietro',
  leftBecause: {
    left: 'Hai lasciato la stanza.',
    removed: 'Un moderatore ti ha fatto uscire dalla stanza.',
    'room-closed': 'La stanza è stata chiusa.',
    'connection-lost': 'La connessione con la stanza si è persa. Controlla la rete e rientra.',
    duplicate:
      'Sei nella stanza anche da un’altra scheda o da un altro dispositivo, quindi qui la connessione è stata chiusa.',
  },
  errors: {
    invalid_request:
      'Non è stato possibile aprire la stanza: la pagina l’ha richiesta in un modo che il server non accetta.',
    access_code_required: 'Questa stanza è chiusa. Inserisci il suo codice di accesso.',
    access_code_invalid: 'Il codice di accesso non è corretto. Controllalo e riprova.',
    members_only: 'Questa stanza è riservata ai membri.',
    space_not_found: 'Questo spazio non esiste sul server Convene. Forse la pagina rimanda a un indirizzo vecchio.',
    room_not_found: 'Questa stanza non esiste. Forse la pagina rimanda a un indirizzo vecchio.',
    participant_not_found: 'Questa persona non è nella stanza.',
    not_found: 'Il server Convene non conosce questo indirizzo.',
    room_full: 'La stanza è piena. Riprova quando qualcuno esce.',
    payload_too_large: 'La richiesta era troppo grande per il server.',
    unsupported_media_type: 'Il server non ha capito la richiesta.',
    rate_limited: 'Troppi tentativi. Aspetta un momento, poi riprova.',
    forbidden: 'Non hai il permesso di farlo qui.',
    unauthorized: 'Per farlo devi accedere.',
    origin_not_allowed:
      'Questo sito non è autorizzato ad aprire stanze su questo server Convene. Avvisa chi gestisce il sito.',
    livekit_unavailable: 'Il servizio video non è raggiungibile in questo momento. Riprova tra poco.',
    internal_error: 'Il server Convene ha avuto un problema. Riprova tra poco.',
    pass_invalid: 'Non è stato possibile verificare il tuo accesso. Accedi di nuovo sul sito, poi riprova.',
    pass_unknown_key:
      'Il tuo accesso è firmato con una chiave che questo server Convene non conosce. Accedi di nuovo sul sito; se continua a succedere, avvisa gli organizzatori.',
    pass_expired: 'Il tuo accesso è scaduto. Riprova, oppure accedi di nuovo sul sito.',
    pass_not_yet_valid:
      'Il tuo accesso non è ancora valido: l’orologio del sito è avanti rispetto a quello del server. Aspetta un minuto, poi riprova.',
    pass_too_long:
      'Il tuo accesso dura più a lungo di quanto questo server Convene accetti. Avvisa gli organizzatori del sito.',
    pass_wrong_space: 'Il tuo accesso è per un altro spazio. Accedi di nuovo sul sito, poi riprova.',
    pass_not_accepted: 'Questo spazio non accetta accessi da altri siti. Avvisa gli organizzatori del sito.',
    pass_keys_unavailable: 'Al momento non è possibile verificare il tuo accesso. Riprova tra poco.',
    knock_required: 'Un moderatore ha chiuso questa stanza. Chiedi di entrare e qualcuno all’interno ti farà entrare.',
    knock_not_needed: 'Puoi entrare direttamente: per questa stanza non serve chiedere.',
    knock_not_found: 'Questa richiesta di ingresso è terminata. Chiedi di nuovo se vuoi ancora entrare.',
    knock_not_admitted: 'Nessuno ti ha ancora fatto entrare. Aspetta una risposta o chiedi di nuovo.',
    invite_invalid: 'Questo link di invito è scaduto o è stato ritirato. Chiedine uno nuovo a chi te l’ha mandato.',
    kept_out:
      'Un moderatore ti ha fatto uscire da questa stanza. Potrai tornare quando finisce questa riunione, o se un moderatore ti fa rientrare.',
    store_unavailable: 'Al momento il server Convene non può verificare chi può entrare. Riprova tra poco.',
    pass_unavailable:
      'Non è stato possibile verificare il tuo accesso con il sito. Controlla la connessione e riprova; se continua a succedere, avvisa gli organizzatori del sito.',
    network: 'Impossibile raggiungere il server Convene. Controlla la connessione e riprova.',
    bad_response: 'Il server Convene ha dato una risposta illeggibile. Riprova tra poco.',
    livekit_unreachable: 'Impossibile connettersi al servizio video. Controlla la connessione e riprova.',
    unknown_furniture: 'Questa stanza ha un arredo che questa pagina non può mostrare.',
    duplicate_furniture: 'Questa stanza ha lo stesso arredo due volte; viene mostrato solo il primo.',
    e2ee_key_required:
      'Questa stanza è cifrata end-to-end: scrivi la sua passphrase o apri il link d’invito che ne porta la chiave.',
    e2ee_unsupported:
      'Questo browser non può entrare nelle stanze cifrate. Usa un Chrome, Edge, Firefox o Safari recente.',
  },
  retryIn: (seconds) => `Puoi riprovare tra ${count(seconds, 'secondo', 'secondi')}.`,
  cameraProblem: {
    denied:
      'Il browser blocca la videocamera per questo sito. Consentila nelle impostazioni del sito, oppure entra senza.',
    missing: 'Nessuna videocamera trovata. Puoi entrare senza.',
    'in-use': 'Un’altra app sta usando la videocamera. Chiudila, oppure entra senza.',
    other: 'Non è stato possibile avviare la videocamera. Puoi entrare senza.',
  },
  microphoneProblem: {
    denied:
      'Il browser blocca il microfono per questo sito. Consentilo nelle impostazioni del sito, oppure entra senza.',
    missing: 'Nessun microfono trovato. Puoi entrare senza.',
    'in-use': 'Un’altra app sta usando il microfono. Chiudila, oppure entra senza.',
    other: 'Non è stato possibile avviare il microfono. Puoi entrare senza.',
  },
  screenShareFailed: 'Non è stato possibile condividere lo schermo.',
  muteParticipant: (name) => `Disattiva il microfono di ${name}`,
  removeParticipant: (name) => `Rimuovi ${name} dalla stanza`,
  confirmRemove: (name) => `Rimuovere ${name}? Premi di nuovo per confermare`,
  moderationFailed: 'Non ha funzionato. Riprova.',
  joined: (name) => `${name} ha raggiunto la stanza`,
  departed: (name) => `${name} ha lasciato la stanza`,
  nameRequired: 'Inserisci il tuo nome per entrare.',
  missingAttributes: (names) => `Questa stanza non può aprirsi: la pagina non ha indicato ${names}.`,
};

const space: SpaceStrings = {
  rooms: 'Stanze',
  loading: 'Caricamento delle stanze…',
  enter: (room) => `Entra in ${room}`,
  backToRooms: 'Torna alle stanze',
  peopleIn: (n) => (n === 0 ? 'Ancora nessuno' : `${count(n, 'persona', 'persone')} dentro`),
  placesLeft: (left, capacity) =>
    left === 1 ? `Resta 1 posto su ${capacity}` : `Restano ${left} posti su ${capacity}`,
  roomFull: 'Piena',
  accessPublic: 'Aperta a tutti',
  accessLocked: 'Chiusa: serve un codice di accesso',
  accessMembers: 'Solo per i membri',
  lockedByModerator: 'Chiusa da un moderatore',
  stageCounts: (speaking, watching) =>
    `${speaking} ${speaking === 1 ? 'relatore' : 'relatori'} · ${watching} spettatori`,
  entrance: 'Ingresso',
  presenceStale: 'Riconnessione in corso… chi è dove potrebbe non essere aggiornato.',
  presenceUnavailable: 'Al momento non è possibile mostrare chi c’è in ogni stanza.',
  emptySpace: 'Questo spazio non ha ancora stanze in cui puoi entrare.',
  spaceNotFound: (space) =>
    `Su questo server non c’è nessuno spazio chiamato «${space}». Controlla l’attributo space della pagina.`,
  serverUnreachable: 'Il server Convene non è raggiungibile. Controlla la connessione; continuiamo a provare.',
  serverError: (message) => `Il server Convene ha rifiutato: ${message}`,
  andMore: (n) => `e altri ${n}`,
};

export const it: RoomStrings & SpaceStrings = { ...room, ...space };
