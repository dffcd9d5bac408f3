#!/usr/bin/env node
// The `tally-seed` command: runs src/seed/cli.ts from source (see infra/scripts/run-cli.mjs).
import { runCli } from '../../infra/scripts/run-cli.mjs';

runCli(import.meta.url, 'seed/cli');
