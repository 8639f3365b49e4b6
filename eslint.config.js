import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // sdk/src/schema.d.ts is generated (npm run sdk:generate) and checked by the drift test instead.
  { ignores: ["dist/**", "data/**", "node_modules/**", "coverage/**", "sdk/src/schema.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    // Tests read JSON responses loosely; production code may not.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
