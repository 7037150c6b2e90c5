#!/usr/bin/env bash
# Scale: N synthetic articles, served by the release build of askaf. Measures
# cold and warm start, memory, edit-to-served time, random-page throughput
# against nginx serving the same pages precompressed, and Ask latency, in one
# run, and prints them as Markdown table rows. See bench/README.md.
#
#   bash bench/scale.sh 1000
#   BENCH_DURATION=30s bash bench/scale.sh 10000
#
# Environment (all optional):
#   BENCH_SEED           generator and sampling seed (default 1)
#   BENCH_SAMPLE         articles in the page load, mirrored for nginx (default: all N)
#   BENCH_DURATION       wrk duration per server (default 10s)
#   BENCH_THREADS        wrk threads (default 2)
#   BENCH_CONNECTIONS    wrk connections (default 64)
#   BENCH_WARMUP         uncounted wrk run per server (default 2s; 0 to skip)
#   BENCH_ASK            questions asked over /api/v1/ask (default 300)
#   BENCH_ASK_WARMUP     other questions asked first, not timed (default 100; 0 to skip)
#   BENCH_START_TIMEOUT  seconds to wait for `listening on` (default 600)
#   BENCH_EDIT_TIMEOUT   seconds to wait for an edit to be served (default 300)
#   BENCH_NO_BUILD=1     skip `cargo build --release -p askaf`
#   BENCH_SITE           a directory gen_site.py wrote into (content/, meta/): used, not generated
#   ASKAF_BIN            binary to run (default target/release/askaf)
#   PYTHON               Python 3 interpreter (default python3)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=bench/lib.sh
source bench/lib.sh

count="${1:-}"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "usage: bash bench/scale.sh N   (N articles, at least 1)"

seed="${BENCH_SEED:-1}"
sample="${BENCH_SAMPLE:-$count}"
duration="${BENCH_DURATION:-10s}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-64}"
warmup="${BENCH_WARMUP:-2s}"
asks="${BENCH_ASK:-300}"
ask_warmup="${BENCH_ASK_WARMUP:-100}"
start_timeout="${BENCH_START_TIMEOUT:-600}"
edit_timeout="${BENCH_EDIT_TIMEOUT:-300}"
askaf_bin="${ASKAF_BIN:-$repo_root/target/release/askaf}"
python="${PYTHON:-python3}"
browser_encoding="gzip, deflate, br, zstd"

for tool in wrk nginx curl "$python"; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool is not installed (Debian: apt-get install wrk nginx-light curl python3)"
done

if [[ "${BENCH_NO_BUILD:-}" != "1" ]]; then
  echo "==> cargo build --release -p askaf"
  cargo build --release -p askaf --locked
fi
[[ -x "$askaf_bin" ]] || die "$askaf_bin not found or not executable"

work="$(mktemp -d -t askaf-scale.XXXXXX)"
content="$work/content"
meta="$work/meta"
data="$work/data"
askaf_pid=""
nginx_pid=""
child_pid=""

# Stops one process: TERM, up to 30 s (askaf drains connections for up to 20 s), then KILL.
stop_pid() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

restore_edit=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "$child_pid" "$nginx_pid" "$askaf_pid"; do
    stop_pid "$pid"
  done
  # A site given with BENCH_SITE is left as it was found.
  if [[ -n "${BENCH_SITE:-}" && -n "$restore_edit" && -f "$work/edited-original.md" ]]; then
    cp -p "$work/edited-original.md" "$restore_edit"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so that a signal to this
# script reaches cleanup at once and cleanup can stop the command.
run() {
  "$@" &
  child_pid=$!
  local status=0
  wait "$child_pid" || status=$?
  child_pid=""
  return "$status"
}

# "RSS HWM" of a process, in MB with one decimal.
memory_of() {
  awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { printf "%.1f %.1f\n", r / 1024, h / 1024 }' "/proc/$1/status"
}

# Starts askaf on the generated content and data directory; sets askaf_pid,
# askaf_url and start_seconds (from exec to the `listening on` line).
start_askaf() {
  local out="$work/askaf-$1.out" err="$work/askaf-$1.err"
  local t0=$EPOCHREALTIME
  ASKAF_ASK_PER_MINUTE=1000000 "$askaf_bin" serve --content "$content" --data "$data" \
    --addr 127.0.0.1:0 >"$out" 2>"$err" &
  askaf_pid=$!
  askaf_url=""
  local line
  while [[ -z "$askaf_url" ]]; do
    if [[ -s "$out" ]] && line="$(grep -m1 -oE 'listening on http://[^[:space:]]+' "$out")"; then
      start_seconds="$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')"
      askaf_url="${line#listening on }"
      askaf_url="${askaf_url%/}"
      break
    fi
    kill -0 "$askaf_pid" 2>/dev/null || {
      tail -n 30 "$err" >&2
      die "askaf exited before listening ($1 start)"
    }
    awk -v a="$t0" -v b="$EPOCHREALTIME" -v t="$start_timeout" 'BEGIN { exit !(b - a > t) }' &&
      die "askaf did not print 'listening on' within $start_timeout s ($1 start)"
    sleep 0.02
  done
  echo "    askaf listening at $askaf_url after $start_seconds s (pid $askaf_pid)"
}

