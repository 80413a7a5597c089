/** A same-site path to go to after signing in; anything else (//evil.example, https://…) goes home. */
export function safeNext(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}
