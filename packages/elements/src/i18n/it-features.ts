/**
 * Italian: the entries of the features that bring their own code (furniture, door control,
 * polls, notes). Its own chunk, loaded only once such a feature is on the page as well as
 * Italian (see `loadStrings` in ./strings.ts), so a plain video room carries only ./it.ts.
 */
import type { DoorStrings } from './door-strings.js';
import type { E2eeStrings } from './e2ee-strings.js';
import type { StageStrings } from './stage-strings.js';
import type { FurnitureStrings, NotesStrings, PollStrings } from './furniture-strings.js';
import { count } from './it.js';

const furniture: FurnitureStrings = {
  furniture: 'Arredi',
  kindLabels: {
    chat: 'Chat',
    markdown: 'Note',
    'breakout-tables': 'Tavoli',
    spotlight: 'In evidenza',
    'hand-raise': 'Mani alzate',
    embed: 'Incorporato',
  },
  unknownKind: (kind) => `Questa stanza ha un arredo di un tipo che questa pagina non conosce («${kind}»).`,
  badSettings: (kind) => `Le impostazioni di «${kind}» non sono valide, quindi non viene mostrato.`,
  loadFailed: (kind) => `Non è stato possibile caricare «${kind}». Ricarica la pagina per riprovare.`,
  duplicateKind: (kind) => `Una stanza può avere un solo «${kind}», quindi questo secondo non viene mostrato.`,
  unread: (n) => count(n, 'messaggio non letto', 'messaggi non letti'),
  chatLog: 'Messaggi',
  chatEmpty: 'Ancora nessun messaggio. Saluta!',
  chatInput: 'Messaggio',
  chatSend: 'Invia',
  chatTooLong: (max) => `I messaggi possono avere al massimo ${count(max, 'carattere', 'caratteri')}.`,
  chatSendFailed: 'Il messaggio non è stato inviato. Controlla la connessione e riprova.',
  chatElsewhere: 'La chat di questa stanza è già aperta in un’altra parte della pagina.',
  chatHistoryFrom: (name) => `Messaggi precedenti, condivisi da ${name}`,
  raiseHand: 'Alza la mano',
  lowerHand: 'Abbassa la mano',
  handQueue: 'Mani alzate',
  handFailed: 'Non è stato possibile alzare o abbassare la mano. Controlla la connessione e riprova.',
  handFailedWait: (seconds) =>
    `Hai alzato e abbassato la mano troppe volte. Riprova tra ${count(seconds, 'secondo', 'secondi')}.`,
  noHands: 'Nessuna mano alzata.',
  lowerTheirHand: (name) => `Abbassa la mano di ${name}`,
  reactions: 'Reazioni',
  react: (emoji) => `Reagisci con ${emoji}`,
  reacted: (name, emoji) => `${name} ha reagito con ${emoji}`,
  spotlightNone: 'Nessuno è in evidenza.',
  spotlightYou: 'Sei in evidenza.',
  spotlightPin: (name) => `Metti ${name} in evidenza`,
  spotlightClear: 'Togli l’evidenza',
  spotlightOnlyModerators: 'Solo un moderatore può scegliere chi mettere in evidenza.',
  spotlightFailed: 'Non è stato possibile cambiare chi è in evidenza.',
  embedNotAllowed: (host) => `Questo spazio non consente di incorporare pagine di ${host}.`,
  embedOpen: 'Apri in una nuova scheda',
  tableSit: (name) => `Siediti a ${name}`,
  tableReturn: 'Torna nella stanza',
  tableEmpty: 'Qui non è seduto nessuno.',
  tableFailed: 'Non è stato possibile farti sedere a quel tavolo. Riprova.',
};

const orList = (names: string[]) => new Intl.ListFormat('it', { type: 'disjunction' }).format(names);

