import { createHash, randomBytes } from "node:crypto";
import { Prisma, type PrismaClient, type UserRecord } from "@umbra/db";
import type { SignupBody, User } from "@umbra/protocol";
import { UNMATCHABLE_HASH, hashPassword, verifyPassword } from "./password-hash.js";

/** The user every caller is in UMBRA_OPEN=1 mode; created by the identity migration. */
export const LOCAL_USER_ID = "00000000-0000-4000-8000-000000000001";

const SESSION_MS = 30 * 24 * 3600 * 1000;

/** Presence colours: distinct on the dark studio background, none of them the accent. */
const USER_COLORS = ["#f472b6", "#fb923c", "#facc15", "#4ade80", "#2dd4bf", "#38bdf8", "#818cf8", "#c084fc", "#f87171", "#a3e635"];

export function toUser(record: UserRecord): User {
  return { id: record.id, login: record.login, displayName: record.displayName, color: record.color };
}

/** Session tokens are kept only as their SHA-256: a leaked table signs nobody in. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function colorFor(login: string): string {
  return USER_COLORS[createHash("sha256").update(login).digest()[0]! % USER_COLORS.length]!;
}

/** Accounts and their sessions. */
export class AccountStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** The new user, or "taken" when the name is already someone's. */
  async signup(body: SignupBody): Promise<User | "taken"> {
    const passwordHash = await hashPassword(body.password);
    try {
      const record = await this.prisma.user.create({
        data: { login: body.login, displayName: body.displayName ?? body.login, color: colorFor(body.login), passwordHash },
      });
      return toUser(record);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "taken";
      throw error;
    }
  }

  /** The user when name and password match, else null. Unknown names cost the same time as wrong passwords. */
  async checkPassword(login: string, password: string): Promise<User | null> {
    const record = await this.prisma.user.findUnique({ where: { login } });
    const matches = await verifyPassword(password, record?.passwordHash ?? UNMATCHABLE_HASH);
    return record?.passwordHash && matches ? toUser(record) : null;
  }

  async createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + SESSION_MS);
    await this.prisma.session.create({ data: { tokenHash: tokenHash(token), userId, expiresAt } });
    return { token, expiresAt };
  }

  async userForSession(token: string): Promise<User | null> {
    const session = await this.prisma.session.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
    if (!session) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.prisma.session.deleteMany({ where: { tokenHash: session.tokenHash } });
      return null;
    }
    return toUser(session.user);
  }

  /**
   * A signed-in person's new password, when `current` is theirs: every other session of
   * the account ends (a stolen one with it); `keep` is the one they changed it from.
   */
  async changePassword(userId: string, current: string, password: string, keep: string | undefined): Promise<boolean> {
    const record = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!record?.passwordHash || !(await verifyPassword(current, record.passwordHash))) return false;
    const passwordHash = await hashPassword(password);
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
      this.prisma.session.deleteMany({ where: { userId, ...(keep ? { tokenHash: { not: tokenHash(keep) } } : {}) } }),
    ]);
    return true;
  }

  async endSession(token: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { tokenHash: tokenHash(token) } });
  }

  async localUser(): Promise<User> {
    return toUser(await this.prisma.user.findUniqueOrThrow({ where: { id: LOCAL_USER_ID } }));
  }
}
