#!/usr/bin/env bash
# Article page throughput: askaf (release build) against nginx serving the very
# same bytes as a static file. See bench/README.md.
#
#   bash bench/pages.sh                 # 10 s per server
#   BENCH_DURATION=30s bash bench/pages.sh
#
# Environment (all optional):
#   BENCH_DURATION     wrk duration per server (default 10s)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_CONNECTIONS  wrk connections (default 64)
#   BENCH_WARMUP       wrk warm-up run per server, not counted (default 2s; 0 to skip)
#   BENCH_LANG         language of the article to fetch (default en)
#   BENCH_NO_BUILD=1   skip `cargo build --release -p askaf`
#   ASKAF_BIN          binary to run (default target/release/askaf)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=bench/lib.sh
source bench/lib.sh

duration="${BENCH_DURATION:-10s}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-64}"
warmup="${BENCH_WARMUP:-2s}"
lang="${BENCH_LANG:-en}"
askaf_bin="${ASKAF_BIN:-$repo_root/target/release/askaf}"

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool is not installed (Debian: apt-get install wrk nginx-light curl)"
done

if [[ "${BENCH_NO_BUILD:-}" != "1" ]]; then
  echo "==> cargo build --release -p askaf"
  cargo build --release -p askaf --locked
fi
[[ -x "$askaf_bin" ]] || die "$askaf_bin not found or not executable"

work="$(mktemp -d -t askaf-bench.XXXXXX)"
data_dir="$(mktemp -d -t askaf-bench-data.XXXXXX)"
askaf_pid=""
nginx_pid=""
wrk_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "$wrk_pid" "$nginx_pid" "$askaf_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "$wrk_pid" "$nginx_pid" "$askaf_pid"; do
    if [[ -n "$pid" ]]; then
      # Give each server 5 s to stop, then kill it.
      for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work" "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the path of the first article of language $2 in the API answer $1.
first_article_path() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" "$2" <<'PY'
import json, sys, urllib.parse
answer = json.load(open(sys.argv[1], encoding="utf-8"))
for article in answer.get("articles", []):
    url = article.get("url")
    if article.get("lang") == sys.argv[2] and isinstance(url, str):
        path = urllib.parse.urlsplit(url).path
        if path.startswith("/" + sys.argv[2] + "/"):
            print(path)
            break
PY
  else
    node -e '
      const answer = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const lang = process.argv[2];
      for (const a of answer.articles || []) {
        if (a.lang !== lang || typeof a.url !== "string") continue;
        const path = new URL(a.url, "http://localhost/").pathname;
        if (path.startsWith(`/${lang}/`)) { console.log(path); break; }
      }' "$1" "$2"
  fi
}

# --- askaf -----------------------------------------------------------------
echo "==> starting $askaf_bin serve --addr 127.0.0.1:0 --data $data_dir"
"$askaf_bin" serve --addr 127.0.0.1:0 --data "$data_dir" >"$work/askaf.out" 2>"$work/askaf.err" &
askaf_pid=$!

askaf_url=""
for _ in $(seq 600); do
  if askaf_url="$(grep -m1 -oE 'listening on http://[^[:space:]]+' "$work/askaf.out" 2>/dev/null)"; then
    askaf_url="${askaf_url#listening on }"
    askaf_url="${askaf_url%/}"
    break
  fi
  kill -0 "$askaf_pid" 2>/dev/null || {
    cat "$work/askaf.err" >&2
    die "askaf exited before listening"
  }
  sleep 0.1
done
[[ -n "$askaf_url" ]] || {
  cat "$work/askaf.err" >&2
  die "askaf did not print 'listening on http://...' within 60 s"
}
echo "    askaf at $askaf_url (pid $askaf_pid)"

api="$askaf_url/api/v1/articles?lang=$lang"
curl -fsS "$api" -o "$work/articles.json" || die "GET $api failed"
# The path of the first article of that language (its url may be relative or absolute).
article_path="$(first_article_path "$work/articles.json" "$lang")" || true
[[ -n "$article_path" ]] || die "no article with a /$lang/ url in $api: $(head -c 300 "$work/articles.json")"
page_url="$askaf_url$article_path"

# The exact bytes askaf sends for that page (no Accept-Encoding, like wrk).
mkdir -p "$work/www"
curl -fsS "$page_url" -o "$work/www/page.html" || die "GET $page_url failed"
page_bytes="$(wc -c <"$work/www/page.html")"
echo "    article $article_path: $page_bytes bytes"
chmod 0755 "$work" "$work/www"
chmod 0644 "$work/www/page.html"

# --- nginx -----------------------------------------------------------------
nginx_port="$(free_port)"
write_nginx_conf "$work/nginx" "$nginx_port" "$work/www" "try_files /page.html =404;"
echo "==> starting nginx on 127.0.0.1:$nginx_port"
nginx_url="http://127.0.0.1:$nginx_port$article_path"
start_nginx "$work/nginx" "$nginx_url" "$work/nginx-page.html"
cmp -s "$work/www/page.html" "$work/nginx-page.html" ||
  die "nginx does not serve the same bytes as askaf (see $work/nginx/error.log)"

# --- load ------------------------------------------------------------------
# Runs wrk, prints its report, and stores Requests/sec in the named variable.
run_wrk() {
  local name=$1 url=$2 out="$work/wrk-$1.txt"
  # wrk runs in the background and is waited for, so that a signal to this
  # script stops everything at once (see cleanup).
  if [[ "$warmup" != "0" ]]; then
    wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null &
    wrk_pid=$!
    wait "$wrk_pid"
  fi
  echo "==> wrk -t$threads -c$connections -d$duration $url ($name)"
  wrk -t"$threads" -c"$connections" -d"$duration" "$url" >"$out" &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=""
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
run_wrk askaf "$page_url" askaf_rps
run_wrk nginx "$nginx_url" nginx_rps

rss="$(awk '/^VmRSS:/ { print $2, $3 }' "/proc/$askaf_pid/status")"
hwm="$(awk '/^VmHWM:/ { print $2, $3 }' "/proc/$askaf_pid/status")"

echo
echo "== results: $article_path ($page_bytes bytes), wrk -t$threads -c$connections -d$duration, $(nproc) cores =="
printf 'askaf: %12.2f requests/s\n' "$askaf_rps"
printf 'nginx: %12.2f requests/s\n' "$nginx_rps"
awk -v a="$askaf_rps" -v n="$nginx_rps" 'BEGIN { printf "ratio askaf/nginx: %.2f\n", a / n }'
echo "askaf resident memory after the run: VmRSS $rss (peak VmHWM $hwm)"