# --- content -----------------------------------------------------------------
if [[ -n "${BENCH_SITE:-}" ]]; then
  # A site gen_site.py wrote before (DIR/content and DIR/meta), for sizes
  # whose generation takes minutes; it is not changed (the edit is undone).
  [[ -d "$BENCH_SITE/content" && -f "$BENCH_SITE/meta/paths.tsv" ]] ||
    die "BENCH_SITE=$BENCH_SITE has no content/ and meta/paths.tsv from bench/gen_site.py"
  content="$BENCH_SITE/content"
  meta="$BENCH_SITE/meta"
  echo "==> using the site in $BENCH_SITE ($(wc -l <"$meta/paths.tsv") articles)"
else
  echo "==> generating $count articles (seed $seed) in $content"
  run "$python" bench/gen_site.py --count "$count" --out "$content" --meta "$meta" --seed "$seed"
fi
markdown_mb="$(find "$content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')"

echo "==> $askaf_bin check --content $content"
t0=$EPOCHREALTIME
run "$askaf_bin" check --content "$content" >"$work/check.out" 2>&1 || {
  tail -n 30 "$work/check.out" >&2
  die "the generated content does not pass askaf check"
}
check_seconds="$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')"
echo "    passes ($check_seconds s): $(tail -n 1 "$work/check.out")"

# --- cold and warm start -------------------------------------------------------
mkdir -p "$data"
echo "==> cold start: empty data directory"
start_askaf cold
cold_seconds=$start_seconds
read -r cold_rss cold_hwm < <(memory_of "$askaf_pid")
echo "    VmRSS $cold_rss MB, VmHWM $cold_hwm MB"
stop_pid "$askaf_pid"
askaf_pid=""

echo "==> warm start: the same data directory"
start_askaf warm
warm_seconds=$start_seconds
read -r warm_rss warm_hwm < <(memory_of "$askaf_pid")
echo "    VmRSS $warm_rss MB, VmHWM $warm_hwm MB"

# --- the same pages, for nginx -------------------------------------------------
"$python" bench/scale_client.py sample --paths "$meta/paths.tsv" --count "$sample" --seed "$seed" >"$work/sample.tsv"
cut -f2 "$work/sample.tsv" >"$work/sample-paths.txt"
sampled="$(wc -l <"$work/sample-paths.txt")"
echo "==> mirroring $sampled sampled articles from askaf (identity, gzip, br)"
run "$python" bench/scale_client.py mirror --url "$askaf_url" --sample "$work/sample.tsv" \
  --www "$work/www" >"$work/mirror.json"
echo "    $(cat "$work/mirror.json")"
chmod -R a+rX "$work"

nginx_port="$(free_port)"
# gzip_static: a request accepting gzip gets PATH.gz when it exists.
write_nginx_conf "$work/nginx" "$nginx_port" "$work/www" 'try_files $uri =404;' "gzip_static on;"
echo "==> starting nginx on 127.0.0.1:$nginx_port (gzip_static on)"
nginx_url="http://127.0.0.1:$nginx_port"
probe="$(head -n 1 "$work/sample-paths.txt")"
start_nginx "$work/nginx" "$nginx_url$probe" "$work/nginx-probe.html"
cmp -s "$work/www$probe" "$work/nginx-probe.html" ||
  die "nginx does not serve the same bytes as askaf for $probe (see $work/nginx/error.log)"

# What each server sends a browser for the probe page: encoding and size.
served_as() {
  curl -fsS -o /dev/null -H "Accept-Encoding: $browser_encoding" \
    -w '%header{content-encoding} %{size_download}' "$1" | awk '{ if (NF < 2) print "identity", $1; else print $1, $2 }'
}
read -r askaf_enc askaf_size < <(served_as "$askaf_url$probe")
read -r nginx_enc nginx_size < <(served_as "$nginx_url$probe")
echo "    a browser's Accept-Encoding for $probe: askaf sends $askaf_enc ($askaf_size bytes), nginx sends $nginx_enc ($nginx_size bytes)"

