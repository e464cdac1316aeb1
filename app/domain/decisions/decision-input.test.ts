import { describe, expect, it } from "vitest";
import { decisionEditSchema, decisionErrors, decisionInputSchema, readDecisionForm } from "./decision-input";

const valid = { decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", actions: [{ number: 5, from: 3, to: 2 }] };
const errorsOf = (input: unknown) => {
  const r = decisionInputSchema.safeParse(input);
  return r.success ? {} : decisionErrors(r.error);
};

describe("a new decision", () => {
  it("takes a category change with the category the decider saw, and defaults the rest", () => {
    const r = decisionInputSchema.parse(valid);
    expect(r).toEqual({ ...valid, meetingId: null, status: "taken", text: "" });
  });

  it("refuses impossible dates, unknown kinds, empty titles and unknown fields", () => {
    expect(errorsOf({ ...valid, decidedOn: "2014-02-30" })).toEqual({ decidedOn: { key: "decisions.dateInvalid" } });
    expect(errorsOf({ ...valid, kind: "besluit" })).toEqual({ kind: { key: "decisions.kindInvalid" } });
    expect(errorsOf({ ...valid, title: "  " })).toEqual({ title: { key: "decisions.titleRequired" } });
    expect(errorsOf({ ...valid, colour: "groen" })).toEqual({ form: { key: "edit.unknownField", params: { param: "colour" } } });
  });

  it("asks for `from` with `to`, and refuses a change to the same category or an action listed twice", () => {
    expect(errorsOf({ ...valid, actions: [{ number: 5, to: 2 }] })).toEqual({ "actions.5": { key: "decisions.fromRequired", params: { param: 5 } } });
    expect(errorsOf({ ...valid, actions: [{ number: 5, from: 2, to: 2 }] })).toEqual({ "actions.5": { key: "decisions.sameCategory", params: { param: 5 } } });
    expect(errorsOf({ ...valid, actions: [{ number: 5, from: 3, to: 2 }, { number: 5 }] })).toEqual({ "actions.5": { key: "decisions.duplicateAction", params: { param: 5 } } });
    expect(errorsOf({ ...valid, actions: [{ number: 5, from: 3, to: 7 }] })).toEqual({ actions: { key: "decisions.categoryInvalid" } });
  });

  it("keeps changes to taken decisions of a kind that changes categories", () => {
    expect(errorsOf({ ...valid, status: "planned" })).toEqual({ actions: { key: "decisions.plannedNoChanges" } });
    expect(errorsOf({ ...valid, kind: "general" })).toEqual({ kind: { key: "decisions.generalNoChanges" } });
    expect(errorsOf({ ...valid, actions: [{ number: 5 }] })).toEqual({ actions: { key: "decisions.categoriesNeedChange" } });
    expect(errorsOf({ ...valid, status: "planned", actions: [{ number: 5 }] })).toEqual({});
    expect(errorsOf({ ...valid, kind: "adopt-annual-plan", actions: [] })).toEqual({});
  });

  it("reads the form: a chosen category makes the action concerned, with the category the page showed", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["decidedOn", "2014-06-30"],
      ["status", "taken"],
      ["kind", "categories"],
      ["meetingId", ""],
      ["title", "Actie 5 naar 2"],
      ["text", ""],
      ["action", "8"],
      ["from-5", "3"],
      ["to-5", "2"],
      ["from-8", "3"],
      ["to-8", ""],
      ["from-9", "2"],
      ["to-9", ""],
    ]) form.append(k!, v!);
    const read = readDecisionForm(form);
    expect(read.errors).toEqual({});
    expect(read.values.involved).toEqual([5, 8]);
    expect(decisionInputSchema.parse(read.input).actions).toEqual([{ number: 5, from: 3, to: 2 }, { number: 8 }]);
  });

  it("reports a malformed meeting or category in the form", () => {
    const form = new FormData();
    form.append("meetingId", "x");
    form.append("to-5", "9");
    form.append("from-5", "3");
    expect(readDecisionForm(form).errors).toEqual({ meetingId: { key: "decisions.meetingUnknown" }, "actions.5": { key: "decisions.categoryInvalid" } });
  });
});

describe("a correction of a decision", () => {
  const errorsOfEdit = (input: unknown) => {
    const r = decisionEditSchema.safeParse(input);
    return r.success ? {} : decisionErrors(r.error);
  };

  it("takes the new categories without `from`, which the store works out, and refuses one sent", () => {
    const edit = { decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", actions: [{ number: 5, to: 2 }] };
    expect(decisionEditSchema.parse(edit)).toEqual({ ...edit, meetingId: null, status: "taken", text: "" });
    expect(errorsOfEdit({ ...edit, actions: [{ number: 5, from: 3, to: 2 }] })).toEqual({ actions: { key: "edit.unknownField", params: { param: "from" } } });
    expect(errorsOfEdit({ ...edit, actions: [{ number: 5, to: 5 }] })).toEqual({ actions: { key: "decisions.categoryInvalid" } });
    expect(errorsOfEdit({ ...edit, status: "planned" })).toEqual({ actions: { key: "decisions.plannedNoChanges" } });
  });

  it("reads the form without the categories the page showed", () => {
    const form = new FormData();
    for (const [k, v] of [["decidedOn", "2014-06-30"], ["kind", "categories"], ["status", "taken"], ["title", "T"], ["from-5", "3"], ["to-5", "2"], ["action", "8"]]) form.append(k!, v!);
    expect((readDecisionForm(form, { withFrom: false }).input as { actions: unknown[] }).actions).toEqual([{ number: 5, to: 2 }, { number: 8 }]);
  });
});
