import { describe, expect, it } from "vitest";
import { asksFor, composeWorkList, type WorkInput } from "./work-list";

const empty: WorkInput = {
  roles: new Set(),
  today: "2014-06-15",
  submittedPlans: [],
  openRounds: [],
  actions: [],
  overdue: [],
  plannedDecisions: [],
  meetings: [],
  troubleReports: [],
  myActions: [],
};

describe("the work list", () => {
  it("gives each role its own lists and nobody lists they may not see", () => {
    expect(composeWorkList(empty)).toEqual({ manager: null, steering: null, contact: null });
    const pm = composeWorkList({ ...empty, roles: new Set(["programme-manager"]) });
    expect(pm.manager).not.toBeNull();
    expect(pm.steering).toBeNull();
    const sg = composeWorkList({ ...empty, roles: new Set(["steering-group"]) });
    expect(sg.manager).toBeNull();
    expect(sg.steering).toEqual({ plansToDecide: [], plannedDecisions: [], nextMeeting: null });
    // An administrator sees the manager's lists, which hold the steering group's.
    const admin = composeWorkList({ ...empty, roles: new Set(["admin"]) });
    expect(admin.manager).not.toBeNull();
    expect(admin.steering).toBeNull();
    expect(composeWorkList({ ...empty, roles: new Set(["action-contact"]) }).contact).toEqual({ actions: [] });
  });

  it("finds actions without a contact, without a lead and category 3 without an owner, leaving dropped ones out", () => {
    const list = composeWorkList({
      ...empty,
      roles: new Set(["programme-manager"]),
      actions: [
        { number: 1, title: "Een", category: 1, contacts: 1, leads: 1, leadUnknown: false },
        { number: 2, title: "Twee", category: 3, contacts: 0, leads: 0, leadUnknown: false },
        { number: 3, title: "Drie", category: 3, contacts: 2, leads: 1, leadUnknown: true },
        { number: 4, title: "Vier", category: 4, contacts: 0, leads: 0, leadUnknown: true },
        { number: 5, title: "Vijf", category: null, contacts: 0, leads: 2, leadUnknown: false },
      ],
    }).manager!;
    expect(list.withoutContact.map((a) => a.number)).toEqual([2, 5]);
    expect(list.withoutLead.map((a) => a.number)).toEqual([2, 3]);
    expect(list.exploreWithoutOwner).toEqual([
      { number: 2, title: "Twee" },
      { number: 3, title: "Drie" },
    ]);
  });

  it("marks planned decisions past their date, and picks the next meeting from today on", () => {
    const input: WorkInput = {
      ...empty,
      roles: new Set(["steering-group"]),
      plannedDecisions: [
        { id: 2, decidedOn: "2014-09-01", title: "Later" },
        { id: 1, decidedOn: "2014-06-14", title: "Gisteren" },
        { id: 3, decidedOn: "2014-06-15", title: "Vandaag" },
      ],
      meetings: [
        { id: 7, heldOn: "2014-05-01", title: "Voorjaar" },
        { id: 9, heldOn: "2014-10-01", title: "Najaar" },
        { id: 8, heldOn: "2014-06-15", title: "Vandaag" },
      ],
    };
    const sg = composeWorkList(input).steering!;
    expect(sg.plannedDecisions.map((d) => [d.id, d.late])).toEqual([
      [1, true],
      [3, false],
      [2, false],
    ]);
    expect(sg.nextMeeting).toEqual({ id: 8, heldOn: "2014-06-15", title: "Vandaag" });
  });

  it("asks a contact to write, finish or revise a plan and to report when a round asked and it is not answered", () => {
    const request = { period: "2014-H1", dueOn: "2014-06-30", closesOn: "2014-07-15" };
    const base = { number: 26, title: "Werk-top", request: null };
    expect(asksFor({ ...base, planStatus: null }, "2014-06-15")).toEqual([{ kind: "write-plan" }]);
    expect(asksFor({ ...base, planStatus: "draft" }, "2014-06-15")).toEqual([{ kind: "finish-plan" }]);
    expect(asksFor({ ...base, planStatus: "returned" }, "2014-06-15")).toEqual([{ kind: "revise-plan" }]);
    expect(asksFor({ ...base, planStatus: "submitted" }, "2014-06-15")).toEqual([]);
    expect(asksFor({ ...base, planStatus: "approved", request }, "2014-06-15")).toEqual([
      { kind: "update", period: "2014-H1", dueOn: "2014-06-30", late: false },
    ]);
    expect(asksFor({ ...base, planStatus: "approved", request }, "2014-07-01")).toEqual([
      { kind: "update", period: "2014-H1", dueOn: "2014-06-30", late: true },
    ]);
  });
});
