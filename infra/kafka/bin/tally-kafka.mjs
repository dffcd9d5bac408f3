#!/usr/bin/env node
// The `tally-kafka` command: runs src/cli.ts from source (see infra/scripts/run-cli.mjs).
import { runCli } from '../../scripts/run-cli.mjs';

runCli(import.meta.url, 'cli');
