/** The built-in kinds' tab labels, English and Spanish (small: they ship in convene.js). */
const en: Record<string, string> = {
  'video-bridge': 'Video',
  chat: 'Chat',
  markdown: 'Notes',
  'breakout-tables': 'Tables',
  spotlight: 'Spotlight',
  'hand-raise': 'Hands',
  embed: 'Embed',
};
const es: Record<string, string> = {
  'video-bridge': 'Vídeo',
  chat: 'Chat',
  markdown: 'Notas',
  'breakout-tables': 'Mesas',
  spotlight: 'Foco',
  'hand-raise': 'Manos',
  embed: 'Incrustado',
};

/** The label of a built-in kind in `lang` (Spanish for `es*`, else English). */
export function kindLabel(kind: string, lang: string): string {
  return (lang.toLowerCase().startsWith('es') ? es : en)[kind] ?? kind;
}
