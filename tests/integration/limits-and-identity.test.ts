// Identity, sign-in limits, message limits and the worker secret, over real clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { seedFrameRecipe } from "@umbra/latent";
import { LOGIN_LIMITS, readConfig } from "@umbra/collab-server";
import { chooseBackend, connectWorker, ModelRegistry } from "@umbra/gan-worker";
import { EVENTS, YJS_CLOSE_CODES, type FrameRequestAck, type RoomJoinAck } from "@umbra/protocol";
import { ApiClient, signUp } from "../support/api.js";
import { connectRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc, eventually, type DocClient } from "../support/yjs-client.js";

const join = (socket: RoomSocket, roomId: string) => new Promise<RoomJoinAck>((resolve) => socket.emit(EVENTS.roomJoin, { roomId }, resolve));
const ask = (socket: RoomSocket, payload: unknown) => new Promise<FrameRequestAck>((resolve) => socket.emit(EVENTS.frameRequest, payload, resolve));
const codeOf = (answer: { ok: boolean; error?: { code: string } }) => (answer.ok ? "ok" : answer.error!.code);

describe("identity", () => {
  let stack: Stack;
  const logs: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ kind: "pglite", withWorker: false, log: (line) => logs.push(line) });
  });
  afterAll(async () => stack?.close());

  it("never stores or logs a password or session token in clear", async () => {
    const password = "Tr0ub4dor&3-unique-marker";
    const anonymous = new ApiClient(stack.collab.url);
    const session = await anonymous.expect(201, "POST", "/api/auth/signup", { login: "Ada.Lovelace", password, displayName: "Ada" });
    expect(session.user).toMatchObject({ login: "ada.lovelace", displayName: "Ada", color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect((await anonymous.call("POST", "/api/auth/login", { login: "ada.lovelace", password: `${password}!` })).status).toBe(401);
    const again = await anonymous.expect(200, "POST", "/api/auth/login", { login: "ada.lovelace", password });
    expect((await new ApiClient(stack.collab.url, again).expect(200, "GET", "/api/auth/me")).user.id).toBe(session.user.id);

    // Every text column of every table, and every log line, is free of the secrets.
    const tables = await stack.database.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const dump: string[] = [];
    for (const { table_name } of tables) dump.push(JSON.stringify(await stack.database.sql.query(`SELECT * FROM "${table_name}"`)));
    const stored = dump.join("\n");
    expect(stored).toContain("ada.lovelace");
    expect(stored).toContain("scrypt$");
    for (const secret of [password, session.token, again.token]) {
      expect(stored).not.toContain(secret);
      expect(logs.join("\n")).not.toContain(secret);
    }
  });

  it("refuses a taken name, and weak or malformed sign-ups, with clear messages", async () => {
    const anonymous = new ApiClient(stack.collab.url);
    await anonymous.expect(201, "POST", "/api/auth/signup", { login: "grace", password: "a long enough password" });
    const taken = await anonymous.call("POST", "/api/auth/signup", { login: "GRACE", password: "another long password" });
    expect([taken.status, taken.body.error.code, taken.body.error.message]).toEqual([409, "CONFLICT", expect.stringMatching(/taken/)]);
    const short = await anonymous.call("POST", "/api/auth/signup", { login: "linus", password: "short" });
    expect([short.status, short.body.error.message]).toEqual([400, expect.stringMatching(/at least 8/)]);
    const odd = await anonymous.call("POST", "/api/auth/signup", { login: "no spaces please", password: "a long enough password" });
    expect(odd.status).toBe(400);
  });

  it("ends a session on sign-out", async () => {
    const person = await signUp(stack.collab.url, "leaving");
    await person.expect(200, "GET", "/api/auth/me");
    await person.expect(200, "POST", "/api/auth/logout");
    expect((await person.call("GET", "/api/auth/me")).status).toBe(401);
  });

  it("rate-limits failed sign-ins per account and per address, with Retry-After", async () => {
    const victim = await signUp(stack.collab.url, "victim", "the right password");
    const login = victim.session!.user.login;
    const anonymous = new ApiClient(stack.collab.url);
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expect((await anonymous.call("POST", "/api/auth/login", { login, password: `guess ${i}` })).status).toBe(401);
    }
    // Even the right password waits now: the account is under attack.
    const blocked = await anonymous.call("POST", "/api/auth/login", { login, password: "the right password" });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);

    // One address spraying many accounts is stopped too; the web app's forwarded address is believed from loopback.
    const sprayer = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      expect((await anonymous.call("POST", "/api/auth/login", { login: `nobody-${i}`, password: "x" }, sprayer)).status).toBe(401);
    }
    const sprayed = await anonymous.call("POST", "/api/auth/login", { login: "nobody-else", password: "x" }, sprayer);
    expect([sprayed.status, sprayed.body.error.message]).toEqual([429, expect.stringMatching(/address/)]);
    const bystander = await anonymous.call("POST", "/api/auth/login", { login: "nobody-else", password: "x" }, { "x-forwarded-for": "198.51.100.4" });
    expect(bystander.status).toBe(401);
  });
});

