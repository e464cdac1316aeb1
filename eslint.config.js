import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const dataAccessOnlyInDb = {
  group: ["kysely", "kysely/*"],
  message: "Kysely is used only in app/db/: add a method to the aggregate's repository there.",
};
const kyselyOutsideDb = [
  {
    selector: "MemberExpression[property.name='kysely']",
    message: "The Kysely instance is used only in app/db/: add a method to the aggregate's repository there.",
  },
];

export default tseslint.config(
  { ignores: ["build/", "build-*/", ".cache/", ".tmp-*/", "**/*.tmp.mjs", "bench/results/", "node_modules/", ".react-router/", "var/", "test-results/", "playwright-report/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "bin/*.js", "scripts/*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  // Data access has one rule: SQL lives in app/db/ (one repository per aggregate), and nothing else
  // reaches for Kysely. Tests and the benchmark's data generator may inspect the database directly.
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.js"],
    ignores: ["app/db/**", "tests/**", "**/*.test.ts", "bench/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [dataAccessOnlyInDb] }],
      "no-restricted-syntax": ["error", ...kyselyOutsideDb],
    },
  },
  // Components show what routes hand them; they take domain types, never app/db modules.
  {
    files: ["app/components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [dataAccessOnlyInDb, { group: ["**/db/*", "~/db/*"], message: "Components take domain types; they do not import app/db/ modules." }] }],
    },
  },
);
