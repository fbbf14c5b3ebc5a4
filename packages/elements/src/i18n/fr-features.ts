/**
 * French: the entries of the features that bring their own code (furniture, door control,
 * polls, notes). Its own chunk, loaded only once such a feature is on the page as well as
 * French (see `loadStrings` in ./strings.ts), so a plain video room carries only ./fr.ts.
 */
import type { DoorStrings } from './door-strings.js';
import type { E2eeStrings } from './e2ee-strings.js';
import type { StageStrings } from './stage-strings.js';
import type { FurnitureStrings, NotesStrings, PollStrings } from './furniture-strings.js';
import { rules, count } from './fr.js';

const furniture: FurnitureStrings = {
  furniture: 'Mobilier',
  kindLabels: {
    chat: 'Discussion',
    markdown: 'Notes',
    'breakout-tables': 'Tables',
    spotlight: 'Vedette',
    'hand-raise': 'Mains levées',
    embed: 'Intégration',
  },
  unknownKind: (kind) =>
    `Cette salle contient un mobilier d’un type que cette page ne connaît pas («\u00a0${kind}\u00a0»).`,
  badSettings: (kind) => `Les réglages de «\u00a0${kind}\u00a0» ne sont pas valides\u00a0: il n’est donc pas affiché.`,
  loadFailed: (kind) => `«\u00a0${kind}\u00a0» n’a pas pu être chargé. Rechargez la page pour réessayer.`,
  duplicateKind: (kind) =>
    `Une salle ne peut avoir qu’un seul «\u00a0${kind}\u00a0»\u00a0: ce deuxième n’est donc pas affiché.`,
  unread: (n) => count(n, 'message non lu', 'messages non lus'),
  chatLog: 'Messages',
  chatEmpty: 'Pas encore de message. Dites bonjour\u202f!',
  chatInput: 'Message',
  chatSend: 'Envoyer',
  chatTooLong: (max) => `Les messages peuvent compter jusqu’à ${count(max, 'caractère', 'caractères')}.`,
  chatSendFailed: 'Ce message n’a pas été envoyé. Vérifiez la connexion et réessayez.',
  chatElsewhere: 'La discussion de cette salle est déjà ouverte ailleurs sur cette page.',
  chatHistoryFrom: (name) => `Messages précédents, partagés par ${name}`,
  raiseHand: 'Lever la main',
  lowerHand: 'Baisser la main',
  handQueue: 'Mains levées',
  handFailed: 'Votre main n’a pas pu être levée ou baissée. Vérifiez la connexion et réessayez.',
  handFailedWait: (seconds) => `Trop de changements de main. Réessayez dans ${count(seconds, 'seconde', 'secondes')}.`,
  noHands: 'Aucune main levée.',
  lowerTheirHand: (name) => `Baisser la main de ${name}`,
  reactions: 'Réactions',
  react: (emoji) => `Réagir avec ${emoji}`,
  reacted: (name, emoji) => `${name} a réagi ${emoji}`,
  spotlightNone: 'Personne n’est en vedette.',
  spotlightYou: 'Vous êtes en vedette.',
  spotlightPin: (name) => `Mettre ${name} en vedette`,
  spotlightClear: 'Ne plus mettre personne en vedette',
  spotlightOnlyModerators: 'Seul un modérateur peut choisir qui est en vedette.',
  spotlightFailed: 'La mise en vedette n’a pas pu être modifiée.',
  embedNotAllowed: (host) => `Cet espace n’autorise pas l’intégration de pages venant de ${host}.`,
  embedOpen: 'Ouvrir dans un nouvel onglet',
  tableSit: (name) => `S’asseoir à ${name}`,
  tableReturn: 'Revenir dans la salle',
  tableEmpty: 'Personne n’est assis ici.',
  tableFailed: 'Impossible de vous asseoir à cette table. Réessayez.',
};

const orList = (names: string[]) => new Intl.ListFormat('fr', { type: 'disjunction' }).format(names);

