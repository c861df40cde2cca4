#!/usr/bin/env bash
# Instructions per 1,000-word article for a compiled engine, counted under valgrind. On this shared machine wall
# times of the same code swing by up to 1.8× (docs/PERFORMANCE.md, Measuring); instruction counts repeat, so two
# versions of the engine compare by them.
#   bash scripts/bench-instructions.sh [--cache] [root of a compiled checkout, default: this one]
# With --cache, valgrind also simulates the caches (a 32 KiB L1d and, as its "last level", the 1 MiB L2 of this
# machine's cores) and the script prints L1d and L2 misses per article too: what is left of the engine waits on
# memory more than it computes, and an L2 miss costs ~40 cycles when L3 answers and far more when another tenant
# of the machine has taken L3 (the slow spells), none of which an instruction count shows.
# Needs valgrind (apt-get install valgrind) and `npm run compile` in that checkout. The count is the difference
# between 130 and 80 passes over five articles built from our samples, so start-up and V8's compiling cancel out
# (between 15 and 25 passes V8 was still optimising functions: over half of one stage's count was its compiler);
# --predictable and fixed seeds make it repeatable. It takes about 8 minutes (about 12 with --cache).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache=no
if [ "${1:-}" = "--cache" ]; then cache=yes; shift; fi
root="$(cd "${1:-$here}" && pwd)"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
[ -f "$root/out/src/server/engine.js" ] || { echo "$root/out/src/server/engine.js is missing: run npm run compile there" >&2; exit 1; }
# prints "instructions L1d-misses L2-misses" for that many passes (the misses 0 without --cache)
passes() {
  valgrind --tool=cachegrind --cache-sim=$cache --D1=32768,8,64 --LL=1048576,16,64 --cachegrind-out-file=/dev/null \
    node --predictable --hash-seed=1 --random-seed=1 -e "
      const { analyzeText } = require('$root/out/src/server/engine.js');
      const { articleOfWords } = require('$here/out/scripts/bench/inputs.js');
      const articles = [0, 1, 2, 3, 4].map((seed) => articleOfWords(1000, seed));
      for (let pass = 0; pass < $1; pass++) for (const text of articles) analyzeText(text, { format: 'news' });" 2>&1 |
    awk '{ gsub(",", "") } /I *refs/ { i = $NF } /D1 *misses/ { d = $4 } /LLd *misses/ { l = $4 } END { print i, d + 0, l + 0 }'
}
read -r i80 d80 l80 < <(passes 80)
read -r i130 d130 l130 < <(passes 130)
echo "$root: $(( (i130 - i80) / 250 )) instructions per 1,000-word article"
if [ "$cache" = yes ]; then
  echo "$root: $(( (d130 - d80) / 250 )) L1d misses, $(( (l130 - l80) / 250 )) L2 misses per 1,000-word article (simulated 32 KiB L1d, 1 MiB L2)"
fi
