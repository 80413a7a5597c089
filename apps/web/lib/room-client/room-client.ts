import * as Y from "yjs";
import { frameRecipeAt, type Chain } from "@umbra/doc";
import { frameKeyframeLatent, recipeHash, seedFrameRecipe, type FrameRecipe, type LatentRef, type StyleMix } from "@umbra/latent";
import type { PresenceState, Role } from "@umbra/protocol";
import type { TokenFetch } from "../realtime-token";
import { adoptEarlyDoc, adoptEarlyFrames } from "./early-connections";
import { PlayheadStore } from "./playhead-store";
import { RoomConnection } from "./room-connection";
import { RoomDocConnection } from "./room-doc-connection";
import { SnapshotStore } from "./snapshot-store";

/** What is on screen: the chain and frame at the playhead, the chain frame's recipe (null for a scratch frame), and its image once here. */
export interface Look {
  chain: Chain | null;
  frame: number;
  chainRecipe: FrameRecipe | null;
  shownUrl: string | null;
}

export interface RoomClientOptions {
  collabUrl: string;
  roomId: string;
  /** A source of realtime tokens for each connection the client opens; the document's carry the role it opens for (again when the role changes). */
  tokens: (connection: "frames" | { doc: Role }) => () => Promise<TokenFetch>;
  /** The server ended this session (revoked, removed, room deleted). */
  onAccessLost: (message: string) => void;
  /** Outside a browser (tests), the WebSocket for the document. */
  WebSocketPolyfill?: typeof globalThis.WebSocket;
  /** The document as the page came with it, for the first document connection. */
  initialState?: Uint8Array;
}

export interface RoomClientState {
  /** The document connection, once the studio knows who you are in the room; a new one when your role changes. */
  doc: RoomDocConnection | null;
}

/**
 * One open room, without React: the /rooms socket (frames, threads, exports), the
 * Yjs document and everyone's presence, and this person's playhead, wired together:
 * the playhead hears the document and the people here, playback asks which frames
 * are held, and where you are goes out in presence as it changes. React reads its
 * parts with selectors; tests drive it in process against a real collab-server.
 */
export class RoomClient extends SnapshotStore<RoomClientState> {
  readonly frames: RoomConnection;
  readonly playhead = new PlayheadStore();
  private view: { model: string; overrides: Partial<FrameRecipe> } = { model: "", overrides: {} };
  private user: PresenceState["user"] | null = null;
  private docFor = "";
  private unwireDoc: () => void = () => {};
  private presenting = false;
  /** A version's chains shown in place of the room's (History's preview); null: the room's own. */
  private previewed: Chain[] | null = null;
  private refeed: () => void = () => {};

  constructor(private readonly options: RoomClientOptions) {
    super({ doc: null });
    const { collabUrl, roomId, onAccessLost } = options;
    // The connection the page opened before hydrating, when there is one for this room.
    this.frames = adoptEarlyFrames(collabUrl, roomId, onAccessLost) ?? new RoomConnection({ collabUrl, roomId, tokens: options.tokens("frames"), onAccessLost });
    // A new role from the owner reopens the document with a token that carries it.
    this.frames.subscribe(() => {
      const change = this.frames.getSnapshot().roleChange;
      if (change && this.user && change.role !== this.user.role) this.setPresence({ ...this.user, role: change.role });
    });
    this.playhead.setReadiness((chain, n) => {
      const recipe = frameRecipeAt(chain, n, this.view.model, this.view.overrides);
      return recipe !== null && this.frames.frames.has(recipeHash(recipe));
    });
  }

