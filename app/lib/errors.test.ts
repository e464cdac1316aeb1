import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueMessage, message, translateFieldErrors, zodFieldErrors } from "./errors";
import { translator } from "./i18n/catalogue.server";

describe("field errors from a Zod failure", () => {
  const schema = z
    .object({
      title: z.string().trim().min(1, { message: "edit.required" }).max(5, { message: "edit.tooLong" }),
      notes: z.array(z.string()).max(1, { message: "edit.tooMany" }),
      count: z.number({ message: "other.key" }),
    })
    .strict();

  it("keeps the first issue per field, with a text's or list's limit as parameter", () => {
    const result = schema.safeParse({ title: "zes tekens", notes: ["a", "b"], count: 1 });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      title: { key: "edit.tooLong", params: { param: 5 } },
      notes: { key: "edit.tooMany", params: { param: 1 } },
    });
  });

  it("names unknown fields, and replaces keys it does not accept by the fallback", () => {
    const result = schema.safeParse({ title: "", notes: [], count: "x", colour: "groen" });
    expect(zodFieldErrors(result.error!)).toEqual({
      title: { key: "edit.required" },
      count: { key: "edit.invalid" },
      form: { key: "edit.unknownField", params: { param: "colour" } },
    });
    expect(zodFieldErrors(result.error!, { accept: /^other\./, fallback: (field) => `filter.${field}`, root: "query" })).toEqual({
      title: { key: "filter.title" },
      count: { key: "other.key" },
      query: { key: "edit.unknownField", params: { param: "colour" } },
    });
  });

  it("carries a custom issue's parameters", () => {
    const custom = z.string().superRefine((_, ctx) => ctx.addIssue({ code: "custom", message: "decisions.sameCategory", params: { param: 5 } }));
    const result = z.object({ a: custom }).safeParse({ a: "x" });
    expect(zodFieldErrors(result.error!, { accept: /^decisions\./ })).toEqual({ a: { key: "decisions.sameCategory", params: { param: 5 } } });
  });
});

describe("messages of the stores", () => {
  it("carry their parameters beside the key, as the text of a Zod issue does", () => {
    const result = z.object({ name: z.string().max(3, { message: "contacts.nameTooLong" }) }).safeParse({ name: "abcd" });
    expect(issueMessage(result.error!.issues[0]!)).toEqual(message("contacts.nameTooLong", { param: 3 }));
  });
});

describe("translating field errors", () => {
  it("writes the parameters into the sentence, in the asker's language", () => {
    const errors = { title: message("edit.tooLong", { param: 500 }) };
    expect(translateFieldErrors(translator("nl"), errors).title).toContain("500");
    expect(translateFieldErrors(translator("en"), errors).title).toContain("500");
    expect(translateFieldErrors(translator("nl"), errors).title).not.toEqual(translateFieldErrors(translator("en"), errors).title);
  });

  it("formats parameters when asked (decisions write dates in words)", () => {
    const errors = { x: message("edit.tooLong", { param: 7 }) };
    expect(translateFieldErrors(translator("nl"), errors, { format: (v) => `#${v}` }).x).toContain("#7");
  });
});
