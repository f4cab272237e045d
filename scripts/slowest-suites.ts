// `npm run test:slowest`: runs jest (as `npm test` does, with jest's JSON report) and prints the
// slowest test files with their seconds, slowest first.
//   npm run test:slowest               # the 10 slowest
//   npm run test:slowest -- 5          # the 5 slowest
//   npm run test:slowest -- 5 test/gcp # a number, then any jest arguments
// A file's seconds are from its start to its end in its worker, so they include waiting for the
// CPU when the machine is busy: compare files of one run, not runs of a busy machine.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const top = args.length > 0 && /^[0-9]+$/.test(args[0]) ? Number(args.shift()) : 10;

const dir = mkdtempSync(join(tmpdir(), 'jest-slowest-'));
try {
  const report = join(dir, 'report.json');
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest', { paths: [ROOT] }), '--ci', '--json', `--outputFile=${report}`, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  let results: any;
  try {
    results = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    console.error(`jest wrote no report (exit ${jest.status ?? jest.signal})`);
    process.exit(jest.status || 1);
  }
  const files = (results.testResults as any[])
    .map((file) => ({
      seconds: (file.endTime - file.startTime) / 1000,
      tests: file.assertionResults.length,
      name: relative(ROOT, file.name),
    }))
    .sort((a, b) => b.seconds - a.seconds);
  const total = files.reduce((sum, file) => sum + file.seconds, 0);
  console.log(`\nThe ${Math.min(top, files.length)} slowest of ${files.length} test files (${total.toFixed(1)} s in all, over the workers):`);
  for (const file of files.slice(0, top)) {
    console.log(`${file.seconds.toFixed(1).padStart(8)} s  ${String(file.tests).padStart(4)} tests  ${file.name}`);
  }
  process.exitCode = jest.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
