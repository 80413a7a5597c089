export { RoomDoc, contentOfUpdate, type RoomContent } from "./room-doc.js";
export { ChainsCache } from "./chains-cache.js";
export { countChanges, describeChanges, diffChains, documentSize, type ChainDiff, type ChangeCounts, type DocumentSize, type Retiming } from "./version-diff.js";
export { findDocProblem, findChangedProblem, describeProblem, typeRoomRoots, type DocProblem } from "./doc-check.js";
export { repairRoomDoc, repairNotice, type RepairReport } from "./doc-repair.js";
export { type RepairRecord } from "./doc-schema.js";
export { createLocalUndo, undoGesture } from "./local-undo.js";
export { migrateRoomDoc, type MigrationOutcome } from "./migrate.js";
export { chainFrameCount, frameIndex, frameNumber, frameRecipeAt, frameWhere, keyframeStarts, locateFrame, roomRecipeOverrides, timecode, type FramePosition } from "./timeline.js";
export { anchorAt, anchorFrame, anchorRecipe, placeAnchor, type AnchorState, type FrameAnchor, type PlacedAnchor } from "./frame-anchor.js";
export {
  CHAIN_COLORS,
  DEFAULT_FRAME_NUMBERING,
  DEFAULT_TRANSITION,
  DEFAULT_TRANSITION_FRAMES,
  DOC_SCHEMA_VERSION,
  FIRST_FRAME_CHOICES,
  FPS_CHOICES,
  MAX_KEYFRAMES_PER_CHAIN,
  MAX_LABEL_LENGTH,
  MAX_TIMECODE_START,
  MAX_TRANSITION_FRAMES,
  MAX_TRUNCATION,
  type Chain,
  type FirstFrame,
  type FrameNumbering,
  type Fps,
  type Keyframe,
  type Transition,
} from "./schema.js";
export {
  CHAIN_FILE_VERSION,
  addChainData,
  chainFileSchema,
  chainToFile,
  chainToMarrow,
  distinctChainName,
  marrowInfoSchema,
  marrowToChain,
  vectorsToChain,
  type ChainData,
  type ChainFile,
  type MarrowAnimation,
} from "./chain-file.js";
