#!/usr/bin/env bash
# The project's one test command: Rust tests, a debug build of the server,
# then the browser end-to-end tests (e2e/) against that build.
#
#   bash scripts/test.sh
#
# Browser tests need `npm ci --prefix e2e` and Debian's chromium; without them
# they are skipped with a message, unless ASKAF_REQUIRE_EXTERNAL=1 (as in CI),
# in which case this script fails. The tests of the optional sentence model
# (crates/askaf-embed, and serving with it) need ASKAF_TEST_MODEL set to its
# directory: ASKAF_TEST_MODEL="$(bash scripts/fetch-model.sh)" (as in CI); those of
# the multilingual model ASKAF_TEST_E5="$(bash scripts/fetch-model.sh e5)" (also in CI).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

echo "==> cargo test --workspace --locked"
cargo test --workspace --locked

echo "==> cargo build -p askaf --locked"
cargo build -p askaf --locked

if [[ -d e2e/node_modules ]]; then
  echo "==> node --test e2e/"
  ASKAF_BIN="${ASKAF_BIN:-$repo_root/target/debug/askaf}" node --test e2e/
elif [[ "${ASKAF_REQUIRE_EXTERNAL:-}" == "1" ]]; then
  echo "error: e2e/node_modules is missing and ASKAF_REQUIRE_EXTERNAL=1: run \`npm ci --prefix e2e\` first" >&2
  exit 1
else
  echo "SKIPPED: browser tests (e2e/) not run: e2e/node_modules is missing; run \`npm ci --prefix e2e\` (and install Debian's chromium) to run them"
fi
