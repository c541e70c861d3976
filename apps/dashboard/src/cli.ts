#!/usr/bin/env node
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
// tfjs and stdin can keep the event loop alive after the work is done; leave once output is out.
process.stdout.write('', () => process.exit(code));
