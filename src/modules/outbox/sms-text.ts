/**
 * SMS text rules. Vietnamese brand-name gateways commonly accept only unaccented text in one
 * 160-character GSM-7 message (accented text needs UCS-2, 70 characters a part); a setting says
 * which the gateway takes.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';
const extended = new Set(GSM_EXTENDED);
const escaped = (chars: string[]) => chars.map((ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`).join('');
/** One character (code point) outside the GSM-7 alphabet, basic or extension table. */
const NOT_GSM = new RegExp(`[^${escaped([...GSM_BASIC, ...GSM_EXTENDED])}]`, 'gu');
/**
 * Text of the alphabet's ASCII characters only (every notice without tone marks): nothing to replace, one
 * septet per character and two for the extension table's. One test instead of a pass per code point
 * (issue 12: fitting an intake's SMS 10 → 4 µs).
 */
const ASCII_GSM = new RegExp(`^[${escaped([...GSM_BASIC, ...GSM_EXTENDED].filter((ch) => ch < '\x80'))}]*$`, 'u');
const ASCII_EXTENDED = new RegExp(`[${escaped([...GSM_EXTENDED].filter((ch) => ch < '\x80'))}]`, 'gu');

/** Vietnamese without tone marks: "Hồ sơ đã tiếp nhận" → "Ho so da tiep nhan". */
export function stripToneMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** GSM-7 septets the text takes; characters outside the alphabet are replaced by `?` in `toGsm7`. */
export function gsm7Length(text: string): number {
  if (ASCII_GSM.test(text)) return text.length + (text.match(ASCII_EXTENDED)?.length ?? 0);
  let n = 0;
  for (const ch of text) n += extended.has(ch) ? 2 : 1;
  return n;
}

/** Unaccented text with every character in the GSM-7 alphabet; any other becomes `?` (one per code point). */
export function toGsm7(text: string): string {
  // Native passes: splitting into an array of characters was most of an intake's SMS planning (issue 12).
  const plain = stripToneMarks(text);
  return ASCII_GSM.test(plain) ? plain : plain.replace(NOT_GSM, '?');
}

/**
 * The first of the candidate texts (most detailed first) that fits, encoded for the gateway; the
 * last one cut to the limit when none fits, at the end of a word: a dossier code or a link is whole or
 * left out, never half.
 */
export function fitSms(candidates: readonly string[], options: { unicode: boolean; maxLength: number }): string {
  const encode = (t: string) => (options.unicode ? t.normalize('NFC') : toGsm7(t));
  const size = (t: string) => (options.unicode ? [...t].length : gsm7Length(t));
  for (const candidate of candidates) {
    const text = encode(candidate);
    if (size(text) <= options.maxLength) return text;
  }
  const whole = encode(candidates[candidates.length - 1] ?? '');
  let text = whole;
  while (size(text) > options.maxLength) text = [...text].slice(0, -1).join('');
  const space = text.lastIndexOf(' ');
  if (!/\s/.test(whole[text.length] ?? ' ') && space > 0) text = text.slice(0, space).replace(/[\s,.:;]+$/, '');
  return text;
}