/** Door control (issue 13): knock, lock, invite, keep out. */
const doors: DoorStrings = {
  knockAsk: 'Chiedi di entrare',
  knockHint: 'Non hai un codice? Chiedi di entrare e chi modera la stanza potrà farti entrare.',
  knockHeading: 'Richiesta di ingresso',
  knockWaiting: (hosts) =>
    hosts.length
      ? `In attesa che ${orList(hosts)} ti faccia entrare.`
      : 'Nella stanza non c’è ancora nessuno che modera. Resta su questa pagina: ti avviseremo appena qualcuno risponde.',
  knockCancel: 'Annulla',
  knockAdmitted: 'Ti hanno fatto entrare. Ingresso in corso…',
  knockDenied: 'Questa volta non ti hanno fatto entrare.',
  knockUnanswered: 'Nessuno ha risposto. Forse sono occupati: riprova tra un po’.',
  knockCancelled: 'Hai smesso di chiedere di entrare.',
  knockDropped: 'La connessione si è interrotta mentre aspettavi. Chiedi di nuovo.',
  door: 'Porta',
  doorWaiting: (n) => (n === 1 ? 'persona chiede di entrare' : 'persone chiedono di entrare'),
  doorPanel: 'Alla porta',
  knocking: (name) => `${name} chiede di entrare`,
  admit: 'Fai entrare',
  deny: 'Rifiuta',
  admitName: (name) => `Fai entrare ${name}`,
  denyName: (name) => `Rifiuta ${name}`,
  admittedName: (name) => `Ingresso consentito a ${name}.`,
  deniedName: (name) => `Ingresso negato a ${name}.`,
  noKnocks: 'Nessuno chiede di entrare.',
  closePanel: 'Chiudi',
  spaceKnocks: (room) => `Richieste di ingresso in ${room}`,
  lockRoom: 'Chiudi la stanza',
  lockedNote: 'Questa stanza è chiusa fino alla fine della riunione: chi arriva deve chiedere di entrare.',
  lockedNow: 'La stanza è chiusa. Chi arriva deve chiedere di entrare.',
  unlockedNow: 'La stanza è di nuovo aperta.',
  invite: 'Invita',
  inviteTitle: 'Invita qualcuno',
  inviteValidFor: 'Valido per',
  inviteDurations: { hour: '1 ora', day: '1 giorno', week: '1 settimana' },
  inviteUses: 'Chi può usarlo',
  inviteSingle: 'Una persona, una volta',
  inviteMulti: 'Chiunque abbia il link, finché non scade',
  inviteCreate: 'Crea link',
  inviteLink: 'Link di invito',
  inviteCopy: 'Copia link',
  inviteCopied: 'Link copiato.',
  inviteCopyFailed: 'Il browser non ha permesso di copiare il link: selezionalo e copialo tu.',
  inviteList: 'Link creati per questa stanza',
  inviteNone: 'Ancora nessun link.',
  inviteSummary: (single, by, until) =>
    `${single ? 'Monouso' : 'Uso multiplo'}, creato da ${by}, valido fino al ${until}`,
  inviteWithdraw: 'Ritira',
  inviteRevoke: (summary) => `Ritira il link: ${summary}`,
  inviteRevoked: 'Link ritirato: non fa più entrare nessuno.',
  keepOut: (name) => `Rimuovi ${name} e impedisci che rientri`,
  confirmKeepOut: (name) => `Rimuovere ${name} e impedire che rientri? Premi di nuovo per confermare`,
  keptOut: 'Esclusi',
  keptOutNone: 'Nessuno è escluso.',
  letBackIn: 'Fai rientrare',
  letBackInName: (name) => `Fai rientrare ${name}`,
  letBackInDone: (name) => `${name} può rientrare.`,
};

