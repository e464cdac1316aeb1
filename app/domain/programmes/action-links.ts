import type { ActionLink, LinkTarget, LinkType } from "./programme-document";

/**
 * Cross-references between actions, read from N.B. notes:
 * "Link met actie 17 en acties van doelstelling 5" (related),
 * "Actie 10 is randvoorwaarde voor acties 11 en 12" (prerequisiteFor),
 * "n.a.v. actie 20 wordt uitvoering gegeven aan acties 21 t/m 27" (enables).
 */

// Phrases that give the references after them a direction; everything else is "related".
const DIRECTED_PHRASES: { pattern: RegExp; type: LinkType }[] = [
  {
    pattern: /\bis\s+(?:een\s+)?randvoorwaarde\s+voor\b|\bis\s+voorwaarde\s+voor\b/i,
    type: "prerequisiteFor",
  },
  {
    pattern: /\b(?:wordt|worden)\s+uitvoering\s+gegeven\s+aan\b|\bmaakt\s+mogelijk\b|\bleidt\s+tot\b/i,
    type: "enables",
  },
];

// "actie 17", "acties 6 en 7", "acties 21 t/m 27", "doelstelling 5", "thema 3".
const REFERENCE =
  /\b(acties?|doelstellingen|doelstelling|thema's|thema)\s+(\d+(?:\s*(?:,|en|t\/m|tot en met|[-–])\s*\d+)*)/gi;

/** Numbers of a list such as "6 en 7", "21 t/m 27", "1, 2 en 4". */
export function expandNumberList(text: string): number[] {
  const out: number[] = [];
  const tokens = text.split(/\s*(,|\ben\b|t\/m|tot en met|[-–])\s*/).filter((t) => t.length > 0);
  let rangeFrom: number | null = null;
  for (const token of tokens) {
    if (/^(t\/m|tot en met|[-–])$/.test(token)) {
      rangeFrom = out.length > 0 ? out[out.length - 1]! : null;
      continue;
    }
    if (!/^\d+$/.test(token)) continue;
    const n = Number(token);
    if (rangeFrom !== null && n > rangeFrom && n - rangeFrom < 1000) {
      for (let i = rangeFrom + 1; i <= n; i++) out.push(i);
    } else {
      out.push(n);
    }
    rangeFrom = null;
  }
  return out;
}

function targetsIn(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const isAction = match[1]!.toLowerCase().startsWith("actie");
    for (const n of expandNumberList(match[2]!)) targets.push(isAction ? { action: n } : { theme: n });
  }
  return targets;
}

/**
 * Links read from one note, stored on the citing action. References to the citing action itself
 * are dropped; references before a directing phrase ("Actie 5 is randvoorwaarde voor …" in
 * another action's note) are kept as "related" because the reverse direction has no type.
 */
export function linksFromNote(note: string, citingAction: number): ActionLink[] {
  if (!/\b(acties?|doelstelling(?:en)?|thema(?:'s)?)\s+\d/i.test(note)) return [];
  let type: LinkType = "related";
  let before = "";
  let after = note;
  for (const phrase of DIRECTED_PHRASES) {
    const match = phrase.pattern.exec(note);
    if (match) {
      type = phrase.type;
      before = note.slice(0, match.index);
      after = note.slice(match.index + match[0].length);
      break;
    }
  }
  const links: ActionLink[] = [];
  const push = (linkType: LinkType, target: LinkTarget): void => {
    if ("action" in target && target.action === citingAction) return;
    const duplicate = links.some(
      (l) => l.type === linkType && JSON.stringify(l.target) === JSON.stringify(target),
    );
    if (!duplicate) links.push({ type: linkType, target, source: note });
  };
  for (const target of targetsIn(before)) push("related", target);
  for (const target of targetsIn(after)) push(type, target);
  return links;
}
