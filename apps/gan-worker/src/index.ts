export { chooseBackend, defaultMaxBatch, parseBackendPreference, type BackendInfo, type BackendPreference } from "./backend.js";
export { CppnGenerator } from "./cppn-generator.js";
export type { Generator, RgbFrame } from "./generator.js";
export { ModelRegistry } from "./model-registry.js";
export { renderBatch, type EncodedFrame, type RenderOutcome } from "./frame-renderer.js";
export { encodeFrame } from "./frame-encoder.js";
export { shadowsFromRgb } from "./shadows.js";
export { connectWorker, type WorkerClientOptions } from "./worker-client.js";
