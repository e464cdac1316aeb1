import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The lint rule that keeps SQL in app/db/ (docs/decisions/0014): each snippet is linted as if it
// lived at the given path, with the project's own eslint.config.js. The snippets are not files the
// TypeScript project knows, so only the type-aware rules are switched off, as for *.js files.
const root = fileURLToPath(new URL("../..", import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
});

async function ruleMessages(code: string, filePath: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax" || m.fatal)
    .map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

const importsKysely = `import { sql } from "kysely";\nexport const now = sql\`now()\`;\n`;
const usesKyselyProperty = `import type { Db } from "../db/database";\nexport const count = (db: Db) => db.kysely.selectFrom("programme").selectAll().execute();\n`;

describe("data access lint rule", { timeout: 120_000 }, () => {
  it("refuses an import of kysely in app/lib/", async () => {
    const messages = await ruleMessages(importsKysely, "app/lib/lint-fixture.server.ts");
    expect(messages).toEqual([expect.objectContaining({ ruleId: "no-restricted-imports", message: expect.stringContaining("app/db/") as string })]);
  });

  it("refuses the .kysely property in a route", async () => {
    const messages = await ruleMessages(usesKyselyProperty, "app/routes/lint-fixture.tsx");
    expect(messages).toEqual([expect.objectContaining({ ruleId: "no-restricted-syntax", message: expect.stringContaining("app/db/") as string })]);
  });

  it("refuses an app/db/ module in a component", async () => {
    const code = `import type { Db } from "../db/database";\nexport type Handle = Db;\n`;
    const messages = await ruleMessages(code, "app/components/lint-fixture.tsx");
    expect(messages).toEqual([expect.objectContaining({ ruleId: "no-restricted-imports", message: expect.stringContaining("Components") as string })]);
  });

  it("allows Kysely inside app/db/ and in tests", async () => {
    expect(await ruleMessages(importsKysely, "app/db/lint-fixture.ts")).toEqual([]);
    expect(await ruleMessages(usesKyselyProperty.replace("../db/database", "../../app/db/database"), "tests/lint/lint-fixture.test.ts")).toEqual([]);
  });
});
