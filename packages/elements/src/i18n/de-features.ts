/**
 * German: the entries of the features that bring their own code (furniture, door control,
 * polls, notes). Its own chunk, loaded only once such a feature is on the page as well as
 * German (see `loadStrings` in ./strings.ts), so a plain video room carries only ./de.ts.
 */
import type { DoorStrings } from './door-strings.js';
import type { E2eeStrings } from './e2ee-strings.js';
import type { StageStrings } from './stage-strings.js';
import type { FurnitureStrings, NotesStrings, PollStrings } from './furniture-strings.js';
import { count } from './de.js';

const furniture: FurnitureStrings = {
  furniture: 'Ausstattung',
  kindLabels: {
    chat: 'Chat',
    markdown: 'Notizen',
    'breakout-tables': 'Tische',
    spotlight: 'Hervorheben',
    'hand-raise': 'Handzeichen',
    embed: 'Eingebettet',
  },
  unknownKind: (kind) => `Dieser Raum hat Ausstattung einer Art, die diese Seite nicht kennt („${kind}“).`,
  badSettings: (kind) => `Die Einstellungen von „${kind}“ sind ungültig, deshalb wird es nicht angezeigt.`,
  loadFailed: (kind) => `„${kind}“ konnte nicht geladen werden. Lade die Seite neu, um es erneut zu versuchen.`,
  duplicateKind: (kind) => `Ein Raum kann nur ein „${kind}“ haben, deshalb wird dieses zweite nicht angezeigt.`,
  unread: (n) => count(n, 'ungelesene Nachricht', 'ungelesene Nachrichten'),
  chatLog: 'Nachrichten',
  chatEmpty: 'Noch keine Nachrichten. Sag Hallo!',
  chatInput: 'Nachricht',
  chatSend: 'Senden',
  chatTooLong: (max) => `Nachrichten dürfen höchstens ${max} Zeichen lang sein.`,
  chatSendFailed: 'Die Nachricht wurde nicht gesendet. Prüfe die Verbindung und versuche es erneut.',
  chatElsewhere: 'Der Chat dieses Raums ist schon an anderer Stelle auf dieser Seite geöffnet.',
  chatHistoryFrom: (name) => `Frühere Nachrichten, geteilt von ${name}`,
  raiseHand: 'Hand heben',
  lowerHand: 'Hand senken',
  handQueue: 'Gehobene Hände',
  handFailed: 'Deine Hand konnte nicht geändert werden. Prüfe die Verbindung und versuche es erneut.',
  handFailedWait: (seconds) =>
    `Zu oft die Hand gehoben und gesenkt. Versuche es in ${count(seconds, 'Sekunde', 'Sekunden')} erneut.`,
  noHands: 'Keine Hand gehoben.',
  lowerTheirHand: (name) => `Hand von ${name} senken`,
  reactions: 'Reaktionen',
  react: (emoji) => `Mit ${emoji} reagieren`,
  reacted: (name, emoji) => `${name} hat mit ${emoji} reagiert`,
  spotlightNone: 'Niemand ist hervorgehoben.',
  spotlightYou: 'Du bist hervorgehoben.',
  spotlightPin: (name) => `${name} hervorheben`,
  spotlightClear: 'Hervorhebung aufheben',
  spotlightOnlyModerators: 'Nur Moderierende können auswählen, wer hervorgehoben ist.',
  spotlightFailed: 'Die Hervorhebung konnte nicht geändert werden.',
  embedNotAllowed: (host) => `Dieser Bereich erlaubt nicht, Seiten von ${host} einzubetten.`,
  embedOpen: 'In neuem Tab öffnen',
  tableSit: (name) => `An ${name} setzen`,
  tableReturn: 'Zurück in den Raum',
  tableEmpty: 'Hier sitzt niemand.',
  tableFailed: 'Du konntest dich nicht an diesen Tisch setzen. Versuche es erneut.',
};

const orList = (names: string[]) => new Intl.ListFormat('de', { type: 'disjunction' }).format(names);

