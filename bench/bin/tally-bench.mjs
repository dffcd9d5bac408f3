#!/usr/bin/env node
// `npm run bench`: runs src/run-all.ts from source (see infra/scripts/run-cli.mjs).
import { runCli } from '../../infra/scripts/run-cli.mjs';

runCli(import.meta.url, 'run-all');
