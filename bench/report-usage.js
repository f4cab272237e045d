// Preloaded into each measured run: writes the process's peak resident memory on exit.
const { writeFileSync } = require('fs');
process.on('exit', () => {
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
});
