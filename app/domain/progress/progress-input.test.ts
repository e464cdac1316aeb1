import { describe, expect, it } from "vitest";
import { readMilestoneForm } from "./milestone-input";
import { milestoneView } from "./milestone-view";
import { parseFuzzyDate } from "./fuzzy-date";
import { readProgressForm } from "./progress-input";

const valid = {
  status: "delayed",
  percent: "40",
  narrative: "  Vertraagd door de zomer.\r\nVolgende stap in september. ",
  version: "",
  narrativePublicShown: "1",
  narrativePublic: "1",
};

describe("the progress form", () => {
  it("reads a valid update", () => {
    expect(readProgressForm(valid, ["12", "12", "14"])).toEqual({
      ok: true,
      values: {
        status: "delayed",
        percent: 40,
        narrative: "Vertraagd door de zomer.\nVolgende stap in september.",
        narrativePublic: true,
        milestonesReached: [12, 14],
      },
      version: null,
    });
    expect(readProgressForm({ ...valid, percent: "", version: "3" }, [])).toMatchObject({
      ok: true,
      values: { percent: null },
      version: 3,
    });
  });

  it("keeps the narrative public unless its author unticks the box", () => {
    expect(readProgressForm({ ...valid, narrativePublic: "" }, [])).toMatchObject({
      values: { narrativePublic: false },
    });
    const { narrativePublicShown: _shown, narrativePublic: _public, ...bare } = valid;
    expect(readProgressForm(bare, [])).toMatchObject({ values: { narrativePublic: true } });
  });

  it("refuses percentages out of range or not a number, unknown statuses, and empty or over-long narratives", () => {
    expect(readProgressForm({ ...valid, percent: "-1" }, [])).toEqual({
      ok: false,
      errors: { percent: { key: "progress.percentRange" } },
    });
    expect(readProgressForm({ ...valid, percent: "101" }, [])).toEqual({
      ok: false,
      errors: { percent: { key: "progress.percentRange" } },
    });
    expect(readProgressForm({ ...valid, percent: "x" }, [])).toEqual({
      ok: false,
      errors: { percent: { key: "progress.percentInvalid" } },
    });
    expect(readProgressForm({ ...valid, percent: "4.5" }, [])).toEqual({
      ok: false,
      errors: { percent: { key: "progress.percentInvalid" } },
    });
    expect(readProgressForm({ ...valid, status: "vertraagd" }, [])).toEqual({
      ok: false,
      errors: { status: { key: "progress.statusRequired" } },
    });
    expect(readProgressForm({ ...valid, narrative: "   " }, [])).toEqual({
      ok: false,
      errors: { narrative: { key: "progress.narrativeRequired" } },
    });
    expect(readProgressForm({ ...valid, narrative: "x".repeat(2001) }, [])).toEqual({
      ok: false,
      errors: { narrative: { key: "progress.narrativeTooLong", params: { param: 2000 } } },
    });
    expect(readProgressForm(valid, ["12; DROP"])).toEqual({
      ok: false,
      errors: { milestones: { key: "progress.milestoneUnknown" } },
    });
    expect(readProgressForm({ ...valid, version: "abc" }, [])).toEqual({
      ok: false,
      errors: { form: { key: "progress.staleForm" } },
    });
  });
});

describe("the milestone form and view", () => {
  const context = { period: { start: 2013, end: 2015 }, today: "2014-05-01" };
  it("reads a date in the planning's words, and refuses what it cannot read", () => {
    const read = readMilestoneForm({ label: " Werktop ", due: "2e kwartaal 2014", doneOn: "" }, context);
    expect(read).toMatchObject({
      ok: true,
      values: {
        label: "Werktop",
        due: { start: "2014-04-01", end: "2014-06-30", precision: "quarter" },
        doneOn: null,
      },
    });
    expect(readMilestoneForm({ label: "", due: "binnenkort", doneOn: "2014-13-01" }, context)).toEqual({
      ok: false,
      errors: { due: { key: "progress.dueUnreadable" }, doneOn: { key: "progress.dateInvalid" } },
    });
    expect(readMilestoneForm({ label: "", due: "", doneOn: "2014-05-02" }, context)).toEqual({
      ok: false,
      errors: { due: { key: "progress.dueRequired" }, doneOn: { key: "progress.doneInFuture" } },
    });
  });

  it("is due at the end of its period and overdue after it, unless done", () => {
    const record = (text: string, doneOn: string | null = null) => ({
      id: 1,
      position: 0,
      label: null,
      due: parseFuzzyDate(text, { period: context.period })!,
      doneOn,
      manual: false,
      version: 1,
      updatedAt: "",
    });
    expect(milestoneView(record("2e kwartaal 2014"), "2014-06-30")).toMatchObject({
      due: { kind: "by", date: "2014-06-30" },
      state: "open",
    });
    expect(milestoneView(record("2e kwartaal 2014"), "2014-07-01")).toMatchObject({ state: "overdue" });
    expect(milestoneView(record("2e kwartaal 2014", "2014-06-20"), "2014-07-01")).toMatchObject({
      state: "done",
      doneOn: "2014-06-20",
    });
    expect(milestoneView(record("vanaf 2014"), "2016-01-01")).toMatchObject({
      due: { kind: "from", date: "2014-01-01" },
      state: "open",
    });
    expect(milestoneView(record("Continu"), "2016-01-01")).toMatchObject({
      due: { kind: "ongoing" },
      state: "open",
    });
    expect(milestoneView(record("jaarlijks, laatste kwartaal van het jaar"), "2014-05-01")).toMatchObject({
      due: { kind: "recurring", date: "2014-12-31" },
      state: "overdue",
    });
  });
});
