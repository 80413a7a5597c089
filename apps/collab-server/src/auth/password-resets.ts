import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@umbra/db";
import type { CreatedPasswordReset, PasswordResetPreview, User } from "@umbra/protocol";
import { tokenHash, toUser } from "./account-store.js";
import { hashPassword } from "./password-hash.js";

/** How long a reset link works: long enough to hand on by chat, short enough to go stale. */
export const RESET_LINK_MS = 24 * 3600 * 1000;

type ResetRow = { usedAt: Date | null; expiresAt: Date };
const statusOf = (row: ResetRow): PasswordResetPreview["status"] => (row.usedAt ? "used" : row.expiresAt.getTime() <= Date.now() ? "expired" : "active");

/**
 * Password resets without email: an admin makes a one-time link for an account and
 * hands it on; whoever opens it sets a new password, once, and every session of the
 * account ends. Only a hash of each link is stored, and a new link replaces older
 * unused ones.
 */
export class PasswordResets {
  constructor(private readonly prisma: PrismaClient) {}

  /** A new link for the account named `login`, or null when there is none. */
  async create(login: string, adminId: string): Promise<CreatedPasswordReset | null> {
    const user = await this.prisma.user.findUnique({ where: { login } });
    if (!user) return null;
    const secret = randomBytes(24).toString("base64url");
    const expiresAt = new Date(Date.now() + RESET_LINK_MS);
    await this.prisma.$transaction([
      this.prisma.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } }),
      this.prisma.passwordReset.create({ data: { tokenHash: tokenHash(secret), userId: user.id, createdById: adminId, expiresAt } }),
    ]);
    return { secret, login: user.login, expiresAt: expiresAt.toISOString() };
  }

  /** Whose link it is and whether it still works; null for a link that never existed. */
  async preview(secret: string): Promise<PasswordResetPreview | null> {
    const row = await this.prisma.passwordReset.findUnique({ where: { tokenHash: tokenHash(secret) }, include: { user: true } });
    return row ? { login: row.user.login, displayName: row.user.displayName, status: statusOf(row) } : null;
  }

  /**
   * Sets the new password through the link, once: the link is spent and every session
   * of the account ends, in one transaction. The reason when the link does not work.
   */
  async use(secret: string, password: string): Promise<{ ok: true; user: User } | { ok: false; status: "unknown" | "used" | "expired" }> {
    const hash = tokenHash(secret);
    // The link is checked before the (deliberately slow) hash, so a guessed or spent link costs the server nothing.
    const row = await this.prisma.passwordReset.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    if (!row) return { ok: false, status: "unknown" };
    const status = statusOf(row);
    if (status !== "active") return { ok: false, status };
    const passwordHash = await hashPassword(password);
    return this.prisma.$transaction(async (tx) => {
      // Spent only if nobody spent it since it was read (two people racing on one link: one wins) and it is still in time.
      const spent = await tx.passwordReset.updateMany({ where: { tokenHash: hash, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
      if (spent.count === 0) return { ok: false, status: "used" } as const;
      await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
      await tx.session.deleteMany({ where: { userId: row.userId } });
      return { ok: true, user: toUser(row.user) } as const;
    });
  }
}