/** Door control (issue 13): knock, lock, invite, keep out. */
const doors: DoorStrings = {
  knockAsk: 'Demander à entrer',
  knockHint: 'Pas de code\u202f? Demandez à entrer\u00a0: un hôte présent dans la salle pourra vous faire entrer.',
  knockHeading: 'Demande d’entrée',
  knockWaiting: (hosts) =>
    hosts.length
      ? `En attente que ${orList(hosts)} vous fasse entrer.`
      : 'Aucun hôte n’est encore dans la salle. Restez sur cette page\u00a0: nous vous préviendrons dès que quelqu’un répondra.',
  knockCancel: 'Annuler',
  knockAdmitted: 'On vous a fait entrer. Connexion…',
  knockDenied: 'Les hôtes ne vous ont pas fait entrer cette fois-ci.',
  knockUnanswered: 'Personne n’a répondu. Les hôtes sont peut-être occupés\u00a0: réessayez dans un petit moment.',
  knockCancelled: 'Vous avez cessé de demander à entrer.',
  knockDropped: 'La connexion a été coupée pendant votre attente. Redemandez à entrer.',
  door: 'Porte',
  doorWaiting: (n) => (rules.select(n) === 'one' ? 'personne demande à entrer' : 'personnes demandent à entrer'),
  doorPanel: 'À la porte',
  knocking: (name) => `${name} demande à entrer`,
  admit: 'Faire entrer',
  deny: 'Refuser',
  admitName: (name) => `Faire entrer ${name}`,
  denyName: (name) => `Refuser ${name}`,
  admittedName: (name) => `${name} a pu entrer.`,
  deniedName: (name) => `${name} n’a pas pu entrer.`,
  noKnocks: 'Personne ne demande à entrer.',
  closePanel: 'Fermer',
  spaceKnocks: (room) => `Demandes d’entrée pour ${room}`,
  lockRoom: 'Verrouiller la salle',
  lockedNote: 'Cette salle est verrouillée jusqu’à la fin de la réunion\u00a0: les nouveaux venus demandent à entrer.',
  lockedNow: 'La salle est verrouillée. Les nouveaux venus demandent à entrer.',
  unlockedNow: 'La salle est de nouveau ouverte.',
  invite: 'Inviter',
  inviteTitle: 'Inviter quelqu’un',
  inviteValidFor: 'Valable pendant',
  inviteDurations: { hour: '1 heure', day: '1 jour', week: '1 semaine' },
  inviteUses: 'Qui peut l’utiliser',
  inviteSingle: 'Une personne, une seule fois',
  inviteMulti: 'Toute personne qui a le lien, jusqu’à son expiration',
  inviteCreate: 'Créer le lien',
  inviteLink: 'Lien d’invitation',
  inviteCopy: 'Copier le lien',
  inviteCopied: 'Lien copié.',
  inviteCopyFailed: 'Votre navigateur n’a pas permis de copier le lien\u00a0: sélectionnez-le et copiez-le vous-même.',
  inviteList: 'Liens créés pour cette salle',
  inviteNone: 'Aucun lien pour l’instant.',
  inviteSummary: (single, by, until) =>
    `${single ? 'Usage unique' : 'Usage multiple'}, créé par ${by}, valable jusqu’au ${until}`,
  inviteWithdraw: 'Retirer',
  inviteRevoke: (summary) => `Retirer le lien\u00a0: ${summary}`,
  inviteRevoked: 'Lien retiré\u00a0: il ne permet plus à personne d’entrer.',
  keepOut: (name) => `Retirer ${name} et l’empêcher de revenir`,
  confirmKeepOut: (name) => `Retirer ${name} et l’empêcher de revenir\u202f? Appuyez de nouveau pour confirmer`,
  keptOut: 'Personnes exclues',
  keptOutNone: 'Aucune personne exclue.',
  letBackIn: 'Laisser revenir',
  letBackInName: (name) => `Laisser revenir ${name}`,
  letBackInDone: (name) => `${name} peut revenir.`,
};

