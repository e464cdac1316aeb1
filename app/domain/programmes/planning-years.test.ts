import { describe, expect, it } from "vitest";
import { planningYears } from "./planning-years";

const PERIOD = { start: 2013, end: 2015 };
const ALL = [2013, 2014, 2015];

describe("planningYears", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["2015", [2015]],
    ["Eind 2013", [2013]],
    ["Najaar 2013", [2013]],
    ["Najaar 2013; 1e opzet in PvA", [2013]],
    ["Afgerond eerste kwartaal 2014", [2014]],
    ["Business case uitgewerkt: 2e kwartaal 2014", [2014]],
    ["2014-2015", [2014, 2015]],
    ["2013-2014", [2013, 2014]],
    ["2013-14", [2013, 2014]],
    ["2014-15", [2014, 2015]],
    ["2013 tot 2015", ALL],
    ["2013 t/m 2015", ALL],
    ["2013 – 2015", ALL],
    ["schooljaar 2015/2016", [2015, 2016]],
    ["vanaf 2014", [2014, 2015]],
    ["Vanaf 2014", [2014, 2015]],
    ["Vanaf najaar 2013", ALL],
    ["Start 4e kwartaal 2013", ALL],
    ["Start najaar 2013", ALL],
    ["Plan: 2013 Uitvoering: vanaf 2014", ALL],
    ["Plan van aanpak gereed op 1 januari 2014 Uitvoering: 2014-2015", [2014, 2015]],
    ["Onderzoek gereed: 1e kwartaal 2014 Start Matchmaking: vanaf tweede kwartaal 2014", [2014, 2015]],
    ["Kickoff 4 november 2013\nUitvoering 2014-2015", ALL],
    ["Onderzoeksopzet: 1e kwartaal 2014\nOnderzoek gereed: 2e kwartaal 2014", [2014]],
    [
      "Uitvoeringsprogramma korte termijn (2014): december 2013. Lange termijn visie en strategie op de biobased economy: gereed zomer 2014.",
      [2013, 2014],
    ],
    ["Continu", ALL],
    ["Lopende trajecten", ALL],
    ["Jaarlijks, laatste kwartaal van het jaar", ALL],
    ["Nulmeting najaar 2013 Monitoring jaarlijks, laatste kwartaal van het jaar", ALL],
    ["Aanjagersol t/m begin 2014\nDaarna structureel", ALL],
    ["t/m begin 2014", [2013, 2014]],
    ["2016", [2016]],
    ["Vanaf 2016", [2016]],
  ] as [string, number[]][])("%j → %j", (text, years) => {
    expect(planningYears(text, PERIOD)).toEqual(years);
  });

  it("ignores numbers that are not years", () => {
    expect(planningYears("2 x per jaar, 12 bijeenkomsten", PERIOD)).toEqual([]);
    expect(planningYears("Kickoff 4 november 2013, budget 3500 euro", PERIOD)).toEqual([2013]);
  });

  it("returns sorted, unique years", () => {
    expect(planningYears("2015, 2013 en opnieuw 2015", PERIOD)).toEqual([2013, 2015]);
  });

  it("uses the period it is given", () => {
    expect(planningYears("Continu", { start: 2016, end: 2019 })).toEqual([2016, 2017, 2018, 2019]);
    expect(planningYears("vanaf 2017", { start: 2016, end: 2019 })).toEqual([2017, 2018, 2019]);
  });
});
