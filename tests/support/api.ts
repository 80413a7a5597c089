// A small client of collab-server's HTTP API for tests: one person, with or without a session.
import { createRoomBodySchema, realtimeTokenSchema, roomSchema, sessionSchema, type Room, type Session } from "@umbra/protocol";

/** Untyped on purpose: each test asserts on, or parses, exactly what it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: a test reads the fields it expects
type Json = any;

export interface ApiAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly session?: Session,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.session ? { authorization: `Bearer ${this.session.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** A GET of a file: its bytes, as they came. */
  async download(path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { ...(this.session ? { authorization: `Bearer ${this.session.token}` } : {}), ...headers } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  async expect(status: number, method: string, path: string, body?: unknown): Promise<Json> {
    const answer = await this.call(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}, expected ${status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /**
   * A room on the CPPN unless the test names another model: tests compute recipes and
   * latent sizes for the model they were written for. The default model (a room that
   * names none) has tests of its own.
   */
  async createRoom(name: string, { model = "builtin/cppn" }: { model?: string | null } = {}): Promise<Room> {
    const body = createRoomBodySchema.parse(model === null ? { name } : { name, model });
    return roomSchema.parse(await this.expect(201, "POST", "/api/rooms", body));
  }

  /** A realtime token for y-websocket and socket.io. */
  async realtimeToken(roomId: string): Promise<string> {
    return realtimeTokenSchema.parse(await this.expect(200, "POST", `/api/rooms/${roomId}/token`)).token;
  }
}

let accounts = 0;

/** Someone new (named from `prefix`), let into `owner`'s room through a share link as `role`: their signed-in client. */
export async function invitedAs(owner: ApiClient, roomId: string, prefix: string, role: "editor" | "commenter" | "viewer"): Promise<ApiClient> {
  const api = await signUp(owner.baseUrl, prefix);
  const { secret } = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role });
  await api.expect(200, "POST", `/api/invites/${secret}/accept`);
  return api;
}

/** Signs up a new person with a unique name and returns their signed-in client. */
export async function signUp(baseUrl: string, prefix = "user", password = "a long enough password"): Promise<ApiClient> {
  const login = `${prefix}-${process.pid}-${++accounts}`;
  const session = sessionSchema.parse(await new ApiClient(baseUrl).expect(201, "POST", "/api/auth/signup", { login, password }));
  return new ApiClient(baseUrl, session);
}
