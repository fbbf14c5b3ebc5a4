import { furniture } from '../i18n/furniture-strings.js';
import { addSection, stringsFor, type BuiltinKindLabel } from '../i18n/strings.js';

/** The tab label of a built-in kind in `lang`, from the string registry (the kind's name for any other). */
export function kindLabel(kind: string, lang: string): string {
  addSection(furniture);
  return stringsFor(lang).kindLabels[kind as BuiltinKindLabel] ?? kind;
}
