import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a PIN read aloud at the counter or typed from paper must not be misread. */
const PIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newLookupPin(): string {
  return Array.from({ length: 6 }, () => PIN_ALPHABET[randomInt(PIN_ALPHABET.length)]).join('');
}

/** Salted with the dossier id, so equal PINs of two dossiers hash differently. */
export function hashLookupPin(dossierId: string, pin: string): string {
  return createHash('sha256').update(`${dossierId}:${pin.toUpperCase()}`).digest('hex');
}

/** Domain B6: what every code of an agency's day starts with, `<electronic ID>-<YYMMDD>-`. */
export function dossierCodePrefix(electronicId: string, localDate: string): string {
  return `${electronicId}-${localDate.slice(2, 4)}${localDate.slice(5, 7)}${localDate.slice(8, 10)}-`;
}

/** Domain B6: `<electronic ID>-<YYMMDD>-<sequence, 4 digits or more>`; `assignDailyCode` writes it in SQL. */
export function dossierCode(electronicId: string, localDate: string, seq: number): string {
  return `${dossierCodePrefix(electronicId, localDate)}${String(seq).padStart(4, '0')}`;
}

/** "Nguyễn Văn An" → "N***** V** A*": enough for the applicant to recognise, nothing for others. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters[0] + '*'.repeat(Math.max(letters.length - 1, 1));
    })
    .join(' ');
}

export function phoneLast4(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
