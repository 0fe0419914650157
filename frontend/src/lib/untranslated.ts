/**
 * The rule for text shown to people: Japanese, with no English word, field path, code or
 * Python/JSON representation in it. The API's tests apply the same rule to what the services send
 * (tests/common/untranslated.py); keep the two lists of allowed words alike.
 */
import { UNTRANSLATED_REASONS as R } from './messages';

/** ASCII words a message may hold. One letter alone (A類型, R9, 2027H1) is never a word here. */
export const ALLOWED_WORDS: ReadonlySet<string> = new Set([
  // acronyms the seeds (the government's texts) use as they are
  'AI',
  'GX',
  'EBPM',
  'PDCA',
  'KGI',
  'KPI',
  'HP',
  // codes and names a person reads on forms and in the office
  'ID',
  'JSIC',
  'URL',
  'API',
  'CSRF',
  'NUL',
  'SMTP',
  'TLS',
  'HTML',
  'LGWAN',
  // file formats and the programs that write them, as their users call them
  'CSV',
  'PDF',
  'PNG',
  'JPEG',
  'JSON',
  'XML',
  'ZIP',
  'zip',
  'xls',
  'xlsx',
  'docx',
  'pptx',
  'ics',
  'Excel',
  'Word',
  'PowerPoint',
  'Outlook',
  'Web',
  // file sizes
  'KB',
  'MB',
  'GB',
  // HTTP headers only an API client (never the SPA, which always sends them) is told about
  'If-Match',
  'ETag',
  'Authorization',
]);

/** Character encodings as Excel's 保存 dialog names them. */
const ALLOWED_PHRASES = ['UTF-8', 'Shift_JIS'];

const URL_PATTERN = /https?:\/\/[^\s「」『』()（）<>"']+/g;
const EMAIL_PATTERN = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const WORD = /[A-Za-z][A-Za-z-]*[A-Za-z]/g;
const SNAKE = /(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+/g;
const CODE_PREFIX = /(?<![A-Za-z])[a-z][a-z0-9_]*:(?!\/\/)/g;
const REPR =
  /\{'|'\}|\['|'\]|\{"|"\}|\[\{|\}\]|(?<![A-Za-z])(?:None|True|False|undefined|null|NaN|\[object Object\])(?![A-Za-z])/g;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f]/;

/** Why `text` may not be shown to a person (empty when it may). */
export function untranslated(text: string): string[] {
  const reasons: string[] = [];
  if (text.trim() === '') return [R.empty];
  const repr = text.match(REPR);
  if (repr) reasons.push(R.repr(repr.join(' ')));
  let rest = text.replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ');
  for (const phrase of ALLOWED_PHRASES) rest = rest.split(phrase).join(' ');
  const snake = rest.match(SNAKE);
  if (snake) reasons.push(R.identifier(snake.join(' ')));
  const prefix = rest.match(CODE_PREFIX);
  if (prefix) reasons.push(R.codePrefix(prefix.join(' ')));
  const words = (rest.match(WORD) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
  if (words.length > 0) reasons.push(R.englishWords(words.join(' ')));
  // "KGI" or "—" alone is a fine heading; "12345" or "draft" alone is not
  const leftover = (rest.match(WORD) ?? []).reduce((r, w) => (ALLOWED_WORDS.has(w) ? r.split(w).join(' ') : r), rest);
  if (!JAPANESE.test(rest) && /[A-Za-z0-9]/.test(leftover)) reasons.push(R.noJapanese);
  return reasons;
}

export function isTranslated(text: string): boolean {
  return untranslated(text).length === 0;
}
