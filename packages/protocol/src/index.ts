export * from "./result.js";
export * from "./recipe-schema.js";
export * from "./http.js";
export * from "./events.js";
export * from "./models.js";
export * from "./roles.js";
export * from "./realtime.js";
export * from "./comments.js";