/** Door control (issue 13): knock, lock, invite, keep out. */
const doors: DoorStrings = {
  knockAsk: 'Um Einlass bitten',
  knockHint: 'Kein Code? Bitte um Einlass, dann kann dich jemand aus der Moderation im Raum hereinlassen.',
  knockHeading: 'Bitte um Einlass',
  knockWaiting: (hosts) =>
    hosts.length
      ? `Warte darauf, dass ${orList(hosts)} dich hereinlässt.`
      : 'Noch ist niemand aus der Moderation im Raum. Bleib auf dieser Seite: Du erfährst es, sobald jemand antwortet.',
  knockCancel: 'Abbrechen',
  knockAdmitted: 'Du wurdest hereingelassen. Beitreten…',
  knockDenied: 'Du wurdest diesmal nicht hereingelassen.',
  knockUnanswered:
    'Niemand hat geantwortet. Vielleicht ist die Moderation beschäftigt: Versuche es in einer Weile noch einmal.',
  knockCancelled: 'Du bittest nicht mehr um Einlass.',
  knockDropped: 'Die Verbindung ist abgebrochen, während du gewartet hast. Bitte erneut um Einlass.',
  door: 'Tür',
  doorWaiting: (n) => (n === 1 ? 'Person bittet um Einlass' : 'Personen bitten um Einlass'),
  doorPanel: 'An der Tür',
  knocking: (name) => `${name} bittet um Einlass`,
  admit: 'Hereinlassen',
  deny: 'Ablehnen',
  admitName: (name) => `${name} hereinlassen`,
  denyName: (name) => `${name} ablehnen`,
  admittedName: (name) => `${name} wurde hereingelassen.`,
  deniedName: (name) => `${name} wurde nicht hereingelassen.`,
  noKnocks: 'Niemand bittet um Einlass.',
  closePanel: 'Schließen',
  spaceKnocks: (room) => `Bitten um Einlass: ${room}`,
  lockRoom: 'Raum verschließen',
  lockedNote: 'Dieser Raum ist bis zum Ende des Treffens verschlossen: Wer neu kommt, bittet um Einlass.',
  lockedNow: 'Der Raum ist verschlossen. Wer neu kommt, bittet um Einlass.',
  unlockedNow: 'Der Raum ist wieder offen.',
  invite: 'Einladen',
  inviteTitle: 'Jemanden einladen',
  inviteValidFor: 'Gültig für',
  inviteDurations: { hour: '1 Stunde', day: '1 Tag', week: '1 Woche' },
  inviteUses: 'Wer ihn nutzen kann',
  inviteSingle: 'Eine Person, einmal',
  inviteMulti: 'Alle mit dem Link, bis er abläuft',
  inviteCreate: 'Link erstellen',
  inviteLink: 'Einladungslink',
  inviteCopy: 'Link kopieren',
  inviteCopied: 'Link kopiert.',
  inviteCopyFailed: 'Dein Browser hat das Kopieren nicht erlaubt: Markiere den Link und kopiere ihn selbst.',
  inviteList: 'Links für diesen Raum',
  inviteNone: 'Noch keine Links.',
  inviteSummary: (single, by, until) =>
    `${single ? 'Einmal nutzbar' : 'Mehrfach nutzbar'}, erstellt von ${by}, gültig bis ${until}`,
  inviteWithdraw: 'Zurückziehen',
  inviteRevoke: (summary) => `Link zurückziehen: ${summary}`,
  inviteRevoked: 'Link zurückgezogen: Er lässt niemanden mehr herein.',
  keepOut: (name) => `${name} entfernen und nicht wieder hereinlassen`,
  confirmKeepOut: (name) => `${name} entfernen und nicht wieder hereinlassen? Zum Bestätigen noch einmal drücken`,
  keptOut: 'Ausgeschlossen',
  keptOutNone: 'Niemand ist ausgeschlossen.',
  letBackIn: 'Wieder hereinlassen',
  letBackInName: (name) => `${name} wieder hereinlassen`,
  letBackInDone: (name) => `${name} darf wieder herein.`,
};

