#!/usr/bin/env node
// The `tally-vote` command: runs src/vote/cli.ts from source (see infra/scripts/run-cli.mjs).
import { runCli } from '../../infra/scripts/run-cli.mjs';

runCli(import.meta.url, 'vote/cli');
