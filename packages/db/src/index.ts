export { openDatabase, type Database } from "./open-database.js";
export { resolveDatabaseTarget, describeTarget, type DatabaseTarget } from "./database-target.js";
export { migrate, readMigrations, MigrationError, DEFAULT_MIGRATIONS_DIR, type Migration, type MigrationReport } from "./migrate.js";
export type { SqlConnection } from "./sql-connection.js";
export { PrismaClient, Prisma } from "./generated/prisma/client.js";
export type {
  Room as RoomRecord,
  User as UserRecord,
  Member as MemberRecord,
  ShareLink as ShareLinkRecord,
  Role as RoleRecord,
} from "./generated/prisma/client.js";
