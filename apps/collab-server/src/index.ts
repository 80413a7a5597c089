export { startCollabServer, type CollabServer } from "./server.js";
export { readConfig, type CollabConfig } from "./config.js";
