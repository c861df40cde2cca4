#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, analyse a sample article, package the .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
echo "== byline analyze samples/harbour-bridge.news"
node dist/cli.js analyze samples/harbour-bridge.news
echo "== byline check samples/ (exit 1 means findings to review, as designed)"
node dist/cli.js check samples/ || true
npm run --silent package
ls -l byline.vsix
