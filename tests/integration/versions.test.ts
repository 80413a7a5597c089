// A room's History over real y-websocket and socket.io clients, on PGlite and (with
// TEST_DATABASE_URL) Postgres: pauses in editing keep automatic versions with who
// edited, an editor names one, and a third editor restores it while the other two
// keep editing. Everyone converges on the restored state plus what was done after,
// and the version kept before the restore holds the room as it was, exactly.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchKinds } from "@umbra/db/testing";
import { MAX_KEYFRAMES_PER_CHAIN, RoomDoc, type Chain } from "@umbra/doc";
import { EVENTS, versionAckSchema, versionStateAckSchema, versionsChangedSchema, versionsLoadAckSchema, type RoomVersion, type VersionsChanged } from "@umbra/protocol";
import { invitedAs, signUp, type ApiClient } from "../support/api.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc, eventually, presenceRoundTrip, type DocClient } from "../support/yjs-client.js";

/** One person in the room: their document, their room socket, and what History told them. */
interface Person {
  api: ApiClient;
  doc: DocClient;
  room: RoomDoc;
  socket: RoomSocket;
  heard: VersionsChanged[];
}

async function enter(stack: Stack, api: ApiClient, roomId: string): Promise<Person> {
  const doc = connectDoc(stack.collab.url, roomId, await api.realtimeToken(roomId));
  await doc.synced;
  const socket = await joinedRoomSocket(stack.collab.url, api, roomId);
  const heard: VersionsChanged[] = [];
  socket.on(EVENTS.versionsChanged, (change: unknown) => heard.push(versionsChangedSchema.parse(change)));
  return { api, doc, room: new RoomDoc(doc.doc), socket, heard };
}

async function versions(person: Person, query: object = {}): Promise<RoomVersion[]> {
  const answer = versionsLoadAckSchema.parse(await emitWithAck(person.socket, EVENTS.versionsLoad, query));
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.versions;
}

async function stateOf(person: Person, id: string): Promise<Chain[]> {
  const answer = versionStateAckSchema.parse(await emitWithAck(person.socket, EVENTS.versionState, { id }));
  if (!answer.ok) throw new Error(answer.error.message);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, answer.state);
  return new RoomDoc(doc).chains();
}

const versionAck = async (person: Person, event: string, payload: object) => versionAckSchema.parse(await emitWithAck(person.socket, event, payload));