# --- page load -----------------------------------------------------------------
cat >"$work/random.lua" <<EOF
-- Each request asks for one of the sampled articles, chosen at random, with a browser's Accept-Encoding.
local paths = {}
for line in io.lines("$work/sample-paths.txt") do paths[#paths + 1] = line end
wrk.headers["Accept-Encoding"] = "$browser_encoding"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", $seed * 1000 + threads)
end
function init(args)
  math.randomseed(seed)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
EOF

# Runs wrk, prints its report, and stores Requests/sec in the named variable.
run_wrk() {
  local name=$1 url=$2 out="$work/wrk-$1.txt"
  if [[ "$warmup" != "0" ]]; then
    run wrk -t"$threads" -c"$connections" -d"$warmup" -s "$work/random.lua" "$url" >/dev/null
  fi
  echo "==> wrk -t$threads -c$connections -d$duration, $sampled random articles ($name)"
  run wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$work/random.lua" "$url" >"$out"
  cat "$out"
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    die "$name answered with errors during the run (see above)"
  fi
  local rps
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  [[ -n "$rps" ]] || die "could not read Requests/sec from wrk output for $name"
  printf -v "$3" '%s' "$rps"
}
askaf_rps=""
nginx_rps=""
# Other work on the machine skews every figure: say how busy it was.
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
run_wrk askaf "$askaf_url" askaf_rps
run_wrk nginx "$nginx_url" nginx_rps
ratio="$(awk -v a="$askaf_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", a / n }')"

# --- Ask -----------------------------------------------------------------------
echo "==> Ask: $asks questions over /api/v1/ask, one at a time, after $ask_warmup others not timed"
run "$python" bench/scale_client.py ask --url "$askaf_url" --questions "$meta/questions.tsv" \
  --count "$asks" --warmup "$ask_warmup" --seed "$seed" >"$work/ask.json" || die "Ask failed: $(cat "$work/ask.json")"
echo "    $(cat "$work/ask.json")"
read -r ask_p50 ask_p99 < <("$python" -c 'import json, sys; a = json.load(open(sys.argv[1])); print(a["p50_ms"], a["p99_ms"])' "$work/ask.json")

read -r load_rss load_hwm < <(memory_of "$askaf_pid")
echo "==> askaf after the load: VmRSS $load_rss MB, VmHWM $load_hwm MB"
# Of the resident memory, how much is the index's files mapped from disk
# (page cache the kernel can take back) and how much the process's own.
load_split="$(awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } END { printf "%.1f MB own (RssAnon), %.1f MB mapped files (RssFile)", a / 1024, f / 1024 }' "/proc/$askaf_pid/status")"
echo "    $load_split"

# --- edit to served ------------------------------------------------------------
edit_row="$(awk -F '\t' '$1 == "en" { print; exit }' "$work/sample.tsv")"
[[ -n "$edit_row" ]] || edit_row="$(head -n 1 "$work/sample.tsv")"
edit_path="$(cut -f2 <<<"$edit_row")"
edit_file="$content/$(cut -f3 <<<"$edit_row")"
marker="scalemark$RANDOM$RANDOM"
echo "==> editing $edit_file (marker $marker); polling $edit_path every 0.1 s for up to $edit_timeout s"
cp -p "$edit_file" "$work/edited-original.md"
restore_edit="$edit_file"
if run "$python" bench/scale_client.py edit --url "$askaf_url" --path "$edit_path" --file "$edit_file" \
  --marker "$marker" --max-seconds "$edit_timeout" >"$work/edit.json"; then
  edit_seconds="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["seconds"])' "$work/edit.json")"
else
  edit_seconds="> $edit_timeout (not served)"
fi
echo "    $(cat "$work/edit.json")"
read -r edit_rss edit_hwm < <(memory_of "$askaf_pid")
echo "    askaf after the edit: VmRSS $edit_rss MB, VmHWM $edit_hwm MB"

# --- results -------------------------------------------------------------------
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "== results: $count articles ($markdown_mb MB of Markdown), commit $commit, $(nproc) cores, $(date -u +%Y-%m-%d) =="
echo "askaf check: $check_seconds s; page load: wrk -t$threads -c$connections -d$duration over $sampled random articles,"
echo "Accept-Encoding: $browser_encoding; askaf sends $askaf_enc, nginx sends $nginx_enc (gzip_static; no brotli module)."
echo "Memory is VmRSS/VmHWM in MB; edit-to-served includes the content watch's event batching (0.1 s)."
echo "Load average before the page load: $load_before. After the load: $load_split."
echo
echo "| N | cold start (s) | warm start (s) | RSS/HWM after cold start | RSS/HWM after warm start | RSS/HWM after load | edit→served (s) | askaf req/s | nginx req/s | askaf/nginx | Ask p50 (ms) | Ask p99 (ms) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s/%s | %s/%s | %s/%s | %s | %.0f | %.0f | %s | %s | %s |\n' \
  "$count" "$cold_seconds" "$warm_seconds" "$cold_rss" "$cold_hwm" "$warm_rss" "$warm_hwm" \
  "$load_rss" "$load_hwm" "$edit_seconds" "$askaf_rps" "$nginx_rps" "$ratio" "$ask_p50" "$ask_p99"
