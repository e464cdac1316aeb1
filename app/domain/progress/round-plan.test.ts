import { describe, expect, it } from "vitest";
import { defaultClosesOn, parseOffsets, planRound, upcomingReminders } from "./round-plan";
import { parsePeriod } from "./periods";
import { countByGroup, linkState, requestStatus } from "./round-rules";

const context = { programme: { start: 2013, end: 2015 }, today: "2014-06-02" };
const form = (
  over: Partial<{ period: string; dueOn: string; closesOn: string; reminders: string }> = {},
) => ({ period: "2014-H1", dueOn: "2014-06-30", closesOn: "", reminders: "-7, 0, 7", ...over });

describe("opening a round", () => {
  it("plans the reminders still to come and closes a week after the last one", () => {
    expect(planRound(form(), context)).toEqual({
      ok: true,
      plan: {
        period: parsePeriod("2014-H1"),
        dueOn: "2014-06-30",
        closesOn: "2014-07-14",
        offsets: [-7, 0, 7],
        reminders: [
          { offset: -7, date: "2014-06-23" },
          { offset: 0, date: "2014-06-30" },
          { offset: 7, date: "2014-07-07" },
        ],
      },
    });
    // Opened five days before the due date, the reminder a week before is already past.
    const late = planRound(form(), { ...context, today: "2014-06-25" });
    expect(late.ok && late.plan.reminders.map((r) => r.offset)).toEqual([0, 7]);
    // Without reminders the links work until the end of the period at least.
    expect(defaultClosesOn(parsePeriod("2014-H2")!, "2014-09-30", [])).toBe("2014-12-31");
  });

  it("reads reminder offsets leniently and refuses what is not a list of days", () => {
    expect(parseOffsets("7,-7 0; 0")).toEqual([-7, 0, 7]);
    expect(parseOffsets("")).toEqual([]);
    expect(parseOffsets("-7, x")).toBeNull();
    expect(parseOffsets("-61")).toBeNull();
  });

  it("names every field that is wrong", () => {
    expect(
      planRound(
        form({ period: "2014", dueOn: "2014-02-30", closesOn: "morgen", reminders: "een week" }),
        context,
      ),
    ).toEqual({
      ok: false,
      errors: {
        period: { key: "progress.periodMalformed" },
        dueOn: { key: "progress.dateInvalid" },
        closesOn: { key: "progress.dateInvalid" },
        reminders: { key: "progress.remindersInvalid", params: { param: 60 } },
      },
    });
    expect(planRound(form({ dueOn: "2014-06-01" }), context)).toEqual({
      ok: false,
      errors: { dueOn: { key: "progress.dueInPast" } },
    });
    expect(planRound(form({ period: "2014-H2" }), context)).toEqual({
      ok: false,
      errors: { period: { key: "progress.periodFuture" } },
    });
    expect(planRound(form({ closesOn: "2014-06-29" }), context)).toEqual({
      ok: false,
      errors: { closesOn: { key: "progress.closesBeforeDue" } },
    });
    expect(planRound(form({ closesOn: "2014-07-01" }), context)).toEqual({
      ok: false,
      errors: { closesOn: { key: "progress.closesBeforeReminder", params: { param: "2014-07-07" } } },
    });
    expect(planRound(form({ reminders: "-6,-5,-4,-3,-2,-1,0" }), context)).toEqual({
      ok: false,
      errors: { reminders: { key: "progress.remindersTooMany", params: { param: 6 } } },
    });
  });

  it("lists only reminders after today and not after closing", () => {
    expect(upcomingReminders("2014-06-30", "2014-07-03", [-7, 0, 7], "2014-06-23")).toEqual([
      { offset: 0, date: "2014-06-30" },
    ]);
  });
});

describe("the rules of a personal link", () => {
  const round = { status: "open", dueOn: "2014-06-30", closesOn: "2014-07-14" };
  it("answers and corrects until the due date, answers once after it, and is refused after closing", () => {
    expect(linkState(round, false, "2014-06-30")).toBe("open");
    expect(linkState(round, true, "2014-06-30")).toBe("open");
    expect(linkState(round, false, "2014-07-01")).toBe("late");
    expect(linkState(round, true, "2014-07-01")).toBe("locked");
    expect(linkState(round, false, "2014-07-15")).toBe("closed");
    expect(linkState({ ...round, status: "closed" }, false, "2014-06-10")).toBe("closed");
  });

  it("counts actions per organisation once, answered, not yet or overdue", () => {
    expect(requestStatus(false, "2014-06-30", "2014-06-30")).toBe("pending");
    expect(requestStatus(false, "2014-06-30", "2014-07-01")).toBe("overdue");
    expect(requestStatus(true, "2014-06-30", "2014-07-01")).toBe("answered");
    const requests = [
      { org: "Leiden", action: 1, status: "answered" as const },
      { org: "Leiden", action: 1, status: "answered" as const },
      { org: "Leiden", action: 2, status: "overdue" as const },
      { org: "Oegstgeest", action: 2, status: "overdue" as const },
    ];
    const counts = countByGroup(
      requests,
      (r) => r.org,
      (r) => r.action,
      (r) => r.status,
    );
    expect(Object.fromEntries(counts)).toEqual({
      Leiden: { answered: 1, pending: 0, overdue: 1 },
      Oegstgeest: { answered: 0, pending: 0, overdue: 1 },
    });
  });
});
