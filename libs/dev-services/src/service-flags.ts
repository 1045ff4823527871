/**
 * V8 settings a service runs with, wherever it is started (`npm start`, the bench, and the same
 * literally in docker/api.Dockerfile). The API's heap is capped at 512 MB: besides the cap (its live
 * heap is about 60 MB), a cap that size makes V8 collect the old generation at about 1.4 times the
 * live heap instead of 4 times. After the bench's report load the API held 180 MB of old space of
 * which 45 MB was live, 300–340 MB resident; see docs/benchmarks.md.
 */
export const SERVICE_NODE_FLAGS: Record<string, string[]> = {
  api: ['--max-old-space-size=512'],
  worker: [],
};
