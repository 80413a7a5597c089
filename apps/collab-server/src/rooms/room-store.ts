import type { PrismaClient, RoleRecord, RoomRecord } from "@umbra/db";
import { DEFAULT_MODEL, type Role, type Room } from "@umbra/protocol";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

function toRoom(record: RoomRecord, role: RoleRecord): Room {
  return { id: record.id, name: record.name, model: record.model, createdAt: record.createdAt.toISOString(), role };
}

/** Rooms as their members see them, over Prisma. A room is visible only to its members. */
export class RoomStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates a room whose creator is its owner. */
  async create(ownerId: string, name: string, model = DEFAULT_MODEL): Promise<Room> {
    const record = await this.prisma.room.create({ data: { name, model, members: { create: { userId: ownerId, role: "owner" } } } });
    return toRoom(record, "owner");
  }

  async listFor(userId: string): Promise<Room[]> {
    const memberships = await this.prisma.member.findMany({
      where: { userId },
      include: { room: true },
      orderBy: { room: { createdAt: "desc" } },
      take: 500,
    });
    return memberships.map((m) => toRoom(m.room, m.role));
  }

  /** The room with the user's role, or null when it does not exist or the user is not a member. */
  async getFor(roomId: string, userId: string): Promise<Room | null> {
    if (!isUuid(roomId)) return null;
    const membership = await this.prisma.member.findUnique({ where: { roomId_userId: { roomId, userId } }, include: { room: true } });
    return membership ? toRoom(membership.room, membership.role) : null;
  }

  /** Renames a room; its members see the new name. */
  async rename(roomId: string, name: string, role: RoleRecord): Promise<Room> {
    return toRoom(await this.prisma.room.update({ where: { id: roomId }, data: { name } }), role);
  }

  /** Deletes a room with everything in it: members, links and the stored document go with it (ON DELETE CASCADE). */
  async delete(roomId: string): Promise<void> {
    await this.prisma.room.delete({ where: { id: roomId } });
  }

  /** The user's current role in the room, or null for no membership. */
  async roleOf(roomId: string, userId: string): Promise<Role | null> {
    if (!isUuid(roomId)) return null;
    const membership = await this.prisma.member.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { role: true } });
    return membership?.role ?? null;
  }
}
