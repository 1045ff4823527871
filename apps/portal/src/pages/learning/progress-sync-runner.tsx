import { useProgressSync } from './progress-sync';

/** Replays progress saved offline from any page (loaded by the header only when some is waiting). */
export default function ProgressSyncRunner() {
  useProgressSync();
  return null;
}
