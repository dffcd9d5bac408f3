/**
 * V8 options of every engine process (`npm start`, tests, benchmarks; the `tally-engine` bin's
 * shebang carries the same). A persistent query keeps a fetch's records and the outputs of a
 * commit in flight alive for tens of milliseconds; with V8's default young generation (16 MiB
 * semi-spaces) they outlived young collections and were copied to the old generation. With
 * 64 MiB the engine spent a third of the time in garbage collection (`--trace-gc`, 3 M votes
 * through COUNT(*) GROUP BY: 0.7 s instead of 2.0 s).
 */
export const ENGINE_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
