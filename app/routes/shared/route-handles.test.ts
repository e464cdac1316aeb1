import { describe, expect, it } from "vitest";
import { publicPage, sendsClientScripts, visitorScripts } from "./route-handles";

describe("sendsClientScripts", () => {
  it("sends them to signed-in users on every page", () => {
    expect(sendsClientScripts(true, [undefined, publicPage])).toBe(true);
    expect(sendsClientScripts(true, [])).toBe(true);
  });

  it("sends them to visitors only where a matched route asks for them", () => {
    expect(sendsClientScripts(false, [undefined, publicPage])).toBe(false);
    expect(sendsClientScripts(false, [undefined, { ...publicPage, ...visitorScripts }])).toBe(true);
    expect(sendsClientScripts(false, [visitorScripts, undefined])).toBe(true);
    expect(sendsClientScripts(false, [{ visitorScripts: "yes" }])).toBe(false);
  });
});
