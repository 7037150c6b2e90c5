#!/usr/bin/env bash
# The project's one test command: Rust tests, then the browser end-to-end
# tests (e2e/) against the server binary those Rust tests built.
#
#   bash scripts/test.sh
#
# Browser tests need `npm ci --prefix e2e` and Debian's chromium; without them
# they are skipped with a message, unless ASKAF_REQUIRE_EXTERNAL=1 (as in CI),
# in which case this script fails. The tests of the optional sentence model
# (crates/askaf-embed, serving with it, and the browser's answer across
# languages) need ASKAF_TEST_E5 set to its directory:
# ASKAF_TEST_E5="$(bash scripts/fetch-model.sh)" (as in CI).
# The PostgreSQL tests start a throwaway cluster of their own (Debian's
# `postgresql` package; no server needs to run).
# The closing lines name every optional test that was skipped, and why.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# Optional tests skipped on this run, one line each: what, and why.
skipped=()
chromium="${ASKAF_CHROMIUM:-/usr/bin/chromium}"
if [[ "${ASKAF_REQUIRE_EXTERNAL:-}" != "1" ]]; then
  if [[ -z "${ASKAF_TEST_E5:-}" ]]; then
    skipped+=("multilingual-model tests (crates/askaf-embed/tests/it/e5.rs, it::offtopic::with_the_multilingual_model_*, it::ask::serving_with_the_model_*, e2e/across.test.mjs): ASKAF_TEST_E5 is not set; set ASKAF_TEST_E5=\"\$(bash scripts/fetch-model.sh)\"")
  fi
  if ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    skipped+=("PostgreSQL tests (askaf-store's *::postgres and copy round trip, it::postgres): PostgreSQL is not installed; apt-get install postgresql")
  fi
  if [[ ! -f e2e/node_modules/playwright-core/package.json ]]; then
    skipped+=("browser tests (e2e/*.test.mjs): e2e/node_modules is missing or incomplete; run \`npm ci --prefix e2e\` (and install Debian's chromium)")
  elif [[ ! -e "$chromium" ]]; then
    skipped+=("browser tests (e2e/*.test.mjs): $chromium is missing; apt-get install chromium fonts-noto-core")
  fi
fi

report_skipped() {
  if ((${#skipped[@]} == 0)); then
    echo "==> no optional test was skipped"
    return
  fi
  echo "==> skipped optional tests (set ASKAF_REQUIRE_EXTERNAL=1 to make these fail instead):"
  for line in "${skipped[@]}"; do
    echo "SKIPPED: $line"
  done
}
trap report_skipped EXIT

# --all-features: the server binary with the sentence model (feature `model`),
# which the model tests and the browser tests serve with.
# Three test threads more than the machine has cores: crates/askaf's
# integration tests (tests/it) spend more than half their time waiting (for a
# server to start or stop, a database to come back, a throttle's interval to
# pass). With a thread a core they and the servers they start used some 410
# CPU-seconds, where their 527 s in CI on two cores offered 1054; with 3
# threads on a loaded machine they took a quarter less time. On 7 December,
# on two cores shared with other work (load 5 to 10), 5 threads took them from
# 472 s to 324 s (the same 380 CPU-seconds), all 429 passing.
# RUST_TEST_THREADS, if set, has the last word.
if [[ -z "${RUST_TEST_THREADS:-}" ]]; then
  cores="$(nproc 2>/dev/null || echo 2)"
  export RUST_TEST_THREADS=$((cores + 3))
fi
echo "==> cargo test --workspace --all-features --locked (RUST_TEST_THREADS=$RUST_TEST_THREADS)"
cargo test --workspace --all-features --locked

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
fi
