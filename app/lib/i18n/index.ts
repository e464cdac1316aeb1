import i18next, { type i18n } from "i18next";
import type { governanceNl } from "./governance.nl";
import type { nl } from "./nl";

export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nl";
export const LANGUAGE_COOKIE = "regie_lang";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/**
 * What components render, in one language: the catalogue the browser gets (only the visitor's
 * language, see catalogue.server.ts). Texts only the server uses live in server-messages.*.ts.
 */
export type ClientMessages = Widen<typeof nl> & Widen<typeof governanceNl>;

export function isLanguage(value: unknown): value is Language {
  return value === "nl" || value === "en";
}

/**
 * A fresh i18next instance (no shared global state) over the catalogues given: the server passes all
 * of both languages, the browser only the client texts of the page's language.
 */
export function createI18n(language: Language, resources: Partial<Record<Language, object>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: Object.fromEntries(Object.entries(resources).map(([lng, translation]) => [lng, { translation }])),
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
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
