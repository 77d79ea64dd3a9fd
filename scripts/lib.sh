# Shared by scripts/run and scripts/test: install what is missing, never what is there.
# Versions and the reasons for them: shared/reference/TOOLCHAIN.md and docs/DEVELOPMENT.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=""
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The wasm-bindgen version the SPA is locked to; the CLI must match it exactly or trunk tries a download.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_build_tools() {
  apt_install brotli python3
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing trunk $TRUNK_VERSION (about 18 minutes on 2 cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wbg; wbg="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "Installing wasm-bindgen-cli $wbg (matches Cargo.lock)"
    # Its own lock file can name a since-yanked crate; then resolve afresh.
    cargo install wasm-bindgen-cli --version "$wbg" --locked || cargo install wasm-bindgen-cli --version "$wbg"
  fi
  if [ ! -x "$ROOT/scripts/node/node_modules/.bin/wasm-opt" ]; then
    say "Installing wasm-opt 132 (npm binaryen)"
    (cd "$ROOT/scripts/node" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_test_tools() {
  apt_install chromium chromium-driver postgresql
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
    say "Installing the browser-test packages"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_spa() {
  say "Building the SPA (release, Wasm)"
  (cd "$ROOT" && PATH="$ROOT/scripts/node/node_modules/.bin:$PATH" trunk build --release --offline)
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
