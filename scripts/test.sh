#!/usr/bin/env bash
# THE one command that runs every test layer (`npm test`):
#   compile → build → unit (engine, CLI, robustness) → accuracy gates → LSP protocol → extension suite in
#   code-server → UI end to end with the packaged .vsix → Neovim client check.
# Each layer's counts are combined; the last line is exactly `N passed, N failed`; exit 1 on any failure.
#
# Run a subset while working:  BYLINE_TEST_LAYERS="unit lsp" bash scripts/test.sh
set -uo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"

RESULTS="$REPO/out/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
LAYERS="${BYLINE_TEST_LAYERS:-compile build unit accuracy lsp e2e ui neovim}"
export BYLINE_RESULTS_DIR="$RESULTS"

# a fresh clone: install the npm dependencies first (never touches an existing node_modules)
if [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/mocha ]; then
  echo "node_modules missing: npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

wants() { [[ " $LAYERS " == *" $1 "* ]]; }

# run_layer NAME COMMAND...: times the layer and keeps its exit code. A layer that writes no counts file is a
# step (compile, build, install, package): it adds nothing to the counts when it succeeds and one failure
# when it does not.
run_layer() {
  local name="$1"; shift
  printf '\n==================== %s ====================\n' "$name"
  local start end rc
  start=$(date +%s.%N)
  BYLINE_RESULTS="$RESULTS/$name.json" BYLINE_LAYER="$name" "$@"
  rc=$?
  end=$(date +%s.%N)
  local seconds
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  printf '%s %s\n' "$rc" "$seconds" > "$RESULTS/$name.status"
  printf -- '---- %s: exit %s in %s s\n' "$name" "$rc" "$seconds"
}

# mocha over compiled test files, with spec output and a counts file; a layer with no test files fails
# loudly rather than passing silently
run_mocha() {
  local files=()
  local pattern
  for pattern in "$@"; do
    while IFS= read -r f; do files+=("$f"); done < <(find $pattern -name '*.test.js' 2>/dev/null | sort)
  done
  if ((${#files[@]} == 0)); then
    echo "no compiled test files under: $*" >&2
    return 1
  fi
  npx mocha --reporter "$REPO/out/scripts/mocha-count-reporter.js" --timeout 60000 "${files[@]}"
}

unit_dirs() {
  # every test folder except the layers that have their own step
  find out/test -mindepth 1 -maxdepth 1 -type d ! -name lsp ! -name e2e ! -name ui ! -name accuracy ! -name fixtures | sort
}

if wants compile; then run_layer compile npx tsc -p .; fi
if wants build; then run_layer build node esbuild.mjs; fi
if wants unit; then run_layer unit run_mocha $(unit_dirs); fi
if wants accuracy; then
  if [ -d out/test/accuracy ]; then
    run_layer accuracy run_mocha out/test/accuracy
  else
    echo "accuracy: no out/test/accuracy folder (accuracy gates may live with the unit tests)"
  fi
fi
if wants lsp; then run_layer lsp run_mocha out/test/lsp; fi
if wants e2e || wants ui; then
  # idempotent: seconds when code-server, Chromium and Neovim are already there
  run_layer install bash scripts/install-code-server.sh
fi
if wants e2e; then run_layer e2e node out/scripts/run-e2e.js --results "$RESULTS/e2e.json"; fi
if wants ui; then
  run_layer package npm run --silent package
  run_layer ui node out/test/ui/run.js --vsix "$REPO/byline.vsix" --results "$RESULTS/ui.json"
fi
if wants neovim; then run_layer neovim bash scripts/check-neovim.sh; fi

# ---- summary -----------------------------------------------------------------------------------------
node - "$RESULTS" <<'EOF'
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const rows = [];
let passed = 0, failed = 0;
const statuses = fs.readdirSync(dir).filter((f) => f.endsWith('.status'));
// keep the order the layers ran in
statuses.sort((a, b) => fs.statSync(path.join(dir, a)).mtimeMs - fs.statSync(path.join(dir, b)).mtimeMs);
for (const file of statuses) {
  const name = file.replace(/\.status$/, '');
  const [rc, seconds] = fs.readFileSync(path.join(dir, file), 'utf8').trim().split(/\s+/).map(Number);
  let p = 0, f = 0, pending = 0, kind = 'tests';
  const counts = path.join(dir, `${name}.json`);
  if (fs.existsSync(counts)) {
    const r = JSON.parse(fs.readFileSync(counts, 'utf8'));
    p = r.passed; f = r.failed; pending = r.pending || 0;
    if (rc !== 0 && f === 0) f = 1; // crashed after counting: still a failure
  } else {
    kind = 'step';
    if (rc !== 0) f = 1;
  }
  passed += p; failed += f;
  const counts_ = kind === 'step'
    ? `${(rc === 0 ? 'ok' : 'FAILED').padEnd(25)}`
    : `${String(p).padStart(5)} passed ${String(f).padStart(4)} failed${pending ? ` ${pending} pending` : ''}`.padEnd(25);
  rows.push(`${name.padEnd(10)} ${counts_} ${seconds.toFixed(1).padStart(7)} s`);
}
console.log('\n==================== summary ====================');
for (const r of rows) console.log(r);
console.log('');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
EOF
