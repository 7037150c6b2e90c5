#!/usr/bin/env bash
# Ask against a plain BM25 baseline: `askaf eval` and SQLite FTS5 (bench/fts5_baseline.py)
# on the same SQuAD-format sets, side by side. See bench/README.md.
#
#   bash bench/ask.sh                          # the three public sets in ../shared/data
#   bash bench/ask.sh FILE [LANG]              # one set; LANG en or fa (default: guessed
#                                              # from the questions' script)
#
# Environment (all optional):
#   BENCH_NO_BUILD=1   skip `cargo build --release -p askaf --features model`
#   ASKAF_BIN          binary to run (default target/release/askaf)
#   PYTHON             Python 3 interpreter (default python3)
#   BENCH_E5           multilingual-e5-small directory for the `askaf+e5` rows on every set
#                      and the off-corpus table with it (default: fetched by
#                      scripts/fetch-model.sh); BENCH_NO_E5=1 skips them
#   BENCH_VECTORS      directory that keeps the E5 passage vectors between runs
#                      (default target/bench-vectors): a second run encodes nothing
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

askaf_bin="${ASKAF_BIN:-$repo_root/target/release/askaf}"
python="${PYTHON:-python3}"
data_dir="$repo_root/../shared/data"

die() {
  echo "bench: error: $*" >&2
  exit 1
}

where_to_get() {
  cat >&2 <<'EOF'
The public question-answering sets are expected in ../shared/data (next to the
repository), in SQuAD format. Get them from:
  - SQuAD v1.1 dev set:  the SQuAD project's site, https://rajpurkar.github.io/SQuAD-explorer/
                         (dev-v1.1.json)
  - PersianQA test set:  https://github.com/sajjjadayobi/PersianQA
  - ParsiNLU reading comprehension dev set:  https://github.com/persiannlp/parsinlu
                         (convert to SQuAD format: one paragraph per question)
or run this script on any SQuAD-format file:  bash bench/ask.sh FILE [en|fa]
EOF
}

command -v "$python" >/dev/null 2>&1 || die "$python is not installed (python3 with its sqlite3 module is needed)"

