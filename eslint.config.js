// ESLint for the whole repository: typescript-eslint's recommended rules everywhere, and
// React's hook rules and Next's rules in the web app. It runs in `npm test`. A rule is
// turned off only at a line, with the reason beside it.
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/next-env.d.ts", "packages/db/src/generated/**", "test-results/**", ".umbra/**"],
  },
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // An underscore marks a parameter a signature needs and the body does not.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      // The rules of hooks and their dependencies; the React Compiler's newer rules in the
      // plugin's recommended set wait for the studio's room client, which moves state out of effects.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...nextPlugin.configs.recommended.rules,
    },
    settings: { next: { rootDir: "apps/web" } },
  },
);
