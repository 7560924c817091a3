import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { parseSearch, validateRootSearch } from '../app/search.ts';
import type { Lang } from '../format/format.ts';
import { en, vi } from './resources.ts';

const STORAGE_KEY = 'ioc.lang';

/** ?lang=en in the URL (validated like every page's parameters), then the last choice on this screen, then Vietnamese. */
export function initialLang(): Lang {
  if (typeof window === 'undefined') return 'vi';
  const fromUrl = validateRootSearch(parseSearch(window.location.search)).lang;
  if (fromUrl) return fromUrl;
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage may be disabled on kiosk browsers
  }
  return 'vi';
}

export function setLang(lang: Lang): void {
  void i18next.changeLanguage(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted: fine
  }
}

export function currentLang(lng: string | undefined): Lang {
  return lng === 'en' ? 'en' : 'vi';
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'vi',
  supportedLngs: ['vi', 'en'],
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});

// The page's language attribute follows (screen readers, hyphenation); absent outside a browser (unit tests).
if (typeof document !== 'undefined') {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = currentLang(lng);
  });
  document.documentElement.lang = currentLang(i18next.language);
}

export default i18next;
