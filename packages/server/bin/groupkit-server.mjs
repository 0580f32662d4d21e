#!/usr/bin/env node
// The published command: the built CLI. In the GroupKit repository, `npm run server` runs
// the TypeScript sources instead (no build step).
import '../dist/cli/run.mjs';
