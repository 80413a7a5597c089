import type { Role } from "@umbra/protocol";

/** One live connection, as the access rules reach it. */
export interface LiveSession {
  /** Closes it, telling its browser why. */
  revoke(message: string): void;
  /** Its user's role in the room changed: it acts on the new role from now on, and tells its browser. */
  roleChanged(role: Role, message: string): void;
}

/**
 * What happened to some people's access: in a room, taken away (some users', or
 * everyone's when the room is deleted) or one user's role changed; or one user's
 * sessions ended everywhere (their password was reset).
 */
export type AccessChange =
  | { kind: "revoke"; roomId: string; userIds: string[] | "everyone"; message: string }
  | { kind: "role"; roomId: string; userId: string; role: Role; message: string }
  | { kind: "signout"; userId: string; message: string };

/**
 * Every open realtime connection (Yjs and socket.io) by room and user, so that
 * removing a member, revoking a link or changing a role reaches their sessions at once.
 */
export class LiveConnections {
  private readonly rooms = new Map<string, Map<string, Set<LiveSession>>>();
  /** Hears each change made on this server, so other servers apply it to their connections too (REDIS_URL). */
  onChange: ((change: AccessChange) => void) | null = null;

  /** Registers a connection; call the returned function when it closes. */
  add(roomId: string, userId: string, session: LiveSession): () => void {
    const users = this.rooms.get(roomId) ?? new Map<string, Set<LiveSession>>();
    this.rooms.set(roomId, users);
    const connections = users.get(userId) ?? new Set<LiveSession>();
    users.set(userId, connections);
    connections.add(session);
    return () => {
      connections.delete(session);
      if (connections.size === 0) users.delete(userId);
      if (users.size === 0) this.rooms.delete(roomId);
    };
  }

  /** Closes every connection to the room, whoever holds it; returns how many closed here. */
  disconnectRoom(roomId: string, message: string): number {
    return this.change({ kind: "revoke", roomId, userIds: "everyone", message });
  }

  /** Closes every connection of these users in the room; returns how many closed here. */
  disconnect(roomId: string, userIds: readonly string[], message: string): number {
    return this.change({ kind: "revoke", roomId, userIds: [...userIds], message });
  }

  /** Moves every connection of the user in the room to its new role; returns how many here. */
  changeRole(roomId: string, userId: string, role: Role, message: string): number {
    return this.change({ kind: "role", roomId, userId, role, message });
  }

  /** Closes every connection of the user, in every room; returns how many closed here. */
  disconnectUser(userId: string, message: string): number {
    return this.change({ kind: "signout", userId, message });
  }

  /** A change made here or on another server, applied to the connections held here; returns how many it reached. */
  apply(change: AccessChange): number {
    if (change.kind === "signout") {
      let closed = 0;
      for (const users of [...this.rooms.values()]) {
        for (const session of [...(users.get(change.userId) ?? [])]) {
          session.revoke(change.message);
          closed++;
        }
      }
      return closed;
    }
    const users = this.rooms.get(change.roomId);
    const userIds = change.kind === "role" ? [change.userId] : change.userIds === "everyone" ? [...(users?.keys() ?? [])] : change.userIds;
    let reached = 0;
    for (const userId of userIds) {
      for (const session of [...(users?.get(userId) ?? [])]) {
        if (change.kind === "role") session.roleChanged(change.role, change.message);
        else session.revoke(change.message);
        reached++;
      }
    }
    return reached;
  }

  private change(change: AccessChange): number {
    const reached = this.apply(change);
    this.onChange?.(change);
    return reached;
  }
}
