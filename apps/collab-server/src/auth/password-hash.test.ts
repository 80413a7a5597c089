import { describe, expect, it } from "vitest";
import { UNMATCHABLE_HASH, hashPassword, verifyPassword } from "./password-hash.js";

describe("password hashing", () => {
  it("stores a salted scrypt hash that verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain("correct horse");
    expect(a).not.toBe(b); // different salts
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("anything", UNMATCHABLE_HASH)).toBe(false);
  });

  it("refuses a stored hash it does not understand instead of guessing", async () => {
    await expect(verifyPassword("x", "md5$abc")).rejects.toThrow(/unknown format/);
  });
});
