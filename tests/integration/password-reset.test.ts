// Accounts without email: an admin (UMBRA_ADMINS) makes a one-time reset link, whoever
// opens it sets a new password and every session of the account ends; a signed-in
// person changes their own password. Real HTTP API, socket.io and Yjs clients, on
// PGlite and (with TEST_DATABASE_URL) Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchKinds } from "@umbra/db/testing";
import { EVENTS, YJS_CLOSE_CODES, sessionSchema, type SessionRevoked } from "@umbra/protocol";
import { ApiClient, signUp } from "../support/api.js";
import { connectRoomSocket, startStack, type Stack } from "../support/stack.js";
import { connectDoc } from "../support/yjs-client.js";

const PASSWORD = "a long enough password";
const ADMIN = `boss-${process.pid}`;

describe.each(scratchKinds())("password resets and changes on %s", (kind) => {
  let stack: Stack;
  let admin: ApiClient;

  const signIn = (login: string, password: string) => new ApiClient(stack.collab.url).call("POST", "/api/auth/login", { login, password });

  beforeAll(async () => {
    stack = await startStack({ kind, withWorker: false, admins: [ADMIN] });
    admin = new ApiClient(stack.collab.url, sessionSchema.parse(await new ApiClient(stack.collab.url).expect(201, "POST", "/api/auth/signup", { login: ADMIN, password: PASSWORD })));
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("lets an admin make a one-time link that sets a new password and ends every session of the account", async () => {
    const forgetful = await signUp(stack.collab.url, "forgetful");
    const login = forgetful.session!.user.login;
    const other = new ApiClient(stack.collab.url, sessionSchema.parse((await signIn(login, PASSWORD)).body));
    expect((await admin.expect(200, "GET", "/api/auth/me")).admin).toBe(true);
    expect((await forgetful.expect(200, "GET", "/api/auth/me")).admin).toBe(false);

    // Only admins make links, and only for accounts that exist.
    const refused = await forgetful.call("POST", "/api/admin/password-resets", { login });
    expect([refused.status, refused.body.error.message]).toEqual([403, "only admins (UMBRA_ADMINS) make password reset links"]);
    expect((await admin.call("POST", "/api/admin/password-resets", { login: "nobody-at-all" })).status).toBe(404);

    // The account is in a room on both channels when its password is reset.
    const roomId = (await forgetful.createRoom("Mine")).id;
    const socket = await connectRoomSocket(stack.collab.url, await forgetful.realtimeToken(roomId));
    const doc = connectDoc(stack.collab.url, roomId, await forgetful.realtimeToken(roomId));
    await doc.synced;
    const told = new Promise<SessionRevoked>((resolve) => socket.once(EVENTS.sessionRevoked, resolve));

    const first = await admin.expect(201, "POST", "/api/admin/password-resets", { login });
    const { secret, expiresAt } = await admin.expect(201, "POST", "/api/admin/password-resets", { login });
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    // A newer link replaces an unused older one.
    expect((await stack.api.call("GET", `/api/password-resets/${first.secret}`)).status).toBe(404);
    expect(await stack.api.expect(200, "GET", `/api/password-resets/${secret}`)).toEqual({ login, displayName: login, status: "active" });
    const short = await stack.api.call("POST", `/api/password-resets/${secret}`, { password: "short" });
    expect([short.status, short.body.error.message]).toEqual([400, expect.stringMatching(/at least 8 characters/)]);

    await stack.api.expect(200, "POST", `/api/password-resets/${secret}`, { password: "a brand new password" });
    // Every session ended: both HTTP sessions, and the live connections, saying why.
    for (const session of [forgetful, other]) expect((await session.call("GET", "/api/auth/me")).status).toBe(401);
    const [closed, notice] = await Promise.all([doc.closed, told]);
    expect(closed.code).toBe(YJS_CLOSE_CODES.ACCESS_REVOKED);
    expect(notice.message).toMatch(/password was reset/);
    expect((await signIn(login, PASSWORD)).status).toBe(401);
    expect((await signIn(login, "a brand new password")).status).toBe(200);
    // The link works once.
    const again = await stack.api.call("POST", `/api/password-resets/${secret}`, { password: "yet another password" });
    expect([again.status, again.body.error.message]).toEqual([410, "this password reset link was used already; ask an admin for a new one"]);
    expect((await stack.api.expect(200, "GET", `/api/password-resets/${secret}`)).status).toBe("used");
    socket.close();
    doc.destroy();
  });

  it("refuses an expired link, saying so", async () => {
    const late = await signUp(stack.collab.url, "late");
    const { secret } = await admin.expect(201, "POST", "/api/admin/password-resets", { login: late.session!.user.login });
    await stack.database.prisma.passwordReset.updateMany({ where: { userId: late.session!.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await stack.api.call("POST", `/api/password-resets/${secret}`, { password: "a brand new password" });
    expect([answer.status, answer.body.error.message]).toEqual([410, expect.stringMatching(/has expired/)]);
    expect((await late.call("GET", "/api/auth/me")).status).toBe(200);
  });

  it("lets a signed-in person change their own password, ending their other sessions and keeping this one", async () => {
    const person = await signUp(stack.collab.url, "changer");
    const login = person.session!.user.login;
    const elsewhere = new ApiClient(stack.collab.url, sessionSchema.parse((await signIn(login, PASSWORD)).body));
    const wrong = await person.call("POST", "/api/auth/password", { current: "not my password", password: "a brand new password" });
    expect([wrong.status, wrong.body.error.message]).toEqual([403, "that is not your current password"]);
    expect((await elsewhere.call("GET", "/api/auth/me")).status).toBe(200);
    await person.expect(200, "POST", "/api/auth/password", { current: PASSWORD, password: "a brand new password" });
    expect((await person.call("GET", "/api/auth/me")).status).toBe(200);
    expect((await elsewhere.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await signIn(login, "a brand new password")).status).toBe(200);
    expect((await stack.api.call("POST", "/api/auth/password", { current: PASSWORD, password: "a brand new password" })).status).toBe(401);
  });
});
