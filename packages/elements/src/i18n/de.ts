/**
 * German: the room's and the space's entries (the features' are in ./de-features.ts), shaped like ./es.ts. Its own chunk of the
 * script-tag embed, loaded when an element first speaks German (see `loadStrings` in ./strings.ts).
 * The visitor is „du“, as in the community spaces Convene is for.
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

/** A count and its noun, singular for exactly one. */
export const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

const room: RoomStrings = {
  yourName: 'Dein Name',
  join: 'Beitreten',
  joining: 'Beitreten…',
  leave: 'Verlassen',
  microphone: 'Mikrofon',
  camera: 'Kamera',
  screenShare: 'Bildschirm teilen',
  devices: 'Geräte',
  speaker: 'Lautsprecher',
  you: (name) => `${name} (du)`,
  participants: (n) => count(n, 'Person', 'Personen'),
  stage: 'Personen im Raum',
  controls: 'Raumsteuerung',
  previewOff: 'Deine Kamera ist aus',
  microphoneLevel: 'Mikrofonpegel',
  accessCode: 'Zugangscode',
  accessCodeHint: 'Dieser Raum ist verschlossen. Gib den Zugangscode ein, den du bekommen hast.',
  signIn: 'Anmelden',
  muted: (name) => `Das Mikrofon von ${name} ist aus`,
  connectionQuality: {
    excellent: 'Hervorragende Verbindung',
    good: 'Gute Verbindung',
    poor: 'Schwache Verbindung',
    lost: 'Verbindung unterbrochen',
    unknown: 'Verbindungsqualität unbekannt',
  },
  presenting: (name) => `${name} teilt den Bildschirm`,
  spotlight: 'Hervorgehoben',
  spotlightOn: (name) => `${name} ist hervorgehoben`,
  spotlightCleared: 'Hervorhebung aufgehoben',
  page: (page, pages) => `Seite ${page} von ${pages}`,
  previousPage: 'Vorherige Seite mit Personen',
  nextPage: 'Nächste Seite mit Personen',
  startAudio: 'Ton einschalten',
  audioBlocked: 'Dein Browser hat den Ton dieses Raums angehalten.',
  connecting: 'Verbindung zum Raum wird hergestellt…',
  reconnecting: 'Die Verbindung ist abgebrochen. Neu verbinden… Du bleibst im Raum.',
  tileConnection: {
    stalled: 'Verbindung unterbrochen – wird neu verbunden…',
    reconnecting: 'Verbindung zum Videodienst wird wiederhergestellt…',
  },
  inRoom: 'Du bist im Raum.',
  rejoin: 'Erneut beitreten',
  tryAgain: 'Erneut versuchen',
  backToPrejoin: 'Zurück',
  leftBecause: {
    left: 'Du hast den Raum verlassen.',
    removed: 'Jemand aus der Moderation hat dich aus dem Raum entfernt.',
    'room-closed': 'Der Raum wurde geschlossen.',
    'connection-lost': 'Die Verbindung zum Raum ist verloren gegangen. Prüfe dein Netzwerk und tritt erneut bei.',
    duplicate:
      'Du bist diesem Raum in einem anderen Tab oder auf einem anderen Gerät beigetreten, deshalb wurde diese Verbindung getrennt.',
  },
  errors: {
    invalid_request:
      'Der Raum konnte nicht geöffnet werden: Die Seite hat ihn auf eine Weise angefragt, die der Server nicht annimmt.',
    access_code_required: 'Dieser Raum ist verschlossen. Gib seinen Zugangscode ein.',
    access_code_invalid: 'Dieser Zugangscode stimmt nicht. Prüfe ihn und versuche es erneut.',
    members_only: 'Dieser Raum ist nur für Mitglieder.',
    space_not_found:
      'Diesen Bereich gibt es auf dem Convene-Server nicht. Vielleicht verlinkt die Seite auf eine alte Adresse.',
    room_not_found: 'Diesen Raum gibt es nicht. Vielleicht verlinkt die Seite auf eine alte Adresse.',
    participant_not_found: 'Diese Person ist nicht im Raum.',
    not_found: 'Der Convene-Server kennt diese Adresse nicht.',
    room_full: 'Der Raum ist voll. Versuche es erneut, wenn jemand gegangen ist.',
    payload_too_large: 'Die Anfrage war zu groß für den Server.',
    unsupported_media_type: 'Der Server hat die Anfrage nicht verstanden.',
    rate_limited: 'Zu viele Versuche. Warte einen Moment und versuche es dann erneut.',
    forbidden: 'Das darfst du hier nicht.',
    unauthorized: 'Dafür musst du dich anmelden.',
    origin_not_allowed:
      'Diese Website darf auf diesem Convene-Server keine Räume öffnen. Sag den Betreibern der Website Bescheid.',
    livekit_unavailable: 'Der Videodienst ist gerade nicht erreichbar. Versuche es gleich noch einmal.',
    internal_error: 'Der Convene-Server hatte ein Problem. Versuche es gleich noch einmal.',
    pass_invalid:
      'Deine Anmeldung konnte nicht geprüft werden. Melde dich auf der Website erneut an und versuche es dann noch einmal.',
    pass_unknown_key:
      'Deine Anmeldung wurde mit einem Schlüssel signiert, den dieser Convene-Server nicht kennt. Melde dich auf der Website erneut an; wenn das weiter passiert, sag den Organisatoren Bescheid.',
    pass_expired: 'Deine Anmeldung ist abgelaufen. Versuche es erneut oder melde dich auf der Website neu an.',
    pass_not_yet_valid:
      'Deine Anmeldung ist noch nicht gültig: Die Uhr der Website geht gegenüber der des Servers vor. Warte eine Minute und versuche es dann erneut.',
    pass_too_long:
      'Deine Anmeldung gilt länger, als dieser Convene-Server annimmt. Sag den Organisatoren der Website Bescheid.',
    pass_wrong_space:
      'Deine Anmeldung gilt für einen anderen Bereich. Melde dich auf der Website erneut an und versuche es dann noch einmal.',
    pass_not_accepted:
      'Dieser Bereich nimmt keine Anmeldungen von anderen Websites an. Sag den Organisatoren der Website Bescheid.',
    pass_keys_unavailable: 'Deine Anmeldung kann gerade nicht geprüft werden. Versuche es gleich noch einmal.',
    knock_required:
      'Jemand aus der Moderation hat diesen Raum verschlossen. Bitte um Einlass, dann lässt dich jemand im Raum herein.',
    knock_not_needed: 'Du kannst direkt hinein: In diesen Raum musst du nicht um Einlass bitten.',
    knock_not_found: 'Diese Bitte um Einlass ist beendet. Bitte erneut, wenn du noch hinein möchtest.',
    knock_not_admitted: 'Noch hat dich niemand hereingelassen. Warte auf eine Antwort oder bitte erneut.',
    invite_invalid:
      'Dieser Einladungslink ist abgelaufen oder wurde zurückgezogen. Bitte die Person, die ihn geschickt hat, um einen neuen.',
    kept_out:
      'Jemand aus der Moderation hat dich aus diesem Raum entfernt. Du kannst zurückkommen, wenn dieses Treffen endet oder dich jemand aus der Moderation wieder hereinlässt.',
    store_unavailable: 'Der Convene-Server kann gerade nicht prüfen, wer hinein darf. Versuche es gleich noch einmal.',
    pass_unavailable:
      'Deine Anmeldung konnte bei der Website nicht geprüft werden. Prüfe deine Verbindung und versuche es erneut; wenn das weiter passiert, sag den Organisatoren der Website Bescheid.',
    network: 'Der Convene-Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    bad_response: 'Der Convene-Server hat eine unlesbare Antwort geschickt. Versuche es gleich noch einmal.',
    livekit_unreachable: 'Keine Verbindung zum Videodienst möglich. Prüfe deine Verbindung und versuche es erneut.',
    unknown_furniture: 'Dieser Raum hat Ausstattung, die diese Seite nicht anzeigen kann.',
    duplicate_furniture: 'Dieser Raum hat dieselbe Ausstattung zweimal; nur die erste wird angezeigt.',
    e2ee_key_required:
      'Dieser Raum ist Ende-zu-Ende-verschlüsselt: Gib seine Passphrase ein oder öffne den Einladungslink mit seinem Schlüssel.',
    e2ee_unsupported:
      'Dieser Browser kann verschlüsselte Räume nicht betreten. Nutze einen aktuellen Chrome, Edge, Firefox oder Safari.',
  },
  retryIn: (seconds) => `Du kannst es in ${count(seconds, 'Sekunde', 'Sekunden')} erneut versuchen.`,
  cameraProblem: {
    denied:
      'Dein Browser blockiert die Kamera für diese Website. Erlaube sie in den Website-Einstellungen oder tritt ohne sie bei.',
    missing: 'Es wurde keine Kamera gefunden. Du kannst ohne Kamera beitreten.',
    'in-use': 'Eine andere App verwendet deine Kamera. Schließe sie oder tritt ohne Kamera bei.',
    other: 'Die Kamera konnte nicht starten. Du kannst ohne Kamera beitreten.',
  },
  microphoneProblem: {
    denied:
      'Dein Browser blockiert das Mikrofon für diese Website. Erlaube es in den Website-Einstellungen oder tritt ohne es bei.',
    missing: 'Es wurde kein Mikrofon gefunden. Du kannst ohne Mikrofon beitreten.',
    'in-use': 'Eine andere App verwendet dein Mikrofon. Schließe sie oder tritt ohne Mikrofon bei.',
    other: 'Das Mikrofon konnte nicht starten. Du kannst ohne Mikrofon beitreten.',
  },
  screenShareFailed: 'Dein Bildschirm konnte nicht geteilt werden.',
  muteParticipant: (name) => `${name} stummschalten`,
  removeParticipant: (name) => `${name} aus dem Raum entfernen`,
  confirmRemove: (name) => `${name} entfernen? Zum Bestätigen noch einmal drücken`,
  moderationFailed: 'Das hat nicht geklappt. Versuche es erneut.',
  joined: (name) => `${name} ist beigetreten`,
  departed: (name) => `${name} hat den Raum verlassen`,
  nameRequired: 'Gib deinen Namen ein, um beizutreten.',
  missingAttributes: (names) => `Dieser Raum kann nicht geöffnet werden: Die Seite hat ${names} nicht angegeben.`,
};

