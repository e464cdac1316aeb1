import { describe, expect, it } from "vitest";
import { readLeadCell, readOrganisationList, type OrganisationReader } from "./organisation-list";
import { OrganisationIndex, type OrganisationRegistry } from "./organisation-names";

const REGISTRY: OrganisationRegistry = {
  organisations: [
    { name: "Gemeente Leiden", kind: "municipality", aliases: [] },
    { name: "Gemeente Oegstgeest", kind: "municipality", aliases: [] },
    { name: "Regiogemeenten", kind: "municipality", aliases: [] },
    { name: "Holland Rijnland", kind: "government", aliases: [] },
    { name: "Kamer van Koophandel", kind: "government", aliases: ["KvK"] },
    { name: "VNO-NCW Rijnland", kind: "business", aliases: ["VNO NCW"] },
    { name: "Zorg & Zekerheid", kind: "business", aliases: [] },
    { name: "WFIA/ROM", kind: "government", aliases: [] },
    { name: "ROC's", kind: "knowledge-institution", aliases: [] },
    { name: "Ondernemers", kind: "business", aliases: [] },
    { name: "Stuurgroep Economische agenda", kind: "other", aliases: ["Stuurgroep"] },
  ],
};

function reader(registry: OrganisationRegistry | undefined = REGISTRY): OrganisationReader {
  return { index: new OrganisationIndex(registry), issues: [] };
}

function list(text: string, r = reader()) {
  return readOrganisationList(r, text).refs.map((x) =>
    x.qualifier ? `${x.organisation} (${x.qualifier})` : x.organisation,
  );
}

describe("readOrganisationList", () => {
  it("splits on commas, 'en' and '&' between organisations", () => {
    expect(list("VNO NCW & Gemeente Leiden")).toEqual(["vno-ncw-rijnland", "gemeente-leiden"]);
    expect(list("regiogemeenten en Holland Rijnland")).toEqual(["regiogemeenten", "holland-rijnland"]);
    expect(list("Holland Rijnland, KvK.")).toEqual(["holland-rijnland", "kamer-van-koophandel"]);
  });

  it("keeps names that contain a separator whole", () => {
    expect(list("Zorg & Zekerheid, WFIA/ROM")).toEqual(["zorg-zekerheid", "wfia-rom"]);
    expect(list("Samenwerking Beroepsonderwijs & Bedrijfsleven (SBB)", reader(undefined))).toEqual([
      "samenwerking-beroepsonderwijs-bedrijfsleven",
    ]);
    expect(list("ROC's en Regionaal Meld- en Coördinatiepunt (RMC)")).toEqual([
      "rocs",
      "regionaal-meld-en-coordinatiepunt",
    ]);
    expect(list("primair en voortgezet onderwijs", reader(undefined))).toEqual([
      "primair-en-voortgezet-onderwijs",
    ]);
    expect(list("zorg- en welzijninstellingen", reader(undefined))).toEqual(["zorg-en-welzijninstellingen"]);
    expect(list("Stichting Wireless / coöperatieve aanleg en beheer", reader(undefined))).toEqual([
      "stichting-wireless-cooperatieve-aanleg-en-beheer",
    ]);
  });

  it("expands 'gemeenten X en Y'", () => {
    expect(list("gemeenten Leiden en Oegstgeest")).toEqual(["gemeente-leiden", "gemeente-oegstgeest"]);
  });

  it("reads a parenthetical as qualifier, or as abbreviation when it spells the name", () => {
    expect(list("Kamer van Koophandel (tot eind 2013)")).toEqual(["kamer-van-koophandel (tot eind 2013)"]);
    expect(list("Holland Rijnland (project 3D, werkgroep werkgeversdienstverlening)")).toEqual([
      "holland-rijnland (project 3D, werkgroep werkgeversdienstverlening)",
    ]);
    const r = reader(undefined);
    expect(list("Platform Belangenbehartiging Ondernemersverenigingen (PBO)", r)).toEqual([
      "platform-belangenbehartiging-ondernemersverenigingen",
    ]);
    // The abbreviation is remembered for later mentions.
    expect(list("PBO", r)).toEqual(["platform-belangenbehartiging-ondernemersverenigingen"]);
  });

  it("reads descriptive words around a known name as qualifier", () => {
    expect(list("werkbedrijf gemeente Leiden")).toEqual(["gemeente-leiden (werkbedrijf)"]);
    expect(list("Accountmanagers regiogemeenten")).toEqual(["regiogemeenten (Accountmanagers)"]);
    expect(list("ondernemers per sector")).toEqual(["ondernemers (per sector)"]);
    expect(list("Stuurgroep leden")).toEqual(["stuurgroep-economische-agenda (leden)"]);
    expect(list("Regiogemeenten onder leiding van gemeente Leiden")).toEqual([
      "regiogemeenten (onder leiding van gemeente Leiden)",
      "gemeente-leiden",
    ]);
  });

  it("splits two known names run together, with a warning", () => {
    const r = reader();
    expect(list("Regiogemeenten Leiden", r)).toEqual(["regiogemeenten", "gemeente-leiden"]);
    expect(r.issues.map((i) => i.code)).toEqual(["organisations-run-together"]);
  });

  it("corrects a one-letter slip in a known municipality, with a warning", () => {
    const r = reader();
    expect(list("gemeente Oegstgees", r)).toEqual(["gemeente-oegstgeest"]);
    expect(r.issues.map((i) => i.code)).toEqual(["organisation-spelling-corrected"]);
  });

  it("keeps remarks that are not organisations as notes", () => {
    const r = reader();
    const out = readOrganisationList(
      r,
      "Regiogemeenten, Uitkristallisering van dit actiepunt n.a.v. rol KvK",
    );
    expect(out.refs.map((x) => x.organisation)).toEqual(["regiogemeenten"]);
    expect(out.notes).toEqual(["Uitkristallisering van dit actiepunt n.a.v. rol KvK"]);
  });

  it("adds unknown organisations with a warning", () => {
    const r = reader();
    expect(list("Janssen Biologics", r)).toEqual(["janssen-biologics"]);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: "organisation-not-in-registry",
        params: { name: "Janssen Biologics", slug: "janssen-biologics", kind: "other" },
      }),
    ]);
  });
});

