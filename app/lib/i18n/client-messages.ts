import type { ClientMessages } from "./index";

/** The page's preload of its catalogue (root.tsx), so that hydration can start as soon as it is in. */
export function messagesHref(doc: Document): string | null {
  return doc.querySelector<HTMLLinkElement>("link[data-regie-messages]")?.href ?? null;
}

/**
 * Fetches a language's client catalogue. The request matches the page's preload (same URL, CORS
 * mode, same-origin credentials), so the browser answers it from that preload.
 */
export async function loadClientMessages(href: string): Promise<ClientMessages> {
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${href} answered ${response.status}`);
  return (await response.json()) as ClientMessages;
}
