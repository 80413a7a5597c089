/** Closes one live connection, telling its browser why. */
export type Disconnect = (message: string) => void;

/** Connections to close: some users' in a room, or everyone's when the room is deleted. */
export interface Revocation {
  roomId: string;
  userIds: string[] | "everyone";
  message: string;
}

/**
 * Every open realtime connection (Yjs and socket.io) by room and user, so that
 * removing a member or revoking a link can close their sessions at once.
 */
export class LiveConnections {
  private readonly rooms = new Map<string, Map<string, Set<Disconnect>>>();
  /** Hears each revocation made on this server, so other servers close their connections too (REDIS_URL). */
  onRevoked: ((revocation: Revocation) => void) | null = null;

  /** Registers a connection; call the returned function when it closes. */
  add(roomId: string, userId: string, disconnect: Disconnect): () => void {
    const users = this.rooms.get(roomId) ?? new Map<string, Set<Disconnect>>();
    this.rooms.set(roomId, users);
    const connections = users.get(userId) ?? new Set<Disconnect>();
    users.set(userId, connections);
    connections.add(disconnect);
    return () => {
      connections.delete(disconnect);
      if (connections.size === 0) users.delete(userId);
      if (users.size === 0) this.rooms.delete(roomId);
    };
  }

  /** Closes every connection to the room, whoever holds it; returns how many closed here. */
  disconnectRoom(roomId: string, message: string): number {
    return this.revoke({ roomId, userIds: "everyone", message });
  }

  /** Closes every connection of these users in the room; returns how many closed here. */
  disconnect(roomId: string, userIds: readonly string[], message: string): number {
    return this.revoke({ roomId, userIds: [...userIds], message });
  }

  /** A revocation made on another server: closes the connections held here. */
  apply(revocation: Revocation): number {
    const { roomId, message } = revocation;
    const userIds = revocation.userIds === "everyone" ? [...(this.rooms.get(roomId)?.keys() ?? [])] : revocation.userIds;
    let closed = 0;
    for (const userId of userIds) {
      for (const close of [...(this.rooms.get(roomId)?.get(userId) ?? [])]) {
        close(message);
        closed++;
      }
    }
    return closed;
  }

  private revoke(revocation: Revocation): number {
    const closed = this.apply(revocation);
    this.onRevoked?.(revocation);
    return closed;
  }
}
