import type { PrismaClient, RoomRecord } from "@umbra/db";
import type { Room } from "@umbra/protocol";

export const DEFAULT_MODEL = "builtin/cppn";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRoom(record: RoomRecord): Room {
  return { id: record.id, name: record.name, model: record.model, createdAt: record.createdAt.toISOString() };
}

/** Rooms as the API shows them, over Prisma. */
export class RoomStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(name: string, model = DEFAULT_MODEL): Promise<Room> {
    return toRoom(await this.prisma.room.create({ data: { name, model } }));
  }

  async list(): Promise<Room[]> {
    return (await this.prisma.room.findMany({ orderBy: { createdAt: "desc" }, take: 500 })).map(toRoom);
  }

  /** The room, or null for an unknown or malformed id. */
  async get(id: string): Promise<Room | null> {
    if (!UUID.test(id)) return null;
    const record = await this.prisma.room.findUnique({ where: { id } });
    return record ? toRoom(record) : null;
  }
}
