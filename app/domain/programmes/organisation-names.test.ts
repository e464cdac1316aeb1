import { describe, expect, it } from "vitest";
import {
  guessOrganisationKind,
  nameKey,
  organisationSlug,
  OrganisationIndex,
  tidyName,
} from "./organisation-names";

describe("organisationSlug", () => {
  it("makes lowercase ASCII slugs with hyphens", () => {
    expect(organisationSlug("Gemeente Leiden")).toBe("gemeente-leiden");
    expect(organisationSlug("Stichting Wireless / coöperatieve aanleg en beheer")).toBe(
      "stichting-wireless-cooperatieve-aanleg-en-beheer",
    );
    expect(organisationSlug("Regionaal Meld- en Coördinatiepunt")).toBe("regionaal-meld-en-coordinatiepunt");
    expect(organisationSlug("ROC's")).toBe("rocs");
    expect(organisationSlug("Zorg & Zekerheid")).toBe("zorg-zekerheid");
    expect(organisationSlug("WFIA/ROM")).toBe("wfia-rom");
    expect(organisationSlug("  Enquête   ")).toBe("enquete");
  });
});

describe("nameKey", () => {
  it("ignores case, hyphens, apostrophes, spaces, diacritics and leading articles", () => {
    expect(nameKey("VNO NCW")).toBe(nameKey("VNO-NCW"));
    expect(nameKey("ROC 's")).toBe(nameKey("ROC's"));
    expect(nameKey("LAB 071")).toBe(nameKey("LAB071"));
    expect(nameKey("Koepel Leidse Regio")).toBe(nameKey("Koepel Leidse regio"));
    expect(nameKey("de Universiteit Leiden")).toBe(nameKey("Universiteit Leiden"));
    expect(nameKey("Coördinatiepunt")).toBe(nameKey("Coordinatiepunt"));
    expect(nameKey("ROC")).not.toBe(nameKey("ROC's"));
  });
});

describe("tidyName", () => {
  it("drops trailing punctuation and fillers", () => {
    expect(tidyName(" KvK. ")).toBe("KvK");
    expect(tidyName("o.a. Corpus")).toBe("Corpus");
    expect(tidyName("het Leids Universitair Medisch Centrum (LUMC)")).toBe(
      "Leids Universitair Medisch Centrum (LUMC)",
    );
  });
});

describe("guessOrganisationKind", () => {
  it.each([
    ["gemeente Katwijk", "municipality"],
    ["Regiogemeenten", "municipality"],
    ["Provincie Noord-Holland", "government"],
    ["UWV", "government"],
    ["Hogeschool Rotterdam", "knowledge-institution"],
    ["ROC Mondriaan", "knowledge-institution"],
    ["Janssen B.V.", "business"],
    ["Ondernemersvereniging Haagweg", "business"],
    ["Leiden Marketing", "other"],
  ] as const)("%s → %s", (name, kind) => {
    expect(guessOrganisationKind(name)).toBe(kind);
  });
});

describe("OrganisationIndex", () => {
  const index = new OrganisationIndex({
    organisations: [
      { name: "Gemeente Leiden", kind: "municipality", aliases: [] },
      {
        name: "Universiteit Leiden",
        kind: "knowledge-institution",
        aliases: ["UvL", "Universiteit van Leiden"],
      },
    ],
  });

  it("finds organisations by any spelling", () => {
    expect(index.find("UvL")?.slug).toBe("universiteit-leiden");
    expect(index.find("universiteit van leiden")?.slug).toBe("universiteit-leiden");
    expect(index.find("gemeente Leiden")?.slug).toBe("gemeente-leiden");
    expect(index.find("Hogeschool Leiden")).toBeUndefined();
  });

  it("finds municipalities by place name only", () => {
    expect(index.findMunicipalityByPlace("Leiden")?.slug).toBe("gemeente-leiden");
    expect(index.findMunicipalityByPlace("Universiteit")).toBeUndefined();
  });

  it("adds new organisations once", () => {
    const local = new OrganisationIndex(undefined);
    const a = local.create("Leiden Global", "other");
    const b = local.create("Leiden  Global", "other");
    expect(a).toBe(b);
    expect(local.find("leiden global")?.slug).toBe("leiden-global");
  });
});
