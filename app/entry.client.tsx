import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { createI18n, isLanguage, type Language } from "./lib/i18n";
import { loadClientMessages, messagesHref } from "./lib/i18n/client-messages";

const lang = document.documentElement.lang;
const language: Language = isLanguage(lang) ? lang : "nl";
const href = messagesHref(document);

// Only the page's language is downloaded (decision 0012). Without it the page stays as the server
// rendered it, which works without JavaScript.
if (href) {
  loadClientMessages(href).then(
    (messages) => {
      const i18n = createI18n(language, { [language]: messages });
      startTransition(() => {
        hydrateRoot(
          document,
          <I18nextProvider i18n={i18n}>
            <StrictMode>
              <HydratedRouter />
            </StrictMode>
          </I18nextProvider>,
        );
      });
    },
    (error: unknown) => console.error("Regie: the texts for this page could not be loaded", error),
  );
}
