// Translations of the web console. The catalogs live in translations/web and
// are compiled into the bundle; the build refuses catalogs with missing keys.
import en from '@catalogs/en.json';
import de from '@catalogs/de.json';
import es from '@catalogs/es.json';
import fr from '@catalogs/fr.json';
import it from '@catalogs/it.json';
import ja from '@catalogs/ja.json';

export type Key = keyof typeof en;
type Catalog = Record<Key, string>;

export const languages: [string, string][] = [
  ['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['it', 'Italiano'], ['es', 'Español'], ['ja', '日本語'],
];
const catalogs: Record<string, Catalog> = { en, de, fr, it, es, ja };
const storageKey = 'netgateway.language';

function fromBrowser(): string {
  for (const l of navigator.languages ?? [navigator.language]) {
    const code = l.toLowerCase().split('-')[0];
    if (code in catalogs) return code;
  }
  return 'en';
}

let current = (() => {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved && saved in catalogs) return saved;
  } catch {
    // storage may be disabled; the browser's language still applies
  }
  return fromBrowser();
})();

export function language(): string {
  return current;
}

export function setLanguage(code: string): void {
  if (!(code in catalogs)) return;
  current = code;
  try {
    localStorage.setItem(storageKey, code);
  } catch {
    // not remembered, but applied
  }
  document.documentElement.lang = code;
}

export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = catalogs[current][key] ?? en[key] ?? key;
  return text.replace(/\{([a-zA-Z]+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current).format(n);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