/** The poll (issue 16). */
const poll: PollStrings = {
  pollLabel: 'Umfrage',
  pollNone: 'Noch keine Fragen.',
  pollOnlyModerators: 'Hier kann jemand aus der Moderation dem Raum eine Frage stellen.',
  pollAsk: 'Frage stellen',
  pollAskHeading: 'Neue Frage',
  pollQuestion: 'Frage',
  pollType: 'Art der Frage',
  pollTypes: {
    choice: 'Auswahl',
    consent: 'Konsentrunde: Zustimmung, Bedenken oder Einwand',
    fist: 'Fist of Five: 0 bis 5',
  },
  pollChoices: 'Antworten',
  pollChoice: (n) => `Antwort ${n}`,
  pollAddChoice: 'Antwort hinzufügen',
  pollRemoveChoice: (n) => `Antwort ${n} entfernen`,
  pollMultiple: 'Mehrere Antworten erlaubt',
  pollBallot: 'Abstimmung',
  pollNamedHint: 'Offen: Alle sehen, wer was gewählt hat',
  pollSecretHint: 'Geheim: Niemand, auch nicht die Moderation, sieht, wer was gewählt hat',
  pollResultsWhen: 'Ergebnisse zeigen',
  pollResultsLive: 'Laufend, während abgestimmt wird',
  pollResultsClosed: 'Wenn die Abstimmung beendet ist',
  pollSubmitAsk: 'Frage stellen',
  pollCancel: 'Abbrechen',
  pollAskedBy: (name) => `Gestellt von ${name}`,
  pollNamed: 'Offene Abstimmung: Alle sehen, wer was gewählt hat.',
  pollSecret: 'Geheime Abstimmung: Niemand, auch nicht die Moderation, sieht, wer was gewählt hat.',
  pollSecretSteps: (n) =>
    `Die Live-Ergebnisse ändern sich nur alle ${n} Stimmen, damit niemand eine Stimme am Zeitpunkt ihrer Abgabe erkennt.`,
  pollOpen: 'Offen',
  pollClosed: 'Beendet',
  pollConsent: { consent: 'Zustimmung', concern: 'Bedenken', object: 'Einwand' },
  pollFist: [
    '0: nein, ich blockiere',
    '1: ernste Bedenken',
    '2: Bedenken, die wir besprechen sollten',
    '3: ich kann damit leben',
    '4: gut',
    '5: voll dafür',
  ],
  pollReason: 'Begründung (optional)',
  pollVote: 'Abstimmen',
  pollVoted: 'Du hast abgestimmt.',
  pollYouChose: (choices) => `Deine Wahl: ${choices}.`,
  pollVoters: (n) => (n === 1 ? '1 Person hat abgestimmt.' : `${n} Personen haben abgestimmt.`),
  pollVotes: (n) => count(n, 'Stimme', 'Stimmen'),
  pollResultsHidden: 'Die Ergebnisse erscheinen, wenn die Abstimmung beendet ist.',
  pollResults: 'Ergebnisse',
  pollWhoChose: 'Wer was gewählt hat',
  pollReasons: 'Genannte Begründungen',
  pollClose: 'Abstimmung beenden',
  pollDownloadMarkdown: 'Als Markdown herunterladen',
  pollDownloadCsv: 'Als CSV herunterladen',
  pollInsertNotes: 'In die Notizen einfügen',
  pollInserted: 'Die Ergebnisse stehen in den Notizen.',
  pollNewQuestion: (question) => `Neue Frage: ${question}`,
  pollClosedNow: (question) => `Abstimmung beendet: ${question}`,
  pollCounted: 'Deine Stimme ist gezählt.',
  pollFailed: 'Das hat nicht geklappt. Prüfe die Verbindung und versuche es erneut.',
  pollFailedWait: (seconds) => `Zu viele Versuche. Versuche es in ${count(seconds, 'Sekunde', 'Sekunden')} erneut.`,
  pollAlready: 'Diese Abstimmung ist beendet, oder du hast schon abgestimmt.',
  pollQuestionNeeded: 'Schreib die Frage auf.',
  pollChoicesNeeded: 'Gib mindestens zwei verschiedene Antworten an.',
  pollChooseOne: 'Wähle zuerst eine Antwort.',
  pollExportOption: 'Antwort',
  pollExportVotes: 'Stimmen',
  pollExportShare: 'Anteil',
  pollExportName: 'Name',
  pollExportReason: 'Begründung',
};

