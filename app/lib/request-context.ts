import type { Principal } from "../domain/auth/roles";
import type { Language } from "./i18n";
import type { Services } from "./services.server";

/** What the HTTP server hands to every loader and action. */
export interface RequestContext {
  services: Services;
  requestId: string;
  nonce: string;
  language: Language;
  /** Who is asking (the public when nobody signed in). */
  principal: Principal;
  /** The anti-forgery token that forms must send back in the `_csrf` field. */
  csrfToken: string;
  /** The raw session token of a signed-in visitor, for signing out. */
  sessionToken: string | null;
  /** Whether the request came over HTTPS (directly or through a trusted proxy): cookies get Secure. */
  secure: boolean;
  clientAddress: string;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmentation: the context is exactly RequestContext
  interface AppLoadContext extends RequestContext {}
}
