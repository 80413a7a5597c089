import { randomBytes } from "node:crypto";
import type { PrismaClient, ShareLinkRecord, UserRecord } from "@umbra/db";
import { roleAtLeast, type CreateLinkBody, type InviteRole, type LinkStatus, type Member, type Role, type ShareLink } from "@umbra/protocol";
import { tokenHash, toUser } from "../auth/account-store.js";
import { isUuid } from "../rooms/room-store.js";

export function linkStatus(link: Pick<ShareLinkRecord, "revokedAt" | "expiresAt" | "maxUses" | "uses">, now = Date.now()): LinkStatus {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now) return "expired";
  if (link.maxUses !== null && link.uses >= link.maxUses) return "used-up";
  return "active";
}

function toShareLink(link: ShareLinkRecord & { members: { user: UserRecord }[] }): ShareLink {
  return {
    id: link.id,
    role: link.role,
    status: linkStatus(link),
    expiresAt: link.expiresAt?.toISOString() ?? null,
    maxUses: link.maxUses,
    uses: link.uses,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
    joined: link.members.map((m) => toUser(m.user)),
  };
}

export type InviteOutcome =
  | { ok: true; roomId: string; role: Role }
  | { ok: false; status: Exclude<LinkStatus, "active"> | "unknown" };

const withJoined = { members: { include: { user: true } } } as const;

/** Members of rooms and the share links that let people in. */
export class AccessStore {
  constructor(private readonly prisma: PrismaClient) {}

  async members(roomId: string): Promise<Member[]> {
    const rows = await this.prisma.member.findMany({ where: { roomId }, include: { user: true }, orderBy: { createdAt: "asc" } });
    return rows.map((m) => ({ user: toUser(m.user), role: m.role, linkId: m.linkId, joinedAt: m.createdAt.toISOString() }));
  }

  /** Removes a member; false when they were not one. The owner cannot be removed. */
  async removeMember(roomId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { count } = await this.prisma.member.deleteMany({ where: { roomId, userId, role: { not: "owner" } } });
    return count > 0;
  }

  /** Gives a member another role; false when there is no such member, or it is the owner. */
  async setRole(roomId: string, userId: string, role: InviteRole): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { count } = await this.prisma.member.updateMany({ where: { roomId, userId, role: { not: "owner" } }, data: { role } });
    return count > 0;
  }

  async createLink(roomId: string, createdById: string, body: CreateLinkBody): Promise<{ link: ShareLink; secret: string }> {
    const secret = randomBytes(24).toString("base64url");
    const record = await this.prisma.shareLink.create({
      data: {
        roomId,
        createdById,
        role: body.role,
        tokenHash: tokenHash(secret),
        expiresAt: body.expiresInHours === undefined ? null : new Date(Date.now() + body.expiresInHours * 3600 * 1000),
        maxUses: body.maxUses ?? null,
      },
      include: withJoined,
    });
    return { link: toShareLink(record), secret };
  }

  async links(roomId: string): Promise<ShareLink[]> {
    const rows = await this.prisma.shareLink.findMany({ where: { roomId }, include: withJoined, orderBy: { createdAt: "desc" } });
    return rows.map(toShareLink);
  }

  /**
   * Revokes a link and removes the members who joined through it.
   * Returns the link and the removed user ids, or null for no such link in the room.
   */
  async revokeLink(roomId: string, linkId: string): Promise<{ link: ShareLink; removed: string[] } | null> {
    if (!isUuid(linkId)) return null;
    return this.prisma.$transaction(async (tx) => {
      const existing = await tx.shareLink.findFirst({ where: { id: linkId, roomId } });
      if (!existing) return null;
      if (!existing.revokedAt) await tx.shareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
      const joined = await tx.member.findMany({ where: { linkId, roomId, role: { not: "owner" } }, select: { userId: true } });
      await tx.member.deleteMany({ where: { linkId, roomId, role: { not: "owner" } } });
      const link = await tx.shareLink.findUniqueOrThrow({ where: { id: linkId }, include: withJoined });
      return { link: toShareLink(link), removed: joined.map((m) => m.userId) };
    });
  }

  /** What a link offers, without using it; null when the secret matches no link. */
  async preview(secret: string): Promise<{ roomId: string; roomName: string; role: Role; status: LinkStatus } | null> {
    const link = await this.prisma.shareLink.findUnique({ where: { tokenHash: tokenHash(secret) }, include: { room: true } });
    return link ? { roomId: link.roomId, roomName: link.room.name, role: link.role, status: linkStatus(link) } : null;
  }

  /**
   * Joins the user to the link's room with the link's role. Someone already in the
   * room with that role or a higher one keeps it, and the link's use is not spent.
   */
  async acceptInvite(secret: string, userId: string): Promise<InviteOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const link = await tx.shareLink.findUnique({ where: { tokenHash: tokenHash(secret) } });
      if (!link) return { ok: false, status: "unknown" } as const;
      const status = linkStatus(link);
      if (status !== "active") return { ok: false, status } as const;
      const existing = await tx.member.findUnique({ where: { roomId_userId: { roomId: link.roomId, userId } } });
      if (existing && roleAtLeast(existing.role, link.role)) return { ok: true, roomId: link.roomId, role: existing.role } as const;
      // Claim one use atomically: two people racing for the last use cannot both get in.
      const claimed = await tx.shareLink.updateMany({
        where: { id: link.id, revokedAt: null, ...(link.maxUses === null ? {} : { uses: { lt: link.maxUses } }) },
        data: { uses: { increment: 1 } },
      });
      if (claimed.count === 0) return { ok: false, status: "used-up" } as const;
      await tx.member.upsert({
        where: { roomId_userId: { roomId: link.roomId, userId } },
        create: { roomId: link.roomId, userId, role: link.role, linkId: link.id },
        update: { role: link.role, linkId: link.id },
      });
      return { ok: true, roomId: link.roomId, role: link.role } as const;
    });
  }
}
