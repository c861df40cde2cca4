#!/usr/bin/env bash
# Installs what the real-editor test layers need, offline-friendly and idempotent:
#   - Debian packages: the native toolchain code-server's modules rebuild with, ripgrep, chromium, neovim;
#   - code-server 4.100.3 (the last release that runs on Node 20) from the npm registry, installed by hand
#     because its own postinstall downloads things and fails offline (see ../shared/design/TESTING.md).
# Everything lands in $BYLINE_CODE_SERVER_DIR (default: <repo>/.cache/code-server, gitignored).
# A second run only checks and returns.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="4.100.3"
DEST="${BYLINE_CODE_SERVER_DIR:-$REPO/.cache/code-server}"
PKG="$DEST/package"
STAMP="$DEST/.installed-$VERSION"

log() { printf '[install-code-server] %s\n' "$*"; }

# --- Debian packages ---------------------------------------------------------------------------------
APT_PACKAGES=(build-essential python3 libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev pkg-config
  ripgrep chromium neovim)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package lists are empty (a fresh container)
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial -e auxfiles || true)" ]; then
    $SUDO apt-get update -q
  fi
  # another process may hold the dpkg lock for a while: wait rather than fail
  $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" ||
    { $SUDO apt-get update -q && $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"; }
else
  log "Debian packages present"
fi

# --- code-server -------------------------------------------------------------------------------------
if [ -f "$STAMP" ] && [ -f "$PKG/lib/vscode/out/server-main.js" ] &&
  [ -f "$PKG/node_modules/argon2/lib/binding/napi-v3/argon2.node" ]; then
  log "code-server $VERSION already installed in $DEST"
  exit 0
fi

log "installing code-server $VERSION into $DEST"
rm -rf "$PKG"
mkdir -p "$DEST"
cd "$DEST"
tarball="$(npm pack "code-server@$VERSION" --silent | tail -n 1)"
tar -xzf "$tarball"
rm -f "$tarball"

export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

cd "$PKG"
npm install --omit=dev --ignore-scripts --no-package-lock
# code-server's own entry (the UI run, --install-extension) loads argon2 for password auth even with
# --auth none; its prebuilt download fails offline, so this falls back to a source build
npm rebuild argon2

cd "$PKG/lib/vscode"
npm install --omit=dev --ignore-scripts --no-package-lock
npm rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh

cd "$PKG/lib/vscode/extensions"
npm install --omit=dev --no-package-lock

test -f "$PKG/lib/vscode/out/server-main.js"
touch "$STAMP"
log "done: $PKG"
