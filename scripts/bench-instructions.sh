#!/usr/bin/env bash
# Instructions per 1,000-word article for a compiled engine, counted under valgrind. On this shared machine wall
# times of the same code swing by up to 1.8× (docs/PERFORMANCE.md, Measuring); instruction counts repeat, so two
# versions of the engine compare by them.
#   bash scripts/bench-instructions.sh [root of a compiled checkout, default: this one]
# Needs valgrind (apt-get install valgrind) and `npm run compile` in that checkout. The count is the difference
# between 130 and 80 passes over five articles built from our samples, so start-up and V8's compiling cancel out
# (between 15 and 25 passes V8 was still optimising functions: over half of one stage's count was its compiler);
# --predictable and fixed seeds make it repeatable. It takes about 8 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "${1:-$here}" && pwd)"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
[ -f "$root/out/src/server/engine.js" ] || { echo "$root/out/src/server/engine.js is missing: run npm run compile there" >&2; exit 1; }
passes() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --predictable --hash-seed=1 --random-seed=1 -e "
      const { analyzeText } = require('$root/out/src/server/engine.js');
      const { articleOfWords } = require('$here/out/scripts/bench/inputs.js');
      const articles = [0, 1, 2, 3, 4].map((seed) => articleOfWords(1000, seed));
      for (let pass = 0; pass < $1; pass++) for (const text of articles) analyzeText(text, { format: 'news' });" 2>&1 |
    awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
}
low=$(passes 80)
high=$(passes 130)
echo "$root: $(( (high - low) / 250 )) instructions per 1,000-word article"
