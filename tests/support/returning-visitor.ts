// A browser context that has been to the studio before, in local mode: its name and
// colour are kept (local storage), and so is the cookie that lets the room page fetch
// its notes as that name before the studio's code runs.
import type { BrowserContext } from "playwright-core";
import { LOCAL_NAME_COOKIE } from "../../apps/web/lib/room-notes-url.js";

export async function asReturningVisitor(context: BrowserContext, webUrl: string, identity: { name: string; color: string }): Promise<void> {
  await context.addCookies([{ name: LOCAL_NAME_COOKIE, value: encodeURIComponent(identity.name), url: webUrl }]);
  await context.addInitScript(`localStorage.setItem("umbra:local-identity", ${JSON.stringify(JSON.stringify(identity))})`);
}
