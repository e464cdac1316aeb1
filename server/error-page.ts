import type { Language } from "../app/lib/i18n";
import { translator } from "../app/lib/i18n/catalogue.server";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain error page for failures outside React: no internals, only the request id. */
export function renderErrorPage(options: { language: Language; requestId: string; nonce: string }): string {
  const t = translator(options.language);
  return `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t("errors.errorTitle"))} – Regie</title></head><body><main><h1>${escape(t("errors.errorTitle"))}</h1><p>${escape(t("errors.errorText"))} <code>${escape(options.requestId)}</code></p><p><a href="/">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
}

const MESSAGES = {
  csrf: ["auth.csrfTitle", "auth.csrfText"],
  tooLarge: ["errors.payloadTooLargeTitle", "errors.payloadTooLarge"],
  notAForm: ["errors.notAFormTitle", "errors.notAForm"],
  badForm: ["errors.badFormTitle", "errors.badForm"],
  nulForm: ["input.nulTitle", "input.nulForm"],
  nulAddress: ["input.nulTitle", "input.nulAddress"],
} as const;

/**
 * A short page for refusals outside React: an expired form (anti-forgery check), a body that is
 * too large, a body that is not a form, or a form that cannot be read.
 */
export function renderMessagePage(options: { language: Language; kind: keyof typeof MESSAGES; mb?: number }): string {
  const t = translator(options.language);
  const [titleKey, textKey] = MESSAGES[options.kind];
  const title = t(titleKey);
  const text = t(textKey, { mb: options.mb ?? 0 });
  return `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Regie</title></head><body><main><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
}
