/** Furniture's own strings, English and Spanish; `furnitureStrings(el)` picks by the nearest `lang`. */
export const furnitureEn = {
  furniture: 'Furniture',
  unknownKind: (kind: string) => `This room has furniture of a kind this page does not know (“${kind}”).`,
  badSettings: (kind: string) => `The settings of this ${kind} are not valid, so it is not shown.`,
  loadFailed: (kind: string) => `The ${kind} could not be loaded. Reload the page to try again.`,
  duplicateKind: (kind: string) => `A room can have only one “${kind}”, so this second one is not shown.`,
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  chatLog: 'Messages',
  chatEmpty: 'No messages yet. Say hello.',
  chatInput: 'Message',
  chatSend: 'Send',
  chatTooLong: (max: number) => `Messages can be up to ${max} characters.`,
  chatSendFailed: 'That message was not sent. Check the connection and try again.',
  chatElsewhere: 'This room’s chat is open elsewhere on this page.',
  chatHistoryFrom: (name: string) => `Earlier messages, shared by ${name}`,
  you: 'You',
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  handQueue: 'Raised hands',
  noHands: 'No hands raised.',
  lowerTheirHand: (name: string) => `Lower ${name}’s hand`,
  reactions: 'Reactions',
  react: (emoji: string) => `React with ${emoji}`,
  reacted: (name: string, emoji: string) => `${name} reacted ${emoji}`,
  spotlightNone: 'Nobody is in the spotlight.',
  spotlightOn: (name: string) => `${name} is in the spotlight.`,
  spotlightYou: 'You are in the spotlight.',
  spotlightPin: (name: string) => `Spotlight ${name}`,
  spotlightClear: 'Clear the spotlight',
  spotlightOnlyModerators: 'Only a moderator can choose who is in the spotlight.',
  spotlightFailed: 'The spotlight could not be changed.',
  embedNotAllowed: (host: string) => `This space does not allow pages from ${host} to be embedded.`,
  embedOpen: 'Open in a new tab',
  tableSit: (name: string) => `Sit at ${name}`,
  tableReturn: 'Return to the room',
  tableEmpty: 'Nobody sits here.',
  tableFailed: 'You could not sit at that table. Try again.',
};
export type FurnitureStrings = typeof furnitureEn;

export const furnitureEs: FurnitureStrings = {
  furniture: 'Mobiliario',
  unknownKind: (kind) => `Esta sala tiene un mueble de un tipo que esta página no conoce («${kind}»).`,
  badSettings: (kind) => `La configuración de este ${kind} no es válida, así que no se muestra.`,
  loadFailed: (kind) => `No se pudo cargar ${kind}. Recarga la página para intentarlo de nuevo.`,
  duplicateKind: (kind) => `Una sala solo puede tener un mueble «${kind}», así que este segundo no se muestra.`,
  unread: (n) => (n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`),
  chatLog: 'Mensajes',
  chatEmpty: 'Aún no hay mensajes. Saluda.',
  chatInput: 'Mensaje',
  chatSend: 'Enviar',
  chatTooLong: (max) => `Los mensajes pueden tener hasta ${max} caracteres.`,
  chatSendFailed: 'El mensaje no se envió. Revisa la conexión e inténtalo de nuevo.',
  chatElsewhere: 'El chat de esta sala ya está abierto en otra parte de esta página.',
  chatHistoryFrom: (name) => `Mensajes anteriores, compartidos por ${name}`,
  you: 'Tú',
  raiseHand: 'Levantar la mano',
  lowerHand: 'Bajar la mano',
  handQueue: 'Manos levantadas',
  noHands: 'Nadie ha levantado la mano.',
  lowerTheirHand: (name) => `Bajar la mano de ${name}`,
  reactions: 'Reacciones',
  react: (emoji) => `Reaccionar con ${emoji}`,
  reacted: (name, emoji) => `${name} reaccionó ${emoji}`,
  spotlightNone: 'Nadie está en el foco.',
  spotlightOn: (name) => `${name} está en el foco.`,
  spotlightYou: 'Estás en el foco.',
  spotlightPin: (name) => `Poner a ${name} en el foco`,
  spotlightClear: 'Quitar el foco',
  spotlightOnlyModerators: 'Solo una persona moderadora puede elegir quién está en el foco.',
  spotlightFailed: 'No se pudo cambiar el foco.',
  embedNotAllowed: (host) => `Este espacio no permite incrustar páginas de ${host}.`,
  embedOpen: 'Abrir en una pestaña nueva',
  tableSit: (name) => `Sentarse en ${name}`,
  tableReturn: 'Volver a la sala',
  tableEmpty: 'Nadie se sienta aquí.',
  tableFailed: 'No pudiste sentarte en esa mesa. Inténtalo de nuevo.',
};

/** The language of the nearest `lang` up the page, across shadow roots. */
export function langOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') || 'en';
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return document.documentElement.lang || navigator.language || 'en';
}

export function stringsForLang(lang: string): FurnitureStrings {
  return lang.toLowerCase().startsWith('es') ? furnitureEs : furnitureEn;
}

export function furnitureStrings(element: Element): FurnitureStrings {
  return stringsForLang(langOf(element));
}
