import i18next, { type i18n, type TFunction } from "i18next";
import { en } from "./en";
import { governanceEn } from "./governance.en";
import { governanceNl } from "./governance.nl";
import { nl } from "./nl";

export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nl";
export const LANGUAGE_COOKIE = "regie_lang";

export function isLanguage(value: unknown): value is Language {
  return value === "nl" || value === "en";
}

/** A fresh i18next instance for one request (server) or the page (browser); no shared global state. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: { nl: { translation: { ...nl, ...governanceNl } }, en: { translation: { ...en, ...governanceEn } } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
}

const instances = new Map<Language, i18n>();

/** One shared instance per language for server rendering: its language never changes, so requests can share it. */
export function serverI18n(language: Language): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language);
    instances.set(language, instance);
  }
  return instance;
}

const cache = new Map<Language, TFunction>();

/** A translate function for server code outside React (API errors, CSV headers). */
export function translator(language: Language): TFunction {
  let t = cache.get(language);
  if (!t) {
    t = createI18n(language).t;
    cache.set(language, t);
  }
  return t;
}

/**
 * Picks the interface language: an explicit `?lang=` wins, then the cookie the switch sets, then the
 * browser's Accept-Language; Dutch otherwise.
 */
export function negotiateLanguage(input: { query?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.cookie)) return input.cookie;
  const header = input.acceptLanguage ?? "";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** The locale for dates and numbers. */
export function localeOf(language: Language): string {
  return language === "nl" ? "nl-NL" : "en-GB";
}