/** The poll (issue 16). */
const poll: PollStrings = {
  pollLabel: 'Sondage',
  pollNone: 'Pas encore de question.',
  pollOnlyModerators: 'Un modérateur peut poser ici une question à la salle.',
  pollAsk: 'Poser une question',
  pollAskHeading: 'Nouvelle question',
  pollQuestion: 'Question',
  pollType: 'Type de question',
  pollTypes: {
    choice: 'Choix',
    consent: 'Tour de consentement\u00a0: consentement, réserve ou objection',
    fist: 'Poing à cinq\u00a0: de 0 à 5',
  },
  pollChoices: 'Choix',
  pollChoice: (n) => `Choix ${n}`,
  pollAddChoice: 'Ajouter un choix',
  pollRemoveChoice: (n) => `Retirer le choix ${n}`,
  pollMultiple: 'Plusieurs choix possibles',
  pollBallot: 'Scrutin',
  pollNamedHint: 'Nominatif\u00a0: tout le monde voit qui a choisi quoi',
  pollSecretHint: 'Secret\u00a0: personne, modérateurs compris, ne peut voir qui a voté quoi',
  pollResultsWhen: 'Afficher les résultats',
  pollResultsLive: 'Au fil des votes',
  pollResultsClosed: 'À la clôture du vote',
  pollSubmitAsk: 'Poser la question',
  pollCancel: 'Annuler',
  pollAskedBy: (name) => `Posée par ${name}`,
  pollNamed: 'Vote nominatif\u00a0: tout le monde voit qui a choisi quoi.',
  pollSecret: 'Vote secret\u00a0: personne, modérateurs compris, ne peut voir qui a voté quoi.',
  pollSecretSteps: (n) =>
    `Les résultats en direct avancent tous les ${n} votes, pour que personne ne puisse deviner un vote d’après le moment où il a été exprimé.`,
  pollOpen: 'Ouvert',
  pollClosed: 'Clos',
  pollConsent: { consent: 'Consentement', concern: 'Réserve', object: 'Objection' },
  pollFist: [
    '0\u00a0: non, je bloque',
    '1\u00a0: réserves sérieuses',
    '2\u00a0: réserves à discuter',
    '3\u00a0: je peux faire avec',
    '4\u00a0: bien',
    '5\u00a0: entièrement pour',
  ],
  pollReason: 'Raison (facultatif)',
  pollVote: 'Voter',
  pollVoted: 'Vous avez voté.',
  pollYouChose: (choices) => `Vous avez choisi ${choices}.`,
  pollVoters: (n) => (rules.select(n) === 'one' ? `${n} personne a voté.` : `${n} personnes ont voté.`),
  pollVotes: (n) => count(n, 'voix', 'voix'),
  pollResultsHidden: 'Les résultats s’affichent à la clôture du vote.',
  pollResults: 'Résultats',
  pollWhoChose: 'Qui a choisi quoi',
  pollReasons: 'Raisons données',
  pollClose: 'Clore le vote',
  pollDownloadMarkdown: 'Télécharger en Markdown',
  pollDownloadCsv: 'Télécharger en CSV',
  pollInsertNotes: 'Insérer dans les notes',
  pollInserted: 'Les résultats sont dans les notes.',
  pollNewQuestion: (question) => `Nouvelle question\u00a0: ${question}`,
  pollClosedNow: (question) => `Vote clos\u00a0: ${question}`,
  pollCounted: 'Votre vote est pris en compte.',
  pollFailed: 'Cela n’a pas fonctionné. Vérifiez la connexion et réessayez.',
  pollFailedWait: (seconds) => `Trop de tentatives. Réessayez dans ${count(seconds, 'seconde', 'secondes')}.`,
  pollAlready: 'Ce vote est clos, ou vous avez déjà voté.',
  pollQuestionNeeded: 'Écrivez la question.',
  pollChoicesNeeded: 'Donnez au moins deux choix différents.',
  pollChooseOne: 'Choisissez d’abord une réponse.',
  pollExportOption: 'Option',
  pollExportVotes: 'Voix',
  pollExportShare: 'Part',
  pollExportName: 'Nom',
  pollExportReason: 'Raison',
};

