import { createHash } from "node:crypto";
import type { i18n, TFunction } from "i18next";
import { en } from "./en";
import { governanceEn } from "./governance.en";
import { governanceNl } from "./governance.nl";
import { createI18n, type ClientMessages, type Language } from "./index";
import { nl } from "./nl";
import { serverMessagesEn } from "./server-messages.en";
import { serverMessagesNl } from "./server-messages.nl";

const CLIENT: Record<Language, ClientMessages> = {
  nl: { ...nl, ...governanceNl },
  en: { ...en, ...governanceEn },
};
const SERVER_ONLY: Record<Language, object> = { nl: serverMessagesNl, en: serverMessagesEn };

type Tree = { [key: string]: string | Tree };

/** The server-only texts sit under the same keys as client texts (monitor.cli next to monitor.import). */
function mergeDeep(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const here = out[key];
    if (typeof value !== "string" && here !== undefined && typeof here !== "string")
      out[key] = mergeDeep(here, value);
    else if (here !== undefined)
      throw new Error(`i18n: the key ${key} is both a client and a server-only text`);
    else out[key] = value;
  }
  return out;
}

function fullCatalogue(language: Language): Tree {
  return mergeDeep(CLIENT[language], SERVER_ONLY[language] as Tree);
}

/** Everything the server says, in both languages (so that fallbacks behave as before the split). */
function createServerI18n(language: Language): i18n {
  return createI18n(language, { nl: fullCatalogue("nl"), en: fullCatalogue("en") });
}

const instances = new Map<Language, i18n>();

/** One shared instance per language for server rendering: its language never changes, so requests can share it. */
export function serverI18n(language: Language): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createServerI18n(language);
    instances.set(language, instance);
  }
  return instance;
}

const cache = new Map<Language, TFunction>();

/** A translate function for server code outside React (API errors, CSV headers, mail, the command line). */
export function translator(language: Language): TFunction {
  let t = cache.get(language);
  if (!t) {
    t = createServerI18n(language).t;
    cache.set(language, t);
  }
  return t;
}

export interface ClientCatalogue {
  /** Where the browser fetches it: the name changes with the content, so it may be cached for good. */
  path: string;
  json: string;
}

const catalogues = new Map<Language, ClientCatalogue>();

/** The texts the browser needs to hydrate and render pages in one language, as served at `path`. */
export function clientCatalogue(language: Language): ClientCatalogue {
  let catalogue = catalogues.get(language);
  if (!catalogue) {
    const json = JSON.stringify(CLIENT[language]);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 12);
    catalogue = { path: `/i18n/${language}-${hash}.json`, json };
    catalogues.set(language, catalogue);
  }
  return catalogue;
}