/** The shared notes (issue 16). */
const notes: NotesStrings = {
  notesLabel: 'Gemeinsame Notizen',
  notesEditor: 'Gemeinsame Notizen, in Markdown',
  notesHint:
    'Markdown: # für eine Überschrift, - für eine Liste, - [ ] für ein Kästchen. Tab rückt ein; drücke Escape und dann Tab, um die Notizen zu verlassen.',
  notesKept: 'Werden für das nächste Treffen in diesem Raum aufbewahrt.',
  notesNotKept: 'Diese Notizen werden nach dem Treffen nicht aufbewahrt – lade sie herunter.',
  notesDownload: 'Als Markdown herunterladen',
  notesWith: (names) => `Du schreibst mit ${names}`,
  notesAlone: 'Gerade ist sonst niemand in den Notizen.',
  notesSyncing: 'Die Notizen werden von den anderen hier geholt…',
  notesJoined: (name) => `${name} ist in den Notizen`,
  notesLeft: (name) => `${name} hat die Notizen verlassen`,
  notesFull: (megabytes) =>
    `Die Notizen sind an ihrer Grenze (${megabytes} MB), deshalb wurde diese Änderung nicht übernommen.`,
  notesLoadFailed: 'Die Notizen vom letzten Treffen konnten nicht geladen werden.',
  notesElsewhere: 'Die Notizen dieses Raums sind schon an anderer Stelle auf dieser Seite geöffnet.',
};

/** Stage rooms (issue 17): the audience, the speakers, the queue to speak. */
const stage: StageStrings = {
  watching: (count) => `${count} schauen zu`,
  onStage: 'Auf der Bühne',
  noSpeakers: 'Noch niemand ist auf der Bühne.',
  watchHint:
    'Du kommst zum Zuschauen und Zuhören: keine Kamera und kein Mikrofon nötig. Drinnen kannst du um das Wort bitten.',
  askToSpeak: 'Um das Wort bitten',
  askFailed: 'Deine Wortmeldung ist nicht angekommen. Versuche es erneut.',
  askedToSpeak: 'Du hast um das Wort gebeten. Eine Moderation kann dich auf die Bühne holen.',
  noLongerAsking: 'Du bittest nicht mehr um das Wort.',
  speakQueue: 'Wortmeldungen',
  speakQueueEmpty: 'Niemand hat um das Wort gebeten.',
  askedSince: (time) => `seit ${time}`,
  asksToSpeak: (name) => `${name} bittet um das Wort`,
  bringUp: (name) => `${name} auf die Bühne holen`,
  sendBack: (name) => `${name} zurück ins Publikum schicken`,
  nowSpeaking: (name) => `${name} ist auf der Bühne`,
  nowWatching: (name) => `${name} ist wieder im Publikum`,
  deviceCheck: 'Bevor du sprichst',
  broughtUp: 'Eine Moderation hat dich auf die Bühne geholt. Prüfe Kamera und Mikrofon, dann geh auf die Bühne.',
  goOnStage: 'Auf die Bühne',
  stepDown: 'Bühne verlassen',
  backInAudience: 'Du bist wieder im Publikum.',
  stageFailed: 'Das hat nicht geklappt. Versuche es erneut.',
};

/** End-to-end encrypted rooms (issue 15). */
const e2ee: E2eeStrings = {
  e2eeRoom: 'Dieser Raum ist Ende-zu-Ende-verschlüsselt.',
  e2eeKeyFromLink: 'Dein Einladungslink enthält den Schlüssel des Raums. Er bleibt in diesem Browser.',
  e2eePassphrase: 'Passphrase des Raums',
  e2eePassphraseHint:
    'Frag die Person, die dich eingeladen hat. Sie verlässt diesen Browser nie: Weder der Convene-Server noch der Videodienst können diesen Raum lesen.',
  e2eeBadge: 'Ende-zu-Ende-verschlüsselt',
  e2eeExplain:
    'Video, Ton und Chat werden in jedem Browser mit dem Schlüssel des Raums verschlüsselt, der nie den Convene-Server oder den Videodienst erreicht.',
  e2eeReadable:
    'Sie sehen trotzdem, wer wann hier ist: Namen, gehobene Hände, Tischplätze und der Spotlight sind nicht verschlüsselt.',
  e2eeCantDecrypt: 'nicht entschlüsselbar (anderer Schlüssel?)',
  e2eeCantDecryptName: (name) => `${name}: Video und Ton nicht entschlüsselbar (anderer Schlüssel?)`,
  e2eeKeyMismatch:
    'Du kannst hier niemanden entschlüsseln: Dein Schlüssel oder deine Passphrase ist wohl nicht die der anderen.',
  e2eeEnterAgain: 'Schlüssel neu eingeben',
};

export const features: FurnitureStrings & DoorStrings & PollStrings & NotesStrings & StageStrings & E2eeStrings = {
  ...furniture,
  ...doors,
  ...poll,
  ...notes,
  ...stage,
  ...e2ee,
};
