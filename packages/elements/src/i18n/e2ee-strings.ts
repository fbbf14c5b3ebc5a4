/**
 * The end-to-end encryption section of the string table (issue 15: encrypted rooms). Like the
 * door's, it joins `en` when its code loads (the room's lazy e2ee chunk calls `addSection(e2ee)`),
 * so a room that is not encrypted does not carry it. Every other shipped language has these
 * entries in its `<lang>-features.ts`. The two refusals (`e2ee_key_required`, `e2ee_unsupported`)
 * are room errors, in ./room-strings.ts.
 */

/** What a visitor of an encrypted room reads: in pre-join, on the lock badge, on tiles. */
export interface E2eeStrings {
  /** Pre-join, above the key: the room is encrypted. */
  e2eeRoom: string;
  /** Pre-join, when the invite link carries the key. */
  e2eeKeyFromLink: string;
  /** The passphrase field's label and its hint. */
  e2eePassphrase: string;
  e2eePassphraseHint: string;
  /** The lock badge in the room, and what it opens. */
  e2eeBadge: string;
  e2eeExplain: string;
  /** What the servers can still read (participant attributes, room metadata). */
  e2eeReadable: string;
  /** On the tile of someone whose media this browser cannot decrypt. */
  e2eeCantDecrypt: string;
  /** The same, read by a screen reader (with the name). */
  e2eeCantDecryptName: (name: string) => string;
  /** The visitor's own screen when nobody else's media decrypts: their key is probably not the others'. */
  e2eeKeyMismatch: string;
  /** Leaves, to enter the key again in pre-join. */
  e2eeEnterAgain: string;
}

export const e2eeEn: E2eeStrings = {
  e2eeRoom: 'This room is end-to-end encrypted.',
  e2eeKeyFromLink: 'Your invite link carries the room’s key. It stays in this browser.',
  e2eePassphrase: 'Room passphrase',
  e2eePassphraseHint:
    'Ask whoever invited you. It never leaves this browser: neither the Convene server nor the video service can read this room.',
  e2eeBadge: 'End-to-end encrypted',
  e2eeExplain:
    'Video, sound and chat are encrypted in each browser with the room’s key, which never reaches the Convene server or the video service.',
  e2eeReadable:
    'They can still see who is here and when: names, raised hands, table seats and the spotlight are not encrypted.',
  e2eeCantDecrypt: 'can’t decrypt (different key?)',
  e2eeCantDecryptName: (name) => `${name}: can’t decrypt their video and sound (a different key?)`,
  e2eeKeyMismatch: 'You can’t decrypt anyone here: your key or passphrase is probably not the one the others use.',
  e2eeEnterAgain: 'Enter the key again',
};

/** The section the e2ee chunk adds to the registry. */
export const e2ee = { en: e2eeEn };
