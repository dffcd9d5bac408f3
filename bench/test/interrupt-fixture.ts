/** Makes a temp folder, registers its removal on interrupt, says where, and waits to be interrupted. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from '../src/cleanup.js';

const dir = mkdtempSync(join(tmpdir(), 'tally-interrupt-'));
onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
console.log(`DIR ${dir}`);
setInterval(() => undefined, 60_000);