const space: SpaceStrings = {
  rooms: 'Räume',
  loading: 'Räume werden geladen…',
  enter: (room) => `${room} betreten`,
  backToRooms: 'Zurück zu den Räumen',
  peopleIn: (n) => (n === 0 ? 'Noch niemand da' : `${count(n, 'Person', 'Personen')} im Raum`),
  placesLeft: (left, capacity) =>
    left === 1 ? `Noch 1 Platz von ${capacity} frei` : `Noch ${left} von ${capacity} Plätzen frei`,
  roomFull: 'Voll',
  accessPublic: 'Offen für alle',
  accessLocked: 'Verschlossen: Zugangscode nötig',
  accessMembers: 'Nur für Mitglieder',
  lockedByModerator: 'Von der Moderation verschlossen',
  stageCounts: (speaking, watching) => `${speaking} sprechen · ${watching} schauen zu`,
  entrance: 'Eingang',
  presenceStale: 'Neu verbinden… wer wo ist, ist vielleicht nicht aktuell.',
  presenceUnavailable: 'Wer in welchem Raum ist, kann gerade nicht angezeigt werden.',
  emptySpace: 'Dieser Bereich hat noch keine Räume, die du betreten kannst.',
  spaceNotFound: (space) =>
    `Auf diesem Server gibt es keinen Bereich namens „${space}“. Prüfe das Attribut space der Seite.`,
  serverUnreachable: 'Der Convene-Server ist nicht erreichbar. Prüfe deine Verbindung; wir versuchen es weiter.',
  serverError: (message) => `Der Convene-Server hat abgelehnt: ${message}`,
  andMore: (n) => `und ${n} weitere`,
};

export const de: RoomStrings & SpaceStrings = { ...room, ...space };
