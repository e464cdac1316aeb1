import type { Language } from "./i18n";
import type { Services } from "./services.server";

/** What the HTTP server hands to every loader and action. */
export interface RequestContext {
  services: Services;
  requestId: string;
  nonce: string;
  language: Language;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmentation: the context is exactly RequestContext
  interface AppLoadContext extends RequestContext {}
}