/** The shared notes (issue 16). */
const notes: NotesStrings = {
  notesLabel: 'Notes partagées',
  notesEditor: 'Notes partagées, en Markdown',
  notesHint:
    'Markdown\u00a0: # pour un titre, - pour une liste, - [ ] pour une case à cocher. Tab crée un retrait\u202f; appuyez sur Échap, puis Tab, pour quitter les notes.',
  notesKept: 'Conservées pour la prochaine réunion dans cette salle.',
  notesNotKept: 'Ces notes ne sont pas conservées après la réunion\u00a0: téléchargez-les.',
  notesDownload: 'Télécharger en Markdown',
  notesWith: (names) => `Vous écrivez avec ${names}`,
  notesAlone: 'Personne d’autre n’est dans les notes pour le moment.',
  notesSyncing: 'Récupération des notes auprès des autres personnes présentes…',
  notesJoined: (name) => `${name} est dans les notes`,
  notesLeft: (name) => `${name} a quitté les notes`,
  notesFull: (megabytes) =>
    `Les notes ont atteint leur limite (${megabytes} Mo)\u00a0: cette modification n’a pas été faite.`,
  notesLoadFailed: 'Les notes conservées de la dernière réunion n’ont pas pu être chargées.',
  notesElsewhere: 'Les notes de cette salle sont déjà ouvertes ailleurs sur cette page.',
};

/** Stage rooms (issue 17): the audience, the speakers, the queue to speak. */
const stage: StageStrings = {
  watching: (count) => `${count} spectateurs`,
  onStage: 'Sur scène',
  noSpeakers: 'Personne n’est encore sur scène.',
  watchHint:
    'Vous entrez pour regarder et écouter : ni caméra ni micro nécessaires. Une fois dedans, vous pouvez demander la parole.',
  askToSpeak: 'Demander la parole',
  askFailed: 'Votre demande de parole n’est pas passée. Réessayez.',
  askedToSpeak: 'Vous avez demandé la parole. Un modérateur peut vous faire monter sur scène.',
  noLongerAsking: 'Vous ne demandez plus la parole.',
  speakQueue: 'Demandent la parole',
  speakQueueEmpty: 'Personne n’a demandé la parole.',
  askedSince: (time) => `depuis ${time}`,
  asksToSpeak: (name) => `${name} demande la parole`,
  bringUp: (name) => `Faire monter ${name} sur scène`,
  sendBack: (name) => `Renvoyer ${name} dans le public`,
  nowSpeaking: (name) => `${name} est sur scène`,
  nowWatching: (name) => `${name} est de retour dans le public`,
  deviceCheck: 'Avant de parler',
  broughtUp: 'Un modérateur vous a fait monter sur scène. Vérifiez votre caméra et votre micro, puis montez.',
  goOnStage: 'Monter sur scène',
  stepDown: 'Quitter la scène',
  backInAudience: 'Vous êtes de retour dans le public.',
  stageFailed: 'Cela n’a pas marché. Réessayez.',
};

/** End-to-end encrypted rooms (issue 15). */
const e2ee: E2eeStrings = {
  e2eeRoom: 'Cette salle est chiffrée de bout en bout.',
  e2eeKeyFromLink: 'Votre lien d’invitation porte la clé de la salle. Elle reste dans ce navigateur.',
  e2eePassphrase: 'Phrase secrète de la salle',
  e2eePassphraseHint:
    'Demandez-la à qui vous a invité. Elle ne quitte jamais ce navigateur : ni le serveur Convene ni le service vidéo ne peuvent lire cette salle.',
  e2eeBadge: 'Chiffrée de bout en bout',
  e2eeExplain:
    'La vidéo, le son et le chat sont chiffrés dans chaque navigateur avec la clé de la salle, qui n’atteint jamais le serveur Convene ni le service vidéo.',
  e2eeReadable:
    'Ils voient toutefois qui est là et quand : les noms, les mains levées, les places aux tables et le projecteur ne sont pas chiffrés.',
  e2eeCantDecrypt: 'déchiffrement impossible (autre clé ?)',
  e2eeCantDecryptName: (name) => `${name}\u202f: impossible de déchiffrer sa vidéo et son son (autre clé\u202f?)`,
  e2eeKeyMismatch:
    'Vous ne pouvez déchiffrer personne ici : votre clé ou phrase secrète n’est sans doute pas celle des autres.',
  e2eeEnterAgain: 'Saisir la clé à nouveau',
};

export const features: FurnitureStrings & DoorStrings & PollStrings & NotesStrings & StageStrings & E2eeStrings = {
  ...furniture,
  ...doors,
  ...poll,
  ...notes,
  ...stage,
  ...e2ee,
};