# The sets to run, as "file<TAB>lang" lines.
sets=()
if [[ $# -eq 0 ]]; then
  if [[ ! -d "$data_dir" ]]; then
    echo "bench: $data_dir not found." >&2
    where_to_get
    exit 1
  fi
  data_dir="$(cd "$data_dir" && pwd)"
  for pair in squad-v1.1-dev-half-a.json:en persianqa-test-half-a.json:fa parsinlu_rc_dev.json:fa; do
    file="$data_dir/${pair%%:*}"
    if [[ -f "$file" ]]; then
      sets+=("$file"$'\t'"${pair##*:}")
    else
      echo "bench: skipping $file: not found" >&2
    fi
  done
  if [[ ${#sets[@]} -eq 0 ]]; then
    where_to_get
    exit 1
  fi
elif [[ $# -le 2 ]]; then
  file="$1"
  [[ -f "$file" ]] || die "$file: no such file"
  file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
  if [[ $# -eq 2 ]]; then
    lang="$2"
  else
    # More Arabic-script letters than Latin ones in the questions: Persian.
    lang="$("$python" - "$file" <<'EOF'
import json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    qs = " ".join(q.get("question", "") for a in doc["data"] for p in a["paragraphs"] for q in p["qas"])
except Exception:
    qs = ""
arabic = sum(1 for c in qs if "\u0600" <= c <= "\u06ff")
latin = sum(1 for c in qs if c.isascii() and c.isalpha())
print("fa" if arabic > latin else "en")
EOF
)"
    echo "bench: $file: language guessed as $lang (give it as the second argument to choose)" >&2
  fi
  [[ "$lang" == "en" || "$lang" == "fa" ]] || die "language must be en or fa, not \`$lang\`"
  sets+=("$file"$'\t'"$lang")
else
  die "usage: bash bench/ask.sh [FILE [en|fa]]"
fi

if [[ "${BENCH_NO_BUILD:-}" != "1" ]]; then
  echo "==> cargo build --release -p askaf --features model" >&2
  cargo build --release -p askaf --features model --locked --quiet
fi
[[ -x "$askaf_bin" ]] || die "$askaf_bin not found or not executable"

e5=""
if [[ "${BENCH_NO_E5:-}" != "1" ]]; then
  if [[ -n "${BENCH_E5:-}" ]]; then
    e5="$BENCH_E5"
  elif ! e5="$(bash "$repo_root/scripts/fetch-model.sh")"; then
    echo "bench: could not fetch multilingual-e5-small; the askaf+e5 rows are skipped" >&2
    e5=""
  fi
fi
vectors_dir="${BENCH_VECTORS:-$repo_root/target/bench-vectors}"
mkdir -p "$vectors_dir"

work="$(mktemp -d -t askaf-bench-ask.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The off-corpus test on both halves: halves.py TITLE NAME=FIRST,SECOND ... Each half's
# abstention with its counts, then both added up by their counts (every question counted
# once as answerable and once as off-corpus).
cat >"$work/halves.py" <<'EOF'
import json, sys

title, cols = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
print(title)
print(f"{'':<10} {'half':<7} {'answerable turned away':>24} {'off-corpus abstained':>22} {'answer accuracy':>16}")
for name, paths in cols:
    pooled = {"ans": 0, "abst_ans": 0, "off": 0, "abst_off": 0, "acc": 0}
    for half, path in zip(("first", "second"), paths.split(",")):
        r = json.load(open(path))
        ans, off = r["answerable_questions"], r["offcorpus_questions"]
        abst_ans = round(r["abstained_answerable"] * ans)
        abst_off = round((r.get("abstained_offcorpus") or 0) * off)
        acc = round(r["answer_accuracy"] * ans)
        for k, v in (("ans", ans), ("abst_ans", abst_ans), ("off", off), ("abst_off", abst_off), ("acc", acc)):
            pooled[k] += v
        print(f"{name:<10} {half:<7} {abst_ans / max(ans, 1):>8.3f} ({abst_ans:>4} of {ans:>4}) "
              f"{abst_off / max(off, 1):>6.3f} ({abst_off:>4} of {off:>4}) {acc / max(ans, 1):>16.3f}")
    p = pooled
    print(f"{name:<10} {'both':<7} {p['abst_ans'] / max(p['ans'], 1):>8.3f} ({p['abst_ans']:>4} of {p['ans']:>4}) "
          f"{p['abst_off'] / max(p['off'], 1):>6.3f} ({p['abst_off']:>4} of {p['off']:>4}) {p['acc'] / max(p['ans'], 1):>16.3f}")
print()
EOF

# Prints a table from two JSON reports: table.py TITLE NAME=FILE NAME=FILE. The difference
# column is the first minus the second; the ratio (latency only) the first over the second.
cat >"$work/table.py" <<'EOF'
import json, sys

title, cols = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
reports = [json.load(open(path)) for _, path in cols]
names = [n for n, _ in cols]
a, b = reports[0], reports[1]
rows = [
    ("questions", "questions"),
    ("Recall@1", "recall_at_1"),
    ("Recall@5", "recall_at_5"),
    ("answer in passage @1", "answer_at_1"),
    ("answer in passage @5", "answer_at_5"),
    ("MRR@10", "mrr_at_10"),
    ("answer accuracy", "answer_accuracy"),
    ("abstained, answerable", "abstained_answerable"),
    ("abstained, impossible", "abstained_impossible"),
    ("abstained, off-corpus", "abstained_offcorpus"),
    ("latency p50 (ms)", "p50_ms"),
    ("latency p99 (ms)", "p99_ms"),
]
latency = {"p50_ms", "p99_ms"}
header = ["metric"] + names + [f"{names[0]} − {names[1]}", f"ratio {names[0]}/{names[1]}"]
table = []
for label, key in rows:
    # A row neither report has (off-corpus figures come with --offcorpus only) is left out.
    if all(r.get(key) is None for r in reports):
        continue
    if any(r.get(key) is None for r in reports):
        table.append([label] + [f"{r[key]:.3f}" if r.get(key) is not None else "—" for r in reports] + ["", ""])
        continue
    values = [r[key] for r in reports]
    if key == "questions":
        cells = [str(v) for v in values] + [str(values[0] - values[1]), ""]
    else:
        cells = [f"{v:.3f}" for v in values] + [f"{values[0] - values[1]:+.3f}"]
        if key in latency:
            cells.append(f"{values[0] / values[1]:.2f}" if values[1] else "n/a")
        else:
            cells.append("")
    table.append([label] + cells)
widths = [max(len(row[i]) for row in [header] + table) for i in range(len(header))]
def line(row):
    return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |"
print(title)
print(line(header))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for row in table:
    print(line(row))
print()
EOF

# Rewrites every question as typed on an Arabic keyboard without ZWNJ: ی→ي, ک→ك,
# U+200C removed. Contexts and answers are left as they are.
cat >"$work/arabic_keyboard.py" <<'EOF'
import json, sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
table = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u200c": None})
changed = 0
for article in doc["data"]:
    for para in article["paragraphs"]:
        for qa in para["qas"]:
            new = qa["question"].translate(table)
            changed += new != qa["question"]
            qa["question"] = new
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
print(changed)
EOF

n=0
for entry in "${sets[@]}"; do
  file="${entry%%$'\t'*}"
  lang="${entry##*$'\t'}"
  n=$((n + 1))
  echo "==> $(basename "$file") ($lang): askaf eval" >&2
  "$askaf_bin" eval --squad "$file" --lang "$lang" --json >"$work/askaf-$n.json"
  echo "==> $(basename "$file") ($lang): fts5 baseline" >&2
  "$python" "$repo_root/bench/fts5_baseline.py" --squad "$file" --lang "$lang" >"$work/fts5-$n.json"
  "$python" "$work/table.py" "== $(basename "$file") ($lang): askaf against BM25 (SQLite FTS5) ==" \
    "askaf=$work/askaf-$n.json" "fts5=$work/fts5-$n.json"

  # Off-corpus: half the set's articles indexed, the other half's questions must be
  # abstained on (`askaf eval --offcorpus`), without a model and with E5.
  echo "==> $(basename "$file") ($lang): askaf eval --offcorpus, both halves" >&2
  "$askaf_bin" eval --squad "$file" --lang "$lang" --json --offcorpus >"$work/askaf-off-$n.json"
  "$askaf_bin" eval --squad "$file" --lang "$lang" --json --offcorpus=second >"$work/askaf-off2-$n.json"
  halves=("askaf=$work/askaf-off-$n.json,$work/askaf-off2-$n.json")
  if [[ -n "$e5" ]]; then
    # One vector file per set, shared by both runs: the off-corpus index is half of the full one.
    vectors="$vectors_dir/$(basename "$file" .json)-e5.f16"
    echo "==> $(basename "$file") ($lang): askaf eval --model e5 (the first run encodes every paragraph: minutes)" >&2
    "$askaf_bin" eval --squad "$file" --lang "$lang" --json --model "$e5" --vectors "$vectors" >"$work/askaf-e5-$n.json"
    "$python" "$work/table.py" "== $(basename "$file") ($lang): askaf with multilingual-e5-small against BM25 (SQLite FTS5) ==" \
      "askaf+e5=$work/askaf-e5-$n.json" "fts5=$work/fts5-$n.json"
    echo "==> $(basename "$file") ($lang): askaf eval --offcorpus --model e5" >&2
    "$askaf_bin" eval --squad "$file" --lang "$lang" --json --offcorpus --model "$e5" --vectors "$vectors" >"$work/askaf-e5-off-$n.json"
    "$askaf_bin" eval --squad "$file" --lang "$lang" --json --offcorpus=second --model "$e5" --vectors "$vectors" >"$work/askaf-e5-off2-$n.json"
    halves+=("askaf+e5=$work/askaf-e5-off-$n.json,$work/askaf-e5-off2-$n.json")
    "$python" "$work/table.py" "== $(basename "$file") ($lang): off-corpus, askaf with multilingual-e5-small against without a model ==" \
      "askaf+e5=$work/askaf-e5-off-$n.json" "askaf=$work/askaf-off-$n.json"
  else
    "$python" "$work/table.py" "== $(basename "$file") ($lang): off-corpus, askaf without a model (on the full set for comparison) ==" \
      "off-corpus=$work/askaf-off-$n.json" "full set=$work/askaf-$n.json"
  fi
  "$python" "$work/halves.py" "== $(basename "$file") ($lang): off-corpus, each half indexed in turn ==" "${halves[@]}"

  if [[ "$lang" == "fa" ]]; then
    changed="$("$python" "$work/arabic_keyboard.py" "$file" "$work/arabic-$n.json")"
    echo "==> $(basename "$file") ($lang): askaf eval, questions on an Arabic keyboard" >&2
    "$askaf_bin" eval --squad "$work/arabic-$n.json" --lang "$lang" --json >"$work/askaf-arabic-$n.json"
    "$python" "$work/table.py" \
      "== $(basename "$file") ($lang): askaf, questions as typed on an Arabic keyboard (ي ك, no ZWNJ; $changed questions changed) ==" \
      "askaf=$work/askaf-$n.json" "arabic kbd=$work/askaf-arabic-$n.json"
  fi
done
exit 0
