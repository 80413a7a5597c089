export { RoomDoc, DOC_SCHEMA_VERSION, DEFAULT_TRANSITION_FRAMES, MAX_TRANSITION_FRAMES, type Keyframe } from "./room-doc.js";
