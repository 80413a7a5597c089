export { startCollabServer, type CollabServer, type CollabServerOptions } from "./server.js";
export { readConfig, type CollabConfig } from "./config.js";
export { RealtimeTokens } from "./access/realtime-token.js";
export { LOGIN_LIMITS } from "./auth/auth-routes.js";
export { UpdateValidator } from "./yjs/update-validator.js";
