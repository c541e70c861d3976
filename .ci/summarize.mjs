// Sums vitest JSON reports across workspaces. Prints per-package lines, then the plain summary
// "N passed, N failed" as the very last line. Exits non-zero when any test or suite failed, when
// a workspace with tests produced no report (its build, lint or typecheck step failed first), or
// when the test command itself failed (argument 1, its exit status) although every suite passed:
// `turbo run test --continue` still runs a package's tests after its lint or typecheck failed, and
// that failure counts once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps', 'examples'];
let passed = 0;
let failed = 0;
let problems = 0;

for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (!manifest.scripts?.test) continue;
    const reportPath = join(dir, 'test-results', 'vitest.json');
    if (!existsSync(reportPath)) {
      console.log(`${manifest.name}: no test report (build, lint, typecheck or test run failed)`);
      problems += 1;
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const p = report.numPassedTests ?? 0;
    const f = report.numFailedTests ?? 0;
    const brokenSuites = (report.testResults ?? []).filter(
      (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
    ).length;
    passed += p;
    failed += f + brokenSuites;
    if (brokenSuites > 0) problems += 1;
    console.log(
      `${manifest.name}: ${p} passed, ${f} failed${brokenSuites ? `, ${brokenSuites} test files failed to run` : ''}`,
    );
  }
}

const commandStatus = Number(process.argv[2] ?? 0);
if (commandStatus !== 0 && failed === 0) {
  console.log(
    `pnpm test exited with status ${commandStatus} outside the test suites (a lint, typecheck or build step failed: see above)`,
  );
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems > 0 ? 1 : 0);
