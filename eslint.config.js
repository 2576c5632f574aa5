import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "data", "src/generated", "coverage", "src/admin/static/*.min.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through src/config.ts." }],
    },
  },
  {
    files: ["src/config.ts", "prisma.config.ts", "test/**", "bench/**", "src/cli/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["src/admin/static/**/*.js"],
    languageOptions: { globals: { window: "readonly", document: "readonly", fetch: "readonly", DOMParser: "readonly", EventSource: "readonly" } },
  },
  {
    files: ["src/channel/zalo/simulator/web/**/*.js"],
    languageOptions: { globals: { window: "readonly", document: "readonly", fetch: "readonly", setTimeout: "readonly", localStorage: "readonly" } },
  },
);
