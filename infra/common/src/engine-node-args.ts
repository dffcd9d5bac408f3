/**
 * V8 options of every engine process (`npm start`, tests, benchmarks; the `tally-engine` bin's
 * shebang carries the same). A persistent query keeps a fetch's records and the outputs of a
 * commit in flight alive for tens of milliseconds; with V8's default young generation (16 MiB
 * semi-spaces) they outlived young collections and were copied to the old generation. With
 * 64 MiB the engine spent less than half the time in garbage collection (`--trace-gc`, 3 M votes
 * through COUNT(*) GROUP BY with 1 MiB fetches: 1.2 s instead of 2.8–4.0 s); its longest pause in
 * the election at 1,000 votes/s was ≈50 ms (≈20 ms with 16 MiB).
 */
export const ENGINE_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
