// Preloaded into each measured run: writes the process's peak resident memory and CPU time on exit.
const { writeFileSync } = require('fs');
process.on('exit', () => {
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
});
