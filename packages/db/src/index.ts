export { openDatabase, type Database } from "./open-database.js";
export { resolveDatabaseTarget, describeTarget, type DatabaseTarget } from "./database-target.js";
export { migrate, readMigrations, MigrationError, DEFAULT_MIGRATIONS_DIR, type Migration, type MigrationReport } from "./migrate.js";
export type { SqlConnection } from "./sql-connection.js";
export { PrismaClient, Prisma } from "./generated/prisma/client.js";
export type { Room as RoomRecord } from "./generated/prisma/client.js";