/** The poll (issue 16). */
const poll: PollStrings = {
  pollLabel: 'Sondaggio',
  pollNone: 'Ancora nessuna domanda.',
  pollOnlyModerators: 'Qui un moderatore può fare una domanda alla stanza.',
  pollAsk: 'Fai una domanda',
  pollAskHeading: 'Nuova domanda',
  pollQuestion: 'Domanda',
  pollType: 'Tipo di domanda',
  pollTypes: {
    choice: 'Scelte',
    consent: 'Giro di consenso: consenso, riserva od obiezione',
    fist: 'Pugno a cinque: da 0 a 5',
  },
  pollChoices: 'Scelte',
  pollChoice: (n) => `Scelta ${n}`,
  pollAddChoice: 'Aggiungi una scelta',
  pollRemoveChoice: (n) => `Rimuovi la scelta ${n}`,
  pollMultiple: 'Si possono scegliere più risposte',
  pollBallot: 'Votazione',
  pollNamedHint: 'Palese: tutti vedono chi ha scelto cosa',
  pollSecretHint: 'Segreta: nessuno, moderatori compresi, può vedere chi ha votato cosa',
  pollResultsWhen: 'Mostra i risultati',
  pollResultsLive: 'Man mano che arrivano i voti',
  pollResultsClosed: 'Alla chiusura della votazione',
  pollSubmitAsk: 'Chiedi alla stanza',
  pollCancel: 'Annulla',
  pollAskedBy: (name) => `Domanda di ${name}`,
  pollNamed: 'Voto palese: tutti vedono chi ha scelto cosa.',
  pollSecret: 'Voto segreto: nessuno, moderatori compresi, può vedere chi ha votato cosa.',
  pollSecretSteps: (n) =>
    `I risultati in diretta avanzano ogni ${n} voti, così nessuno può capire un voto dal momento in cui è stato espresso.`,
  pollOpen: 'Aperta',
  pollClosed: 'Chiusa',
  pollConsent: { consent: 'Consenso', concern: 'Riserva', object: 'Obiezione' },
  pollFist: [
    '0: no, mi oppongo',
    '1: riserve serie',
    '2: riserve da discutere',
    '3: posso accettarlo',
    '4: bene',
    '5: pienamente a favore',
  ],
  pollReason: 'Motivo (facoltativo)',
  pollVote: 'Vota',
  pollVoted: 'Hai votato.',
  pollYouChose: (choices) => `Hai scelto ${choices}.`,
  pollVoters: (n) => (n === 1 ? '1 persona ha votato.' : `${n} persone hanno votato.`),
  pollVotes: (n) => count(n, 'voto', 'voti'),
  pollResultsHidden: 'I risultati compaiono alla chiusura della votazione.',
  pollResults: 'Risultati',
  pollWhoChose: 'Chi ha scelto cosa',
  pollReasons: 'Motivi indicati',
  pollClose: 'Chiudi la votazione',
  pollDownloadMarkdown: 'Scarica in Markdown',
  pollDownloadCsv: 'Scarica in CSV',
  pollInsertNotes: 'Inserisci nelle note',
  pollInserted: 'I risultati sono nelle note.',
  pollNewQuestion: (question) => `Nuova domanda: ${question}`,
  pollClosedNow: (question) => `Votazione chiusa: ${question}`,
  pollCounted: 'Il tuo voto è stato contato.',
  pollFailed: 'Non ha funzionato. Controlla la connessione e riprova.',
  pollFailedWait: (seconds) => `Troppi tentativi. Riprova tra ${count(seconds, 'secondo', 'secondi')}.`,
  pollAlready: 'Questa votazione è chiusa, oppure hai già votato.',
  pollQuestionNeeded: 'Scrivi la domanda.',
  pollChoicesNeeded: 'Indica almeno due scelte diverse.',
  pollChooseOne: 'Scegli prima una risposta.',
  pollExportOption: 'Opzione',
  pollExportVotes: 'Voti',
  pollExportShare: 'Percentuale',
  pollExportName: 'Nome',
  pollExportReason: 'Motivo',
};