describe("open mode (UMBRA_OPEN=1)", () => {
  it("needs no account: every caller is the local owner; accounts are refused", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false, open: true });
    try {
      const me = await stack.api.expect(200, "GET", "/api/auth/me");
      expect(me).toMatchObject({ open: true, user: { login: "local" } });
      const room = await stack.api.createRoom("Solo");
      expect(room.role).toBe("owner");
      const signup = await stack.api.call("POST", "/api/auth/signup", { login: "someone", password: "a long enough password" });
      expect([signup.status, signup.body.error.code]).toEqual([403, "FORBIDDEN"]);
      // The realtime channels still need a token, which the local user gets freely.
      const refused = await connectRoomSocket(stack.collab.url, undefined).then(
        () => "connected",
        (error: Error & { data?: { code: string } }) => error.data?.code,
      );
      expect(refused).toBe("UNAUTHORIZED");
      const socket = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
      expect(codeOf(await join(socket, room.id))).toBe("ok");
      socket.close();
    } finally {
      await stack.close();
    }
  });
});

describe("message limits", () => {
  const limits = { maxMessageBytes: 16 * 1024, yjsMaxMessageBytes: 16 * 1024, messagesPerSecond: 20 };
  let stack: Stack;
  let owner: ApiClient;
  let roomId: string;
  const sockets: RoomSocket[] = [];
  const docs: DocClient[] = [];

  beforeAll(async () => {
    stack = await startStack({ kind: "pglite", withWorker: false, limits });
    owner = await signUp(stack.collab.url, "limited");
    roomId = (await owner.createRoom("Limits")).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const d of docs) d.destroy();
    await stack?.close();
  });

  async function socket(): Promise<RoomSocket> {
    const s = await connectRoomSocket(stack.collab.url, await owner.realtimeToken(roomId));
    sockets.push(s);
    await join(s, roomId);
    return s;
  }

  async function doc(): Promise<DocClient> {
    const d = connectDoc(stack.collab.url, roomId, await owner.realtimeToken(roomId));
    docs.push(d);
    await d.synced;
    return d;
  }

  it("answers an oversized socket.io event with PAYLOAD_TOO_LARGE and keeps the socket", async () => {
    const s = await socket();
    const huge = await ask(s, { roomId, recipe: seedFrameRecipe("builtin/cppn", 1), padding: "x".repeat(limits.maxMessageBytes) });
    expect(codeOf(huge)).toBe("PAYLOAD_TOO_LARGE");
    expect(huge.ok ? "" : huge.error.message).toMatch(/over the 16384-byte limit/);
    expect(codeOf(await ask(s, { roomId, recipe: seedFrameRecipe("builtin/cppn", 1) }))).toBe("NO_WORKER");
    // An event without an acknowledgement is answered with request:refused.
    const notice = new Promise<{ event: string; error: { code: string } }>((resolve) => s.once(EVENTS.requestRefused, resolve));
    const untyped = s as unknown as { emit(event: string, payload: unknown): void };
    untyped.emit(EVENTS.roomJoin, { roomId, padding: "y".repeat(limits.maxMessageBytes) });
    expect(await notice).toMatchObject({ event: EVENTS.roomJoin, error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("answers a socket.io flood with RATE_LIMITED while another user is unaffected", async () => {
    const flooder = await socket();
    const bystander = await socket();
    const answers = await Promise.all(Array.from({ length: 100 }, () => ask(flooder, { roomId, recipe: seedFrameRecipe("builtin/cppn", 2) })));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(100 - 2 * limits.messagesPerSecond - 5);
    expect(codes.filter((c) => c === "NO_WORKER").length).toBeGreaterThan(0);
    expect(codeOf(await ask(bystander, { roomId, recipe: seedFrameRecipe("builtin/cppn", 3) }))).toBe("NO_WORKER");
  });

  it("closes a Yjs connection that sends an oversized update (4413) or floods (4429); others keep syncing", async () => {
    const big = await doc();
    const bystander = await doc();
    big.doc.getText("t").insert(0, "z".repeat(limits.maxMessageBytes + 100));
    const tooLarge = await big.closed;
    expect([tooLarge.code, tooLarge.reason]).toEqual([YJS_CLOSE_CODES.PAYLOAD_TOO_LARGE, expect.stringMatching(/PAYLOAD_TOO_LARGE/)]);

    const flood = await doc();
    const flooding = new RoomDoc(flood.doc);
    const chain = flooding.addChain({ name: "flood" });
    for (let i = 0; i < 100; i++) flooding.renameChain(chain, `flood ${i}`);
    const limited = await flood.closed;
    expect([limited.code, limited.reason]).toEqual([YJS_CLOSE_CODES.RATE_LIMITED, expect.stringMatching(/RATE_LIMITED/)]);

    const writer = await doc();
    new RoomDoc(writer.doc).addChain({ name: "still fine" });
    await eventually(() => new RoomDoc(bystander.doc).chains().some((c) => c.name === "still fine"), "the bystander receives later edits");
    expect(bystander.doc.getText("t").length).toBe(0);
  });
});

describe("worker secret", () => {
  it("refuses a worker with the wrong secret and takes one with the right secret", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false });
    const backend = await chooseBackend("cpu", () => {});
    const registry = new ModelRegistry();
    try {
      for (const secret of ["wrong-secret-wrong-secret", undefined]) {
        const intruder = connectWorker({ hubUrl: stack.collab.url, secret, name: "intruder", backend, registry, log: () => {} });
        await expect(intruder.ready).rejects.toThrow(/UMBRA_WORKER_SECRET/);
        intruder.close();
      }
      expect((await stack.api.expect(200, "GET", "/healthz")).workers).toBe(0);
      const worker = connectWorker({ hubUrl: stack.collab.url, secret: stack.config.workerSecret, name: "real", backend, registry, log: () => {} });
      await worker.ready;
      expect((await stack.api.expect(200, "GET", "/healthz")).workers).toBe(1);
      worker.close();
    } finally {
      await stack.close();
    }
  });

  it("is required to start in production", () => {
    expect(() => readConfig({ NODE_ENV: "production" })).toThrow(/UMBRA_WORKER_SECRET is required/);
    expect(() => readConfig({ NODE_ENV: "production", UMBRA_WORKER_SECRET: "short" })).toThrow(/at least 16/);
    expect(readConfig({ NODE_ENV: "production", UMBRA_WORKER_SECRET: "a-long-enough-worker-secret" }).workerSecret).toBe("a-long-enough-worker-secret");
  });
});
