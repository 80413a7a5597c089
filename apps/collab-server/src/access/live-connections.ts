/** Closes one live connection, telling its browser why. */
export type Disconnect = (message: string) => void;

/**
 * Every open realtime connection (Yjs and socket.io) by room and user, so that
 * removing a member or revoking a link can close their sessions at once.
 */
export class LiveConnections {
  private readonly rooms = new Map<string, Map<string, Set<Disconnect>>>();

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

  /** Closes every connection to the room, whoever holds it; returns how many closed. */
  disconnectRoom(roomId: string, message: string): number {
    return this.disconnect(roomId, [...(this.rooms.get(roomId)?.keys() ?? [])], message);
  }

  /** Closes every connection of these users in the room; returns how many closed. */
  disconnect(roomId: string, userIds: readonly string[], message: string): number {
    let closed = 0;
    for (const userId of userIds) {
      for (const close of [...(this.rooms.get(roomId)?.get(userId) ?? [])]) {
        close(message);
        closed++;
      }
    }
    return closed;
  }
}
