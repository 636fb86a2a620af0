import type { Request } from 'express';
import type { Language } from './messages.js';

/** Vietnamese unless the client asks for English first (Accept-Language). */
export function requestLanguage(req: Request): Language {
  return req.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}
