/** State snapshots in the state folder: file format, restore decision, restore and periodic writes. */
export {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotError,
  type SnapshotHeader,
  snapshotChunks,
} from './codec.js';
export { QuerySnapshots, type QuerySnapshotsOptions, type SnapshotSettings } from './query-snapshots.js';
export { type RestoreOutcome, restoreStores, type SnapshotSource } from './restore.js';
export {
  MAX_SNAPSHOT_AGE_MS,
  planRestore,
  type RestorePlan,
  type SnapshotExpectation,
} from './restore-plan.js';
