"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  EVENTS,
  NAMESPACES,
  frameFailedSchema,
  frameReadySchema,
  sessionRevokedSchema,
  workersStatusSchema,
  type BackendInfoWire,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type WorkerSummary,
} from "@umbra/protocol";
import type { FrameRecipe } from "@umbra/latent";
import { fetchRealtimeToken } from "./realtime-token";

export type ConnectionState = "connecting" | "connected" | "offline";

export interface ShownFrame {
  url: string;
  hash: string;
  recipe: FrameRecipe;
  width: number;
  height: number;
  renderMs: number;
  backend: BackendInfoWire;
}

/** Frames this small are keyframe thumbnails: kept by hash, never shown as the room's preview. */
export const THUMBNAIL_SIZE = 64;
/** Thumbnails kept in memory per room. */
const MAX_THUMBNAILS = 300;

export interface RoomFrames {
  connection: ConnectionState;
  joined: boolean;
  workers: WorkerSummary[];
  /** The room's preview: the last full-size frame anyone asked for. */
  frame: ShownFrame | null;
  /** Thumbnail object URLs by recipe hash, from anyone's requests. */
  thumbnails: ReadonlyMap<string, string>;
  /** Hash of a frame this client asked for that has not arrived yet. */
  pendingHash: string | null;
  error: string | null;
  request(recipe: FrameRecipe): void;
}

/**
 * Joins a room over socket.io with a realtime token and shows the frames everyone
 * in it receives. `onAccessLost` hears when the server revokes this session.
 */
export function useRoomFrames(collabUrl: string | null, roomId: string, onAccessLost: (message: string) => void): RoomFrames {
  const socketRef = useRef<Socket<RoomServerToClientEvents, RoomClientToServerEvents> | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [joined, setJoined] = useState(false);
  const [workers, setWorkers] = useState<WorkerSummary[]>([]);
  const [frame, setFrame] = useState<ShownFrame | null>(null);
  const [thumbnails, setThumbnails] = useState<ReadonlyMap<string, string>>(new Map());
  const [pendingHash, setPendingHash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!collabUrl) return;
    let lostAccess = false;
    const socket: Socket<RoomServerToClientEvents, RoomClientToServerEvents> = io(new URL(NAMESPACES.rooms, collabUrl).toString(), {
      transports: ["websocket"],
      // Called before every (re)connection, so an expired token is replaced.
      auth: (send) => {
        void fetchRealtimeToken(roomId).then((result) => {
          if (!result.ok && result.lostAccess) {
            lostAccess = true;
            onAccessLost(result.message);
          } else if (!result.ok) setError(result.message);
          send(result.ok ? { token: result.token.token } : {});
        });
      },
    });
    socketRef.current = socket;
    let shownUrl: string | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;

    socket.on("connect", () => {
      setConnection("connected");
      socket.emit(EVENTS.roomJoin, { roomId }, (ack) => {
        if (ack.ok) {
          setJoined(true);
          setWorkers(ack.workers);
          setError(null);
        } else setError(ack.error.message);
      });
    });
    socket.on("disconnect", () => {
      setConnection("offline");
      setJoined(false);
    });
    socket.on("connect_error", (e) => {
      setConnection("offline");
      if (lostAccess) return;
      // socket.io retries network failures itself; a refused token needs a fresh one.
      if (!socket.active) retry = setTimeout(() => socket.connect(), 2000);
      setError(socket.active ? `cannot reach collab-server at ${collabUrl}: ${e.message}` : e.message);
    });
    socket.on(EVENTS.sessionRevoked, (payload) => {
      const notice = sessionRevokedSchema.safeParse(payload);
      lostAccess = true;
      onAccessLost(notice.success ? notice.data.message : "Your access to this room was revoked.");
    });
    socket.on(EVENTS.workersStatus, (payload) => {
      const status = workersStatusSchema.safeParse(payload);
      if (status.success) setWorkers(status.data.workers);
      else setError("the server sent a malformed worker status");
    });
    socket.on(EVENTS.frameReady, (payload) => {
      const parsed = frameReadySchema.safeParse(payload);
      if (!parsed.success) {
        setError(`received a malformed frame: ${parsed.error.issues[0]?.message ?? "unknown problem"}`);
        return;
      }
      const f = parsed.data;
      if (f.roomId !== roomId) return;
      const url = URL.createObjectURL(new Blob([f.bytes as BlobPart], { type: f.mime }));
      if (f.width <= THUMBNAIL_SIZE) {
        setThumbnails((previous) => {
          if (previous.has(f.hash)) {
            URL.revokeObjectURL(url);
            return previous;
          }
          const next = new Map(previous).set(f.hash, url);
          for (const [hash, old] of next) {
            if (next.size <= MAX_THUMBNAILS) break;
            URL.revokeObjectURL(old);
            next.delete(hash);
          }
          return next;
        });
        return;
      }
      if (shownUrl) URL.revokeObjectURL(shownUrl);
      shownUrl = url;
      setFrame({ url, hash: f.hash, recipe: f.recipe, width: f.width, height: f.height, renderMs: f.renderMs, backend: f.backend });
      setPendingHash((pending) => (pending === f.hash ? null : pending));
    });
    socket.on(EVENTS.frameFailed, (payload) => {
      const parsed = frameFailedSchema.safeParse(payload);
      if (!parsed.success) {
        setError("a frame failed, and the server's notice about it was malformed");
        return;
      }
      setPendingHash((pending) => (pending === parsed.data.hash ? null : pending));
      setError(parsed.data.error.message);
    });
    return () => {
      clearTimeout(retry);
      socket.close();
      socketRef.current = null;
      if (shownUrl) URL.revokeObjectURL(shownUrl);
      // The room's thumbnails go with its connection.
      setThumbnails((previous) => {
        for (const url of previous.values()) URL.revokeObjectURL(url);
        return new Map();
      });
    };
  }, [collabUrl, roomId, onAccessLost]);

  const request = useCallback(
    (recipe: FrameRecipe) => {
      const socket = socketRef.current;
      if (!socket?.connected) {
        setError("not connected to collab-server");
        return;
      }
      setError(null);
      socket.emit(EVENTS.frameRequest, { roomId, recipe }, (ack) => {
        if (ack.ok && recipe.width > THUMBNAIL_SIZE) setPendingHash(ack.hash);
        else if (!ack.ok) setError(ack.error.message);
      });
    },
    [roomId],
  );

  return { connection, joined, workers, frame, thumbnails, pendingHash, error, request };
}