describe.each(scratchKinds())("version history on %s", (kind) => {
  let stack: Stack;
  let owner: ApiClient;
  const people: Person[] = [];

  beforeAll(async () => {
    stack = await startStack({ kind, withWorker: false, versions: { pauseMs: 800, everyMs: 60_000 } });
    owner = await signUp(stack.collab.url, "owner");
  });
  afterAll(async () => {
    for (const person of people) {
      person.socket.close();
      person.doc.destroy();
    }
    await stack?.close();
  });

  it("keeps versions after pauses, names one, and restores it while others edit: everyone converges, nothing is lost", async () => {
    const roomId = (await owner.createRoom("Feature")).id;
    const [ana, ben, cho] = await Promise.all(["ana", "ben", "cho"].map(async (name) => enter(stack, await invitedAs(owner, roomId, name, "editor"), roomId)));
    people.push(ana!, ben!, cho!);
    const [a, b, c] = [ana!, ben!, cho!];

    // Ana builds a chain; the pause after it keeps a version that says she did.
    const walk = a.room.addChain({ name: "Walk" });
    const keyframes = [1, 2, 3].map((seed) => a.room.addKeyframe(walk, { seed })!);
    await expect.poll(async () => (await versions(a)).length, { timeout: 15_000 }).toBe(1);
    const [first] = await versions(a);
    expect(first).toMatchObject({ kind: "auto", savedBy: null, contributors: [{ name: a.api.session!.user.displayName }], summary: { chains: 1, keyframes: 3, text: "1 chain added, 3 keyframes added" } });

    // Ben re-times it; another pause, another version, his.
    await eventually(() => b.room.chain(walk)?.keyframes.length === 3, "Ben has the chain");
    b.room.setTransition(walk, keyframes[0]!, { frames: 24 });
    await expect.poll(async () => (await versions(a)).length, { timeout: 15_000 }).toBe(2);
    expect((await versions(a))[0]).toMatchObject({ kind: "auto", contributors: [{ name: b.api.session!.user.displayName }], summary: { text: "1 transition re-timed" } });

    // Ana names the room as it is now; everyone hears of it.
    const tuesday = await versionAck(a, EVENTS.versionSave, { kind: "named", name: "Tuesday", note: "Before the review" });
    if (!tuesday.ok) throw new Error(tuesday.error.message);
    expect(tuesday.version).toMatchObject({ kind: "named", name: "Tuesday", note: "Before the review", savedBy: { name: a.api.session!.user.displayName } });
    const tuesdayChains = a.room.chains();
    await eventually(() => c.heard.some((h) => h.saved?.id === tuesday.version.id), "Cho hears of Tuesday");
    expect((await versions(c, { named: true })).map((v) => v.name)).toEqual(["Tuesday"]);
    expect((await versions(c, { search: "review" })).map((v) => v.name)).toEqual(["Tuesday"]);

    // Ben re-times and deletes a keyframe; Cho restores Tuesday while Ana and Ben go on editing.
    b.room.setTransition(walk, keyframes[1]!, { frames: 7 });
    b.room.removeKeyframe(walk, keyframes[2]!);
    await eventually(() => c.room.chain(walk)?.keyframes.length === 2, "Cho has Ben's edits");
    const beforeRestore = c.room.chains();
    const kept = await versionAck(c, EVENTS.versionRestore, { id: tuesday.version.id });
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.version).toMatchObject({ kind: "before-restore", name: "Before restoring “Tuesday”", savedBy: { name: c.api.session!.user.displayName } });
    c.room.restore({ ...c.room.content(), chains: await stateOf(c, tuesday.version.id) });
    // Meanwhile, before the restore reaches them: Ana adds a chain, Ben renames the restored one.
    const run = a.room.addChain({ name: "Run" });
    b.room.renameChain(walk, "Stroll");

    const same = () => [b, c].every((p) => JSON.stringify(p.room.chains()) === JSON.stringify(a.room.chains()));
    await eventually(() => same() && a.room.chains().length === 2 && a.room.chain(walk)?.name === "Stroll", "everyone has Tuesday plus what was done after");
    expect(a.room.chains().map((chain) => chain.id)).toEqual([walk, run]);
    const restored = a.room.chain(walk)!;
    expect({ ...restored, name: "Walk" }).toEqual(tuesdayChains[0]);
    expect(restored.keyframes.map((k) => k.id)).toEqual(keyframes);
    // Nothing was lost by restoring: the version kept first holds the room as it was.
    expect(await stateOf(c, kept.version.id)).toEqual(beforeRestore);
  });

  it("keeps and restores a room at a chain's keyframe limit, with w latents", async () => {
    const roomId = (await owner.createRoom("Long")).id;
    const editor = await enter(stack, owner, roomId);
    people.push(editor);
    const w = Buffer.from(new Float32Array(512).map((_, i) => Math.sin(i))).toString("base64");
    const long = editor.room.batch(() => {
      const id = editor.room.addChain({ name: "Long" });
      for (let k = 0; k < MAX_KEYFRAMES_PER_CHAIN; k++) editor.room.addKeyframe(id, k % 10 === 0 ? { w } : { seed: k });
      return id;
    });
    // The server reads a connection's messages in order: once this answers, it holds the chain.
    await presenceRoundTrip(editor.doc);
    const saved = await versionAck(editor, EVENTS.versionSave, { kind: "named", name: "Full" });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.version.summary).toMatchObject({ chains: 1, keyframes: MAX_KEYFRAMES_PER_CHAIN });
    const full = editor.room.chains();
    editor.room.batch(() => editor.room.chain(long)!.keyframes.slice(0, 900).forEach((k) => editor.room.removeKeyframe(long, k.id)));
    editor.room.restore({ ...editor.room.content(), chains: await stateOf(editor, saved.version.id) });
    expect(editor.room.chains()).toEqual(full);
  });

  it("lets viewers look but not save, editors save but not delete, and the owner delete named versions only", async () => {
    const roomId = (await owner.createRoom("Rights")).id;
    const boss = await enter(stack, owner, roomId);
    const editor = await enter(stack, await invitedAs(owner, roomId, "editor", "editor"), roomId);
    const viewer = await enter(stack, await invitedAs(owner, roomId, "viewer", "viewer"), roomId);
    people.push(boss, editor, viewer);
    editor.room.addChain({ name: "Only" });
    await eventually(() => viewer.room.chains().length === 1, "the viewer has the chain");

    const refused = await versionAck(viewer, EVENTS.versionSave, { kind: "named", name: "Mine" });
    expect(refused.ok ? null : refused.error.code).toBe("FORBIDDEN");
    const named = await versionAck(editor, EVENTS.versionSave, { kind: "named", name: "Keep" });
    if (!named.ok) throw new Error(named.error.message);
    // The viewer previews it.
    expect((await stateOf(viewer, named.version.id)).map((c) => c.name)).toEqual(["Only"]);
    expect(((await emitWithAck(viewer.socket, EVENTS.versionState, { id: "00000000-0000-4000-8000-000000000000" })) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect(((await emitWithAck(editor.socket, EVENTS.versionDelete, { id: named.version.id })) as { error: { message: string } }).error.message).toMatch(/only the room's owner/);
    expect(((await emitWithAck(editor.socket, EVENTS.versionSave, { kind: "named", name: " " })) as { error: { message: string } }).error.message).toMatch(/a version needs a name/);

    const auto = (await versions(boss)).find((v) => v.kind === "auto");
    if (auto) expect(((await emitWithAck(boss.socket, EVENTS.versionDelete, { id: auto.id })) as { error: { message: string } }).error.message).toMatch(/only named versions/);
    expect(await emitWithAck(boss.socket, EVENTS.versionDelete, { id: named.version.id })).toEqual({ ok: true });
    await eventually(() => viewer.heard.some((h) => h.deleted === named.version.id), "the viewer hears of the deletion");
    expect((await versions(viewer, { named: true }))).toEqual([]);
  });
});

describe("continuous editing", () => {
  it("keeps a version at least every so often while editing never pauses", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false, versions: { pauseMs: 60_000, everyMs: 400 } });
    try {
      const owner = await signUp(stack.collab.url, "owner");
      const roomId = (await owner.createRoom("Busy")).id;
      const editor = await enter(stack, owner, roomId);
      const chain = editor.room.addChain({ name: "Busy" });
      // Edits keep coming, never a minute apart, until History has kept one.
      for (let seed = 0; (await versions(editor)).length === 0; seed++) {
        if (seed > 500) throw new Error("no version was kept during continuous editing");
        editor.room.addKeyframe(chain, { seed });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await versions(editor))[0]).toMatchObject({ kind: "auto", contributors: [{ name: owner.session!.user.displayName }] });
      editor.socket.close();
      editor.doc.destroy();
    } finally {
      await stack.close();
    }
  });
});
