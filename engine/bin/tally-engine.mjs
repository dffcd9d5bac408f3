#!/usr/bin/env node
// The `tally-engine` command: runs src/cli.ts from source (see infra/scripts/run-cli.mjs).
import { runCli } from '../../infra/scripts/run-cli.mjs';

runCli(import.meta.url, 'cli', ['--max-semi-space-size=64']);
