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

  it("writes and reads bytea exactly, through Prisma, its transactions and raw SQL, at every size", async () => {
    scratch = await createScratchTarget("pglite");
    db = await openDatabase(scratch.target);
    const room = await db.prisma.room.create({ data: { name: "bytes", model: "builtin/cppn-v1" } });
    // Empty, one byte, either side of Node's Buffer pool (4 KB), and a version's size.
    const sizes = [0, 1, 255, 4095, 4097, 70_000];
    const written = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) % 256));
    await db.prisma.yjsUpdate.createMany({ data: written.map((update) => ({ roomId: room.id, update })) });
    const read = await db.prisma.yjsUpdate.findMany({ where: { roomId: room.id }, orderBy: { id: "asc" }, select: { update: true } });
    expect(read.map((r) => [...r.update])).toEqual(written.map((w) => [...w]));
    // Each value has a buffer of its own, never a shared pool's.
    expect(read.map((r) => r.update.buffer.byteLength)).toEqual(sizes);
    const inTransaction = await db.prisma.$transaction(async (tx) => tx.yjsUpdate.findMany({ where: { roomId: room.id }, orderBy: { id: "asc" }, select: { update: true } }));
    expect(inTransaction.map((r) => r.update.byteLength)).toEqual(sizes);
    const [raw] = await db.sql.query<{ update: Uint8Array }>(`SELECT "update" FROM "YjsUpdate" WHERE "roomId" = $1 ORDER BY id DESC LIMIT 1`, [room.id]);
    expect([...raw!.update]).toEqual([...written.at(-1)!]);
  });
});
