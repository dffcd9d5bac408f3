/**
 * What a benchmark leaves on the machine while it runs — temp folders, test databases, brokers —
 * removed by its own `finally`, and also on Ctrl-C / SIGTERM, which skip every `finally`: a
 * benchmark interrupted half-way once left a 1.3 GB folder and a database behind.
 */
const pending = new Set<() => Promise<void> | void>();
let installed = false;

/** Registers `undo` to run on an interrupt; returns the function that unregisters it. */
export function onInterrupt(undo: () => Promise<void> | void): () => void {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`bench: ${signal}: removing temp folders, databases and brokers…`);
        void Promise.allSettled([...pending].map(async (fn) => fn())).then(() => process.exit(130));
      });
    }
  }
  pending.add(undo);
  return () => pending.delete(undo);
}
