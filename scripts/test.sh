#!/usr/bin/env bash
# The project's one test command: Rust tests, then the browser end-to-end
# tests (e2e/) against the server binary those Rust tests built.
#
#   bash scripts/test.sh
#
# Browser tests need `npm ci --prefix e2e` and Debian's chromium; without them
# they are skipped with a message, unless ASKAF_REQUIRE_EXTERNAL=1 (as in CI),
# in which case this script fails. The tests of the optional sentence model
# (crates/askaf-embed, and serving with it) need ASKAF_TEST_MODEL set to its
# directory: ASKAF_TEST_MODEL="$(bash scripts/fetch-model.sh)" (as in CI).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

echo "==> cargo test --workspace --locked"
cargo test --workspace --locked

# The integration tests of crates/askaf made cargo build the server binary
# (CARGO_BIN_EXE_askaf) with the workspace's feature set; the browser tests
# use that very file. A separate `cargo build -p askaf` would resolve features
# for askaf alone and recompile a few dozen crates for nothing.
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
askaf_bin="${ASKAF_BIN:-$target_dir/debug/askaf}"

if [[ -d e2e/node_modules ]]; then
  if [[ ! -x "$askaf_bin" ]]; then
    echo "error: $askaf_bin is missing after cargo test; set ASKAF_BIN to the askaf binary" >&2
    exit 1
  fi
  # Explicit files: Node 21 and later read `node --test` arguments as globs
  # and find no tests in a bare directory.
  echo "==> node --test e2e/*.test.mjs"
  ASKAF_BIN="$askaf_bin" node --test e2e/*.test.mjs
elif [[ "${ASKAF_REQUIRE_EXTERNAL:-}" == "1" ]]; then
  echo "error: e2e/node_modules is missing and ASKAF_REQUIRE_EXTERNAL=1: run \`npm ci --prefix e2e\` first" >&2
  exit 1
else
  echo "SKIPPED: browser tests (e2e/) not run: e2e/node_modules is missing; run \`npm ci --prefix e2e\` (and install Debian's chromium) to run them"
fi
