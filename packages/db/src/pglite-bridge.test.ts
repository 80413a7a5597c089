// PGlite on its own thread behaves to Prisma and to raw SQL as PGlite in-process did:
// errors keep their Prisma codes, transactions commit or roll back whole, and a closed
// database says so.
import { afterEach, describe, expect, it } from "vitest";
import { Prisma } from "./generated/prisma/client.js";
import { openDatabase, type Database } from "./open-database.js";
import { createScratchTarget, type ScratchTarget } from "./testing.js";

describe("PGlite on its own thread", () => {
  let scratch: ScratchTarget;
  let db: Database;

  afterEach(async () => {
    await db?.close();
    await scratch?.dispose();
  });

  it("keeps Prisma's error codes, commits and rolls back transactions whole, and refuses queries once closed", async () => {
    scratch = await createScratchTarget("pglite");
    db = await openDatabase(scratch.target);
    const user = (login: string) => ({ login, displayName: login, color: "#336699" });
    await db.prisma.user.create({ data: user("ada") });
    const duplicate = await db.prisma.user.create({ data: user("ada") }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.user.create({ data: user("grace") });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await db.prisma.$transaction([db.prisma.user.create({ data: user("edsger") }), db.prisma.user.create({ data: user("barbara") })]);
    // (The migrations made the local-mode user.)
    const logins = async () => (await db.prisma.user.findMany({ where: { login: { not: "local" } }, orderBy: { login: "asc" } })).map((u) => u.login);
    expect(await logins()).toEqual(["ada", "barbara", "edsger"]);

    // Raw SQL: a failed statement rolls back its transaction and keeps its SQLSTATE.
    const failed = await db.sql
      .transaction(async (tx) => {
        await tx.exec(`DELETE FROM "User"`);
        await tx.query(`SELECT no_such_column FROM "User"`);
      })
      .catch((error: unknown) => error as Error & { code?: string });
    expect(failed).toMatchObject({ code: "42703", message: expect.stringMatching(/no_such_column/) });
    expect(await logins()).toEqual(["ada", "barbara", "edsger"]);

    await db.close();
    await expect(db.sql.query("SELECT 1")).rejects.toThrow("the database is closed");
  });
});
