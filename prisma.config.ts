// Prisma CLI configuration. Umbra applies prisma/migrations/ itself at start-up
// (packages/db); this file lets `prisma generate` and, on machines that have the
// schema engine, `prisma migrate deploy` find the schema and migrations.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/umbra" },
});
