#!/usr/bin/env node
// React's development build re-checks every render and made the dashboard's frames several times
// slower; a CLI runs the production build unless the environment asks otherwise. It must be set
// before React loads, hence the dynamic import below.
process.env.NODE_ENV ??= 'production';
const { main } = await import('./cli/main.js');

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
// tfjs and stdin can keep the event loop alive after the work is done; leave once output is out.
process.stdout.write('', () => process.exit(code));
