// Preloaded into a benchmarked process (node --import): prints its peak RSS at exit.
process.on('exit', () => process.stderr.write(`maxrss-kib ${process.resourceUsage().maxRSS}\n`));
