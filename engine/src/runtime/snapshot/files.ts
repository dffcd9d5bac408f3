/**
 * Snapshot files in the state folder: `<stateDir>/snapshots/<query app id>/<store>.snapshot`.
 * Written atomically — a temporary file, fsync, rename over the old one, fsync of the folder — so
 * a crash leaves either the previous snapshot or the new one, never a torn file (and the checksum
 * catches what the file system might still get wrong).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TMP_SUFFIX = '.tmp';

/** The folder of one persistent query's snapshots. */
export function queryFolder(stateDir: string, appId: string): string {
  return join(stateDir, 'snapshots', appId);
}

/** The snapshot file of one state store. */
export function snapshotFile(folder: string, storeName: string): string {
  return join(folder, `${storeName}.snapshot`);
}

/** Writes `chunks` to `path` atomically and durably; returns the bytes written. */
export async function writeFileAtomically(path: string, chunks: Iterable<Buffer>): Promise<number> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const tmp = `${path}.${process.pid}-${randomUUID().slice(0, 8)}${TMP_SUFFIX}`;
  let bytes = 0;
  const file = await open(tmp, 'wx');
  try {
    for (const chunk of chunks) {
      await file.write(chunk);
      bytes += chunk.length;
    }
    await file.sync();
  } catch (e) {
    await file.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await file.close();
  await rename(tmp, path);
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return bytes;
}

/** The file's bytes, or undefined if it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Removes temporary files that another (crashed) process left behind in `folder`. */
export async function removeLeftovers(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const mine = `.${process.pid}-`;
  await Promise.all(
    names
      .filter((n) => n.endsWith(TMP_SUFFIX) && !n.includes(mine))
      .map((n) => rm(join(folder, n), { force: true })),
  );
}

/** Removes a file or folder if present. */
export async function remove(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
