import type { CategoryBody } from "../api/actions/schema";
import type { OrganisationSummaryBody, ProgrammeBody, ProgrammeSummaryBody, ThemeBody } from "../api/programmes/schema";
import type { Category, CategoryCount, OrganisationSummary, Programme, ProgrammeSummary, Theme } from "../domain/programmes/types";

/** Open-data shapes: exactly these fields leave the server. */

export function presentCategory(code: number | null, categories: Category[]): CategoryBody | null {
  if (code === null) return null;
  const c = categories.find((x) => x.code === code);
  return { code, colour: c?.colour ?? null, label: c?.label ?? null };
}

export function presentOrganisationSummary(o: OrganisationSummary): OrganisationSummaryBody {
  return { name: o.name, slug: o.slug, kind: o.kind };
}

export function presentProgrammeSummary(p: ProgrammeSummary): ProgrammeSummaryBody {
  return {
    slug: p.slug,
    title: p.title,
    subtitle: p.subtitle,
    period: p.period,
    isDefault: p.isDefault,
  };
}

/** One theme of a programme: texts, intentions and the municipalities whose part differs. */
export function presentTheme(t: Theme): ThemeBody {
  return {
    number: t.number,
    title: t.title,
    goal: t.goal,
    intentionsIntro: t.intentionsIntro,
    intentions: t.intentions.map((i) => ({ code: i.code, text: i.text })),
    participation: t.participation.map((x) => ({
      municipality: presentOrganisationSummary(x.municipality),
      status: x.status,
      note: x.note,
    })),
  };
}

export function presentProgramme(p: Programme, counts: CategoryCount[]): ProgrammeBody {
  return {
    slug: p.slug,
    title: p.title,
    subtitle: p.subtitle,
    language: p.language,
    period: p.period,
    adoptedOn: p.adoptedOn,
    adoptedBy: p.adoptedBy,
    isDefault: p.isDefault,
    revisionIntervalYears: p.revisionIntervalYears,
    ambition: p.ambition,
    municipalities: p.municipalities.map(presentOrganisationSummary),
    coAuthors: p.coAuthors.map(presentOrganisationSummary),
    categories: p.categories.map((c) => ({ code: c.code, colour: c.colour, label: c.label, description: c.description })),
    themes: p.themes.map(presentTheme),
    organisationChapter: p.organisationChapter,
    introduction: p.introduction,
    actionCounts: counts.map((c) => ({ category: c.category, count: c.count })),
    updatedAt: p.updatedAt,
  };
}
