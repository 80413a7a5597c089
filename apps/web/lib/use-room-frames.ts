"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  EVENTS,
  NAMESPACES,
  PREFETCH_LIMIT,
  type FRAME_AUDIENCES,
  frameFailedSchema,
  frameReadySchema,
  roomRenamedSchema,
  sessionRoleSchema,
  sessionRevokedSchema,
  workersStatusSchema,
  type RealtimeToken,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type WorkerSummary,
  type SessionRole,
} from "@umbra/protocol";
import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { FrameStore, type ShownFrame } from "./frame-store";
import { realtimeTokens } from "./realtime-token";

type FrameAudience = (typeof FRAME_AUDIENCES)[number];

export type ConnectionState = "connecting" | "connected" | "offline";
export type { ShownFrame };

/** The size of keyframe thumbnails. */
export const THUMBNAIL_SIZE = 64;
/** Frames held in this browser: a few chains' worth at 256², about 20 kB each. */
const HELD_FRAMES = 600;

export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

export interface RoomFrames {
  connection: ConnectionState;
  joined: boolean;
  /** The room's name when the owner renamed it while you were here; null until then. */
  renamedTo: string | null;
  /** Your role and the owner's word when the owner changed it while you were here; null until then. */
  roleChange: SessionRole | null;
  /** The room's socket while connected (review threads travel on it too; they load before the join completes); null otherwise. */
  socket: RoomSocket | null;
  workers: WorkerSummary[];
  /** A frame this browser holds, by recipe hash. */
  held(hash: string): ShownFrame | undefined;
  error: string | null;
  /**
   * Asks for a frame: for everyone in the room (the frame you look at, so those who
   * follow you hold it too), or for this browser only (thumbnails, the A/B view).
   */
  request(recipe: FrameRecipe, audience?: FrameAudience): void;
  /** Frames wanted soon, nearest first; those already held are left out. Replaces the previous list. */
  prefetch(recipes: FrameRecipe[]): void;
}

/**
 * Joins a room over socket.io with a realtime token and shows the frames everyone
 * in it receives. `onAccessLost` hears when the server revokes this session.
 */
export function useRoomFrames(collabUrl: string | null, roomId: string, onAccessLost: (message: string) => void, initialToken: RealtimeToken | null): RoomFrames {
  const socketRef = useRef<Socket<RoomServerToClientEvents, RoomClientToServerEvents> | null>(null);
  const pageToken = useRef(initialToken);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [joined, setJoined] = useState(false);
  const [workers, setWorkers] = useState<WorkerSummary[]>([]);
  // The store is mutable; `received` re-renders whoever shows its frames.
  const [store] = useState(() => new FrameStore(HELD_FRAMES));
  const [, setReceived] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [renamedTo, setRenamedTo] = useState<string | null>(null);
  const [roleChange, setRoleChange] = useState<SessionRole | null>(null);

  useEffect(() => {
    if (!collabUrl) return;
    let lostAccess = false;
    // The page's token serves the first connection only.
    const nextToken = realtimeTokens(roomId, pageToken.current);
    pageToken.current = null;
    const socket: Socket<RoomServerToClientEvents, RoomClientToServerEvents> = io(new URL(NAMESPACES.rooms, collabUrl).toString(), {
      transports: ["websocket"],
      // Called before every (re)connection, so an expired token is replaced.
      auth: (send) => {
        void nextToken().then((result) => {
          if (!result.ok && result.lostAccess) {
            lostAccess = true;
            onAccessLost(result.message);
          } else if (!result.ok) setError(result.message);
          send(result.ok ? { token: result.token.token } : {});
        });
      },
    });
    socketRef.current = socket;
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
      setError(socket.active ? `Can't reach the Umbra server at ${collabUrl} (${e.message}). Retrying; frames show again when it answers.` : e.message);
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
      if (store.add({ url, hash: f.hash, recipe: f.recipe, width: f.width, height: f.height, renderMs: f.renderMs, backend: f.backend })) setReceived((n) => n + 1);
    });
    socket.on(EVENTS.roomRenamed, (payload) => {
      const renamed = roomRenamedSchema.safeParse(payload);
      if (renamed.success && renamed.data.roomId === roomId) setRenamedTo(renamed.data.name);
    });
    socket.on(EVENTS.sessionRole, (payload) => {
      const notice = sessionRoleSchema.safeParse(payload);
      if (notice.success) setRoleChange(notice.data);
      else setError("the server sent a malformed role change");
    });
    socket.on(EVENTS.frameFailed, (payload) => {
      const parsed = frameFailedSchema.safeParse(payload);
      if (!parsed.success) {
        setError("a frame failed, and the server's notice about it was malformed");
        return;
      }
      setError(parsed.data.error.message);
    });
    return () => {
      clearTimeout(retry);
      socket.close();
      socketRef.current = null;
      // The room's frames go with its connection.
      store.clear();
    };
  }, [collabUrl, roomId, onAccessLost, store]);

  const request = useCallback(
    (recipe: FrameRecipe, audience: FrameAudience = "room") => {
      const socket = socketRef.current;
      if (!socket?.connected) {
        setError("not connected to collab-server");
        return;
      }
      setError(null);
      socket.emit(EVENTS.frameRequest, { roomId, recipe, audience }, (ack) => {
        if (!ack.ok) setError(ack.error.message);
      });
    },
    [roomId],
  );

  const prefetch = useCallback(
    (recipes: FrameRecipe[]) => {
      const socket = socketRef.current;
      if (!socket?.connected) return;
      const wanted = recipes.filter((r) => !store.has(recipeHash(r))).slice(0, PREFETCH_LIMIT);
      socket.emit(EVENTS.framesPrefetch, { roomId, recipes: wanted }, (ack) => {
        if (!ack.ok) setError(ack.error.message);
      });
    },
    [roomId, store],
  );

  const held = useCallback((hash: string) => store.get(hash), [store]);
  return { connection, joined, renamedTo, roleChange, socket: connection === "connected" ? socketRef.current : null, workers, held, error, request, prefetch };
}
