/**
 * French: the room's and the space's entries (the features' are in ./fr-features.ts), shaped like ./es.ts. Its own chunk of the
 * script-tag embed, loaded when an element first speaks French (see `loadStrings` in ./strings.ts).
 * The visitor is « vous »; spaces before « : ; ! ? » and inside guillemets do not break.
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

export const rules = new Intl.PluralRules('fr');
/** A count and its noun: French takes the singular for 0 and 1. */
export const count = (n: number, one: string, other: string) => `${n} ${rules.select(n) === 'one' ? one : other}`;

const room: RoomStrings = {
  yourName: 'Votre nom',
  join: 'Rejoindre',
  joining: 'Connexion…',
  leave: 'Quitter',
  microphone: 'Micro',
  camera: 'Caméra',
  screenShare: 'Partager l’écran',
  devices: 'Appareils',
  speaker: 'Haut-parleur',
  you: (name) => `${name} (vous)`,
  participants: (n) => count(n, 'personne', 'personnes'),
  stage: 'Personnes dans la salle',
  controls: 'Commandes de la salle',
  previewOff: 'Votre caméra est désactivée',
  microphoneLevel: 'Niveau du micro',
  accessCode: 'Code d’accès',
  accessCodeHint: 'Cette salle est verrouillée. Saisissez le code d’accès qui vous a été donné.',
  signIn: 'Se connecter',
  muted: (name) => `Le micro de ${name} est coupé`,
  connectionQuality: {
    excellent: 'Excellente connexion',
    good: 'Bonne connexion',
    poor: 'Connexion faible',
    lost: 'Connexion perdue',
    unknown: 'Qualité de connexion inconnue',
  },
  presenting: (name) => `${name} partage son écran`,
  spotlight: 'En vedette',
  spotlightOn: (name) => `${name} est en vedette`,
  spotlightCleared: 'Plus personne n’est en vedette',
  page: (page, pages) => `Page ${page} sur ${pages}`,
  previousPage: 'Page précédente des personnes',
  nextPage: 'Page suivante des personnes',
  startAudio: 'Activer le son',
  audioBlocked: 'Votre navigateur a mis en pause le son de cette salle.',
  connecting: 'Connexion à la salle…',
  reconnecting: 'La connexion a été coupée. Reconnexion… Vous restez dans la salle.',
  tileConnection: {
    stalled: 'Connexion perdue — reconnexion…',
    reconnecting: 'Reconnexion au service vidéo…',
  },
  inRoom: 'Vous êtes dans la salle.',
  rejoin: 'Rejoindre à nouveau',
  tryAgain: 'Réessayer',
  backToPrejoin: 'Retour',
  leftBecause: {
    left: 'Vous avez quitté la salle.',
    removed: 'Un modérateur vous a retiré de la salle.',
    'room-closed': 'La salle a été fermée.',
    'connection-lost': 'La connexion à la salle a été perdue. Vérifiez votre réseau et rejoignez-la à nouveau.',
    duplicate:
      'Vous avez rejoint cette salle depuis un autre onglet ou appareil\u00a0: celui-ci a donc été déconnecté.',
  },
  errors: {
    invalid_request:
      'La salle n’a pas pu s’ouvrir\u00a0: la page l’a demandée d’une façon que le serveur n’accepte pas.',
    access_code_required: 'Cette salle est verrouillée. Saisissez son code d’accès.',
    access_code_invalid: 'Ce code d’accès n’est pas le bon. Vérifiez-le et réessayez.',
    members_only: 'Cette salle est réservée aux membres.',
    space_not_found:
      'Cet espace n’existe pas sur le serveur Convene. La page renvoie peut-être à une ancienne adresse.',
    room_not_found: 'Cette salle n’existe pas. La page renvoie peut-être à une ancienne adresse.',
    participant_not_found: 'Cette personne n’est pas dans la salle.',
    not_found: 'Le serveur Convene ne connaît pas cette adresse.',
    room_full: 'La salle est pleine. Réessayez quand quelqu’un sera parti.',
    payload_too_large: 'La requête était trop volumineuse pour le serveur.',
    unsupported_media_type: 'Le serveur n’a pas compris la requête.',
    rate_limited: 'Trop de tentatives. Patientez un instant, puis réessayez.',
    forbidden: 'Vous n’êtes pas autorisé à faire cela ici.',
    unauthorized: 'Vous devez vous connecter pour cela.',
    origin_not_allowed:
      'Ce site n’est pas autorisé à ouvrir des salles sur ce serveur Convene. Prévenez la personne qui le gère.',
    livekit_unavailable: 'Le service vidéo est injoignable pour le moment. Réessayez dans un instant.',
    internal_error: 'Le serveur Convene a rencontré un problème. Réessayez dans un instant.',
    pass_invalid: 'Votre connexion n’a pas pu être vérifiée. Reconnectez-vous sur le site, puis réessayez.',
    pass_unknown_key:
      'Votre connexion a été signée avec une clé que ce serveur Convene ne connaît pas. Reconnectez-vous sur le site\u202f; si cela se reproduit, prévenez ses organisateurs.',
    pass_expired: 'Votre connexion a expiré. Réessayez, ou reconnectez-vous sur le site.',
    pass_not_yet_valid:
      'Votre connexion n’est pas encore valable\u00a0: l’horloge du site est en avance sur celle du serveur. Patientez une minute, puis réessayez.',
    pass_too_long:
      'Votre connexion est valable plus longtemps que ce serveur Convene ne l’accepte. Prévenez les organisateurs du site.',
    pass_wrong_space: 'Votre connexion concerne un autre espace. Reconnectez-vous sur le site, puis réessayez.',
    pass_not_accepted:
      'Cet espace n’accepte pas les connexions venant d’autres sites. Prévenez les organisateurs du site.',
    pass_keys_unavailable: 'Votre connexion ne peut pas être vérifiée pour le moment. Réessayez dans un instant.',
    knock_required:
      'Un modérateur a verrouillé cette salle. Demandez à entrer\u00a0: quelqu’un à l’intérieur vous fera entrer.',
    knock_not_needed: 'Vous pouvez entrer directement\u00a0: pas besoin de demander pour cette salle.',
    knock_not_found: 'Cette demande d’entrée a pris fin. Redemandez si vous voulez toujours entrer.',
    knock_not_admitted: 'Personne ne vous a encore fait entrer. Attendez une réponse, ou redemandez.',
    invite_invalid:
      'Ce lien d’invitation a expiré ou a été retiré. Demandez-en un nouveau à la personne qui vous l’a envoyé.',
    kept_out:
      'Un modérateur vous a retiré de cette salle. Vous pourrez revenir à la fin de cette réunion, ou si un modérateur vous laisse entrer de nouveau.',
    store_unavailable:
      'Le serveur Convene ne peut pas vérifier pour le moment qui peut entrer. Réessayez dans un instant.',
    pass_unavailable:
      'Impossible de vérifier votre connexion auprès du site. Vérifiez votre connexion Internet et réessayez\u202f; si cela se reproduit, prévenez les organisateurs du site.',
    network: 'Impossible de joindre le serveur Convene. Vérifiez votre connexion et réessayez.',
    bad_response: 'Le serveur Convene a envoyé une réponse illisible. Réessayez dans un instant.',
    livekit_unreachable: 'Impossible de se connecter au service vidéo. Vérifiez votre connexion et réessayez.',
    unknown_furniture: 'Cette salle contient du mobilier que cette page ne sait pas afficher.',
    duplicate_furniture: 'Cette salle contient deux fois le même mobilier\u202f; seul le premier est affiché.',
    e2ee_key_required:
      'Cette salle est chiffrée de bout en bout : saisissez sa phrase secrète, ou ouvrez le lien d’invitation qui porte sa clé.',
    e2ee_unsupported:
      'Ce navigateur ne peut pas rejoindre les salles chiffrées. Utilisez un Chrome, Edge, Firefox ou Safari récent.',
  },
  retryIn: (seconds) => `Vous pourrez réessayer dans ${count(seconds, 'seconde', 'secondes')}.`,
  cameraProblem: {
    denied:
      'Votre navigateur bloque la caméra pour ce site. Autorisez-la dans les paramètres du site, ou rejoignez sans elle.',
    missing: 'Aucune caméra n’a été trouvée. Vous pouvez rejoindre sans caméra.',
    'in-use': 'Une autre application utilise votre caméra. Fermez-la, ou rejoignez sans caméra.',
    other: 'La caméra n’a pas pu démarrer. Vous pouvez rejoindre sans caméra.',
  },
  microphoneProblem: {
    denied:
      'Votre navigateur bloque le micro pour ce site. Autorisez-le dans les paramètres du site, ou rejoignez sans lui.',
    missing: 'Aucun micro n’a été trouvé. Vous pouvez rejoindre sans micro.',
    'in-use': 'Une autre application utilise votre micro. Fermez-la, ou rejoignez sans micro.',
    other: 'Le micro n’a pas pu démarrer. Vous pouvez rejoindre sans micro.',
  },
  screenShareFailed: 'Votre écran n’a pas pu être partagé.',
  muteParticipant: (name) => `Couper le micro de ${name}`,
  removeParticipant: (name) => `Retirer ${name} de la salle`,
  confirmRemove: (name) => `Retirer ${name}\u202f? Appuyez de nouveau pour confirmer`,
  moderationFailed: 'Cela n’a pas fonctionné. Réessayez.',
  joined: (name) => `${name} a rejoint la salle`,
  departed: (name) => `${name} a quitté la salle`,
  nameRequired: 'Saisissez votre nom pour rejoindre la salle.',
  missingAttributes: (names) => `Cette salle ne peut pas s’ouvrir\u00a0: la page n’a pas indiqué ${names}.`,
};