describe("readLeadCell", () => {
  it("reads roles by their labels", () => {
    const cell = readLeadCell(
      reader(),
      "Trekker: Holland Rijnland Partners: VNO NCW, KvK te betrekken: Zorg & Zekerheid",
    );
    expect(cell.leads.map((r) => r.organisation)).toEqual(["holland-rijnland"]);
    expect(cell.partners.map((r) => r.organisation)).toEqual(["vno-ncw-rijnland", "kamer-van-koophandel"]);
    expect(cell.toInvolve.map((r) => r.organisation)).toEqual(["zorg-zekerheid"]);
    expect(cell.leadUnknown).toBe(false);
  });

  it("reads <p> cells and notes", () => {
    const cell = readLeadCell(
      reader(),
      "<p>Trekker: gemeente Leiden (inventarisatie)</p> <p>Partners: Regiogemeenten</p> <p><i>N.B. Uitvoering gebeurt door de scholen zelf.</i></p>",
    );
    expect(cell.leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "inventarisatie" }]);
    expect(cell.notes.map((n) => n.text)).toEqual(["Uitvoering gebeurt door de scholen zelf."]);
  });

  it("reads 'Trekker: onbekend' as an unknown lead", () => {
    const cell = readLeadCell(reader(), "Trekker: onbekend Partners: Regiogemeenten");
    expect(cell.leadUnknown).toBe(true);
    expect(cell.leads).toEqual([]);
    expect(cell.partners.map((r) => r.organisation)).toEqual(["regiogemeenten"]);
  });

  it("reads a cell without labels as leads", () => {
    const cell = readLeadCell(reader(), "<p>Gemeente Leiden (programmabeheer)</p>");
    expect(cell.leads).toEqual([{ organisation: "gemeente-leiden", qualifier: "programmabeheer" }]);
  });
});