  /**
   * Who you are in the room's presence. The first call opens the document; a new id
   * or role opens it again (its token must carry the role); a new name or colour goes
   * out over the open one.
   */
  setPresence(user: PresenceState["user"]): void {
    this.user = user;
    const key = `${user.id}\u0000${user.role}`;
    const open = this.getSnapshot().doc;
    if (open && key === this.docFor) return open.setUser(user);
    // A document opened again (a new role) starts from what the old one held, so the chain stays on screen meanwhile.
    const initialState = open ? Y.encodeStateAsUpdate(open.doc) : this.options.initialState;
    this.closeDoc();
    this.docFor = key;
    const { collabUrl, roomId, onAccessLost, WebSocketPolyfill } = this.options;
    const early = adoptEarlyDoc(collabUrl, roomId, user.id, user.role, onAccessLost);
    early?.setUser(user);
    const doc =
      early ??
      new RoomDocConnection({
        collabUrl,
        roomId,
        tokens: this.options.tokens({ doc: user.role }),
        user,
        onAccessLost,
        ...(WebSocketPolyfill ? { WebSocketPolyfill } : {}),
        ...(initialState ? { initialState } : {}),
      });
    this.unwireDoc = this.wire(doc);
    this.update({ doc });
  }

  /** The room's model and the view and ψ applied to every frame you see: what playback and `look` build recipes with. */
  setView(model: string, overrides: Partial<FrameRecipe>): void {
    this.view = { model, overrides };
  }

  /**
   * Shows a version's chains instead of the room's (History's preview): playback, the
   * timeline and frames go by them until null brings the room's back. Others see
   * `label` in your presence, meaning you are looking at History.
   */
  previewChains(chains: Chain[] | null, label: string | null): void {
    this.previewed = chains;
    this.refeed();
    this.getSnapshot().doc?.share({ history: chains && label ? { version: label } : null });
  }

  setPresenting(presenting: boolean): void {
    this.presenting = presenting;
    this.getSnapshot().doc?.share({ presenting });
  }

  /** What is on screen now: read when a command needs it, not at every playhead move. */
  look(): Look {
    const { chain, frame, scratch } = this.playhead.getSnapshot();
    const { model, overrides } = this.view;
    const chainRecipe = chain && scratch === null ? frameRecipeAt(chain, frame, model, overrides) : null;
    const shown = scratch !== null ? seedFrameRecipe(model, scratch, overrides) : chainRecipe;
    return { chain, frame, chainRecipe, shownUrl: (shown && this.frames.frames.peek(recipeHash(shown))?.url) ?? null };
  }

  /** The latent on screen as a keyframe holds it: a scratch frame's seed, a keyframe's own latent and mix, or the frame between; null where none holds it. */
  shownLatent(latentSize: number): { latent: LatentRef; mix?: StyleMix } | null {
    const { scratch } = this.playhead.getSnapshot();
    if (scratch !== null) return { latent: { seed: scratch } };
    const { chainRecipe } = this.look();
    return chainRecipe && frameKeyframeLatent(chainRecipe, latentSize);
  }

  close(): void {
    this.closeDoc();
    this.playhead.close();
    this.frames.close();
    this.forgetListeners();
  }

  private closeDoc(): void {
    this.unwireDoc();
    this.getSnapshot().doc?.close();
  }

  /** The playhead hears the document and the people here; where you are, your scratch frame and presenting go out in presence. */
  private wire(doc: RoomDocConnection): () => void {
    const feed = () => this.playhead.setSources(this.previewed ?? doc.getSnapshot().chains, doc.getSnapshot().peers);
    this.refeed = feed;
    feed();
    const stopFeed = doc.subscribe(feed);
    let sent = { chainId: null as string | null, frame: -1, scratch: null as number | null };
    const sharePlace = () => {
      const { chain, frame, playing, ownScratch } = this.playhead.getSnapshot();
      const chainId = chain?.id ?? null;
      // While playing, every frame goes out at once, so followers show the same frame at the same moment.
      if (chainId !== sent.chainId || frame !== sent.frame) doc.share({ playhead: chainId ? { chainId, frame } : null }, { now: playing });
      if (ownScratch !== sent.scratch) doc.share({ scratch: ownScratch === null ? null : { seed: ownScratch } });
      sent = { chainId, frame, scratch: ownScratch };
    };
    sharePlace();
    doc.share({ presenting: this.presenting });
    const stopSharing = this.playhead.subscribe(sharePlace);
    return () => {
      this.refeed = () => {};
      stopFeed();
      stopSharing();
    };
  }
}
