import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, sendError } from "./json-http.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => Promise<void> | void;

interface Route {
  method: string;
  /** The pattern as written ("/api/invites/:secret"): logged instead of the path, which may hold secrets. */
  template: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** A small method + path router: "/api/rooms/:id" style patterns, JSON errors. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
        keys.push(key);
        return "([^/]+)";
      })}/?$`,
    );
    this.routes.push({ method, template: path, pattern, keys, handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const matches = this.routes.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      if (matches.length) sendError(res, 405, "NOT_FOUND", `${req.method} is not allowed on ${path}`);
      else sendError(res, 404, "NOT_FOUND", `no such endpoint: ${path}`);
      return;
    }
    const values = route.pattern.exec(path)!.slice(1);
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i]!)]));
    try {
      await route.handler(req, res, params);
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message, error.issues, error.headers);
        return;
      }
      log(`http: ${req.method} ${route.template} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendError(res, 500, "INTERNAL", "the server failed to answer this request; it has been logged");
    }
  }
}
