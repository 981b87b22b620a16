#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so there is no separate build step for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/adapters/cli/main.ts');