/** The shared notes (issue 16). */
const notes: NotesStrings = {
  notesLabel: 'Note condivise',
  notesEditor: 'Note condivise, in Markdown',
  notesHint:
    'Markdown: # per un titolo, - per un elenco, - [ ] per una casella. Tab fa rientrare; premi Esc, poi Tab, per uscire dalle note.',
  notesKept: 'Conservate per la prossima riunione in questa stanza.',
  notesNotKept: 'Queste note non vengono conservate dopo la riunione: scaricale.',
  notesDownload: 'Scarica in Markdown',
  notesWith: (names) => `Stai scrivendo con ${names}`,
  notesAlone: 'In questo momento nessun altro è nelle note.',
  notesSyncing: 'Recupero delle note dagli altri presenti…',
  notesJoined: (name) => `${name} è nelle note`,
  notesLeft: (name) => `${name} ha lasciato le note`,
  notesFull: (megabytes) =>
    `Le note hanno raggiunto il limite (${megabytes} MB), quindi la modifica non è stata fatta.`,
  notesLoadFailed: 'Non è stato possibile caricare le note conservate dall’ultima riunione.',
  notesElsewhere: 'Le note di questa stanza sono già aperte in un’altra parte della pagina.',
};

/** Stage rooms (issue 17): the audience, the speakers, the queue to speak. */
const stage: StageStrings = {
  watching: (count) => `${count} spettatori`,
  onStage: 'Sul palco',
  noSpeakers: 'Non c’è ancora nessuno sul palco.',
  watchHint:
    'Entri per guardare e ascoltare: non servono videocamera né microfono. Una volta dentro puoi chiedere la parola.',
  askToSpeak: 'Chiedi la parola',
  askFailed: 'La tua richiesta di parola non è arrivata. Riprova.',
  askedToSpeak: 'Hai chiesto la parola. Un moderatore può farti salire sul palco.',
  noLongerAsking: 'Non chiedi più la parola.',
  speakQueue: 'Chiedono la parola',
  speakQueueEmpty: 'Nessuno ha chiesto la parola.',
  askedSince: (time) => `dalle ${time}`,
  asksToSpeak: (name) => `${name} chiede la parola`,
  bringUp: (name) => `Fai salire ${name} sul palco`,
  sendBack: (name) => `Rimanda ${name} tra il pubblico`,
  nowSpeaking: (name) => `${name} è sul palco`,
  nowWatching: (name) => `${name} è tornato tra il pubblico`,
  deviceCheck: 'Prima di parlare',
  broughtUp: 'Un moderatore ti ha fatto salire sul palco. Controlla videocamera e microfono, poi sali.',
  goOnStage: 'Sali sul palco',
  stepDown: 'Scendi dal palco',
  backInAudience: 'Sei di nuovo tra il pubblico.',
  stageFailed: 'Non ha funzionato. Riprova.',
};

/** End-to-end encrypted rooms (issue 15). */
const e2ee: E2eeStrings = {
  e2eeRoom: 'Questa stanza è cifrata end-to-end.',
  e2eeKeyFromLink: 'Il tuo link d’invito porta la chiave della stanza. Resta in questo browser.',
  e2eePassphrase: 'Passphrase della stanza',
  e2eePassphraseHint:
    'Chiedila a chi ti ha invitato. Non lascia mai questo browser: né il server Convene né il servizio video possono leggere questa stanza.',
  e2eeBadge: 'Cifrata end-to-end',
  e2eeExplain:
    'Video, audio e chat sono cifrati in ogni browser con la chiave della stanza, che non raggiunge mai il server Convene né il servizio video.',
  e2eeReadable:
    'Possono comunque vedere chi c’è e quando: nomi, mani alzate, posti ai tavoli e riflettore non sono cifrati.',
  e2eeCantDecrypt: 'impossibile decifrare (chiave diversa?)',
  e2eeCantDecryptName: (name) => `${name}: impossibile decifrare video e audio (chiave diversa?)`,
  e2eeKeyMismatch:
    'Non riesci a decifrare nessuno qui: la tua chiave o passphrase probabilmente non è quella degli altri.',
  e2eeEnterAgain: 'Inserisci di nuovo la chiave',
};

export const features: FurnitureStrings & DoorStrings & PollStrings & NotesStrings & StageStrings & E2eeStrings = {
  ...furniture,
  ...doors,
  ...poll,
  ...notes,
  ...stage,
  ...e2ee,
};
