import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Prisma } from "./generated/prisma/client.js";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "./migrate.js";
import { openDatabase, type Database } from "./open-database.js";
import { createScratchTarget, emptyPGliteTarget, scratchKinds, type ScratchTarget } from "./testing.js";

describe.each(scratchKinds())("database on %s", (kind) => {
  let scratch: ScratchTarget;
  let db: Database | undefined;

  afterEach(async () => {
    await db?.close();
    db = undefined;
    await scratch?.dispose();
  });

  it("migrates a fresh database, then finds nothing pending", async () => {
    scratch = await createScratchTarget(kind);
    db = await openDatabase(scratch.target);
    const all = (await readMigrations()).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(db.migrations.applied).toEqual(all);
    await db.close();
    db = await openDatabase(scratch.target);
    expect(db.migrations.applied).toEqual([]);
    expect(db.migrations.alreadyApplied).toEqual(all);
  });

  it("records migrations in _prisma_migrations as Prisma does: SHA-256 checksum, finished, one step", async () => {
    scratch = await createScratchTarget(kind);
    db = await openDatabase(scratch.target);
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = await readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("agrees with schema.prisma: every client field is queryable, every table column is known", async () => {
    scratch = await createScratchTarget(kind);
    db = await openDatabase(scratch.target);
    const prisma = db.prisma as unknown as Record<string, { findFirst(args: unknown): Promise<unknown> }>;
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
      const delegate = prisma[model.charAt(0).toLowerCase() + model.slice(1)]!;
      // Selecting every scalar field fails if a table or column is missing or mistyped.
      await delegate.findFirst({ select: Object.fromEntries(fields.map((f) => [f, true])) });
      const columns = await db.sql.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [model],
      );
      expect(columns.map((c) => c.column_name).sort(), `columns of table ${model}`).toEqual([...fields].sort());
    }
    const tables = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual([...models, "_prisma_migrations"].sort());
  });

  it("keeps rows across close and reopen", async () => {
    scratch = await createScratchTarget(kind);
    db = await openDatabase(scratch.target);
    const room = await db.prisma.room.create({ data: { name: "Kept", model: "builtin/cppn" } });
    await db.close();
    db = await openDatabase(scratch.target);
    expect(await db.prisma.room.findUnique({ where: { id: room.id } })).toMatchObject({ name: "Kept", model: "builtin/cppn" });
  });

  it("rolls a failing migration back whole and says which one failed", async () => {
    scratch = await createScratchTarget(kind);
    const dir = await mkdtemp(join(tmpdir(), "umbra-migrations-"));
    await mkdir(join(dir, "20260101000000_good"));
    await writeFile(join(dir, "20260101000000_good", "migration.sql"), `CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY);`);
    await mkdir(join(dir, "20260102000000_bad"));
    await writeFile(join(dir, "20260102000000_bad", "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "missing_table";`);
    await expect(openDatabase(scratch.target, { migrationsDir: dir })).rejects.toThrow(/20260102000000_bad failed and was rolled back: .*missing_table/);
    // The good migration stays applied; the bad one left neither table nor row.
    const probe = await openProbe(scratch);
    try {
      const names = await probe.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
      expect(names.map((n) => n.migration_name)).toEqual(["20260101000000_good"]);
      const half = await probe.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(half[0]!.n).toBe(0);
    } finally {
      await probe.close();
    }
  });
});

/** Opens the scratch database with an empty migrations folder: raw SQL access only. */
async function openProbe(scratch: ScratchTarget): Promise<Database> {
  const empty = await mkdtemp(join(tmpdir(), "umbra-no-migrations-"));
  return openDatabase(scratch.target, { migrationsDir: empty });
}

// A brand-new PGlite folder (a first `npm start`) is created and migrated by a
// short-lived process; the server reports the same, and a failing migration the same way.
describe("a new PGlite folder", () => {
  let scratch: ScratchTarget | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await scratch?.dispose();
  });

  // PGlite has no autovacuum: without this, its planner would go on taking every table for as small as when created.
  it("analyzes a table once enough of it has changed, as Postgres' autovacuum would, and leaves one barely changed alone", async () => {
    scratch = await emptyPGliteTarget();
    db = await openDatabase(scratch.target, { analyzeEveryMs: 100 });
    await db.sql.exec(`CREATE TABLE grown (n int); INSERT INTO grown SELECT generate_series(1, 5000); CREATE TABLE barely (n int); INSERT INTO barely VALUES (1)`);
    const analyzed = () => db!.sql.query<{ relname: string; last_analyze: Date | null }>(`SELECT relname, last_analyze FROM pg_stat_user_tables WHERE relname IN ('grown', 'barely') ORDER BY relname`);
    await vi.waitFor(async () => expect((await analyzed()).find((t) => t.relname === "grown")?.last_analyze).toBeInstanceOf(Date), { timeout: 30_000, interval: 100 });
    expect((await analyzed()).find((t) => t.relname === "barely")?.last_analyze).toBeNull();
    // The planner now knows the table's size.
    const [estimate] = await db.sql.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'grown'`);
    expect(estimate!.reltuples).toBe(5000);
  });

  it("is created with every migration applied, and reports them as applied on this open", async () => {
    scratch = await emptyPGliteTarget();
    const lines: string[] = [];
    db = await openDatabase(scratch.target, { log: (line) => lines.push(line) });
    const all = (await readMigrations()).map((m) => m.name);
    expect(db.migrations.applied).toEqual(all);
    expect(db.migrations.alreadyApplied).toEqual([]);
    expect(lines.some((line) => line.includes("creating the PGlite data folder"))).toBe(true);
    const rows = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    // The schema is usable through Prisma at once.
    expect(await db.prisma.room.count()).toBe(0);
  });

  it("says which migration failed, keeps the good ones, and leaves a folder the next start can open", async () => {
    scratch = await emptyPGliteTarget();
    const dir = await mkdtemp(join(tmpdir(), "umbra-migrations-"));
    await mkdir(join(dir, "20260101000000_good"));
    await writeFile(join(dir, "20260101000000_good", "migration.sql"), `CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY);`);
    await mkdir(join(dir, "20260102000000_bad"));
    await writeFile(join(dir, "20260102000000_bad", "migration.sql"), `SELECT * FROM "missing_table";`);
    await expect(openDatabase(scratch.target, { migrationsDir: dir })).rejects.toThrow(/20260102000000_bad failed and was rolled back: .*missing_table/);
    db = await openDatabase(scratch.target, { migrationsDir: await mkdtemp(join(tmpdir(), "umbra-no-migrations-")) });
    const names = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((n) => n.migration_name)).toEqual(["20260101000000_good"]);
  });
});