const space: SpaceStrings = {
  rooms: 'Salles',
  loading: 'Chargement des salles…',
  enter: (room) => `Entrer dans ${room}`,
  backToRooms: 'Retour aux salles',
  peopleIn: (n) => (n === 0 ? 'Personne pour l’instant' : `${count(n, 'personne', 'personnes')} à l’intérieur`),
  placesLeft: (left, capacity) =>
    rules.select(left) === 'one'
      ? `${left} place restante sur ${capacity}`
      : `${left} places restantes sur ${capacity}`,
  roomFull: 'Complet',
  accessPublic: 'Ouverte à tous',
  accessLocked: 'Verrouillée\u00a0: code d’accès requis',
  accessMembers: 'Réservée aux membres',
  lockedByModerator: 'Verrouillée par un modérateur',
  stageCounts: (speaking, watching) =>
    `${speaking} ${speaking === 1 ? 'intervenant' : 'intervenants'} · ${watching} spectateurs`,
  entrance: 'Entrée',
  presenceStale: 'Reconnexion… la liste des présents peut ne pas être à jour.',
  presenceUnavailable: 'Impossible d’afficher pour le moment qui est dans chaque salle.',
  emptySpace: 'Cet espace n’a pas encore de salle où vous pouvez entrer.',
  spaceNotFound: (space) =>
    `Il n’y a pas d’espace nommé «\u00a0${space}\u00a0» sur ce serveur. Vérifiez l’attribut space de la page.`,
  serverUnreachable: 'Le serveur Convene est injoignable. Vérifiez votre connexion\u202f; nous réessayons.',
  serverError: (message) => `Le serveur Convene a refusé\u00a0: ${message}`,
  andMore: (n) => `et ${n} autre${rules.select(n) === 'one' ? '' : 's'}`,
};

export const fr: RoomStrings & SpaceStrings = { ...room, ...space };
