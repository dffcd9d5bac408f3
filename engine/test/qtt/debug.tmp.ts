import { join } from 'node:path';
import { expand, type QttCase } from './cases.js';
import { readJsonc } from './jsonc.js';
import { runCase } from './run-case.js';
import { QTT_DIR } from './suite.js';
const [file, name] = process.argv.slice(2);
const doc = readJsonc(join(QTT_DIR, `${file}.json`)) as { tests: QttCase[] };
for (const c of expand(file!, doc.tests)) {
  if (!c.name.includes(name!)) continue;
  if (c.skip) continue;
  console.log(c.name, JSON.stringify(c.test.statements));
  console.log(await runCase(c.test));
}
