#!/usr/bin/env python3
"""A plain BM25 baseline for `askaf eval`: SQLite FTS5 over the same paragraphs.

    python3 bench/fts5_baseline.py --squad FILE [--lang en|fa]
    python3 bench/fts5_baseline.py FILE [--lang en|fa]

Reads a SQuAD-format file the way `askaf eval` does (every paragraph a passage,
its article title as a second column), asks every question and prints ONE JSON
object with the keys `askaf eval --json` prints:

    questions, recall_at_1, recall_at_5, answer_at_1, answer_at_5, mrr_at_10, answer_accuracy,
    abstained_answerable, abstained_impossible, p50_ms, p99_ms

Same definitions as `askaf eval` (crates/askaf-search/src/eval.rs):

* questions marked `is_impossible` count only for `abstained_impossible`; every
  other figure is over the answerable questions;
* recall_at_k: the gold paragraph is among the first k results; mrr_at_10: mean of
  1/rank within the first 10, else 0;
* answer_at_k: one of the first k paragraphs contains one of the gold answers,
  whichever paragraph the question came from (open-domain QA's top-k accuracy);
* answer_accuracy: the top answer sentence contains one of the gold answers, both
  compared after `answer_key` (below), on word boundaries;
* p50_ms/p99_ms: nearest-rank percentiles of the per-question wall time (all
  questions), in milliseconds.

The baseline:

* Index: one FTS5 row per paragraph, columns (text, title), tokenizer
  `unicode61 remove_diacritics 2`. Both columns are stored after `answer_key`, so
  that Persian gets a fair chance: unicode61 alone knows nothing of Arabic yeh/kaf
  against Persian ones, Persian digits or ZWNJ.
* Query: the question's `answer_key` tokens, without 1-character tokens and
  without repeats, each double-quoted, joined with OR, ranked by `bm25(table)`
  ascending (FTS5 scores are negative, best first), rowid breaking ties, LIMIT 10.
  No token left: no results (the question counts as missed).
* Answer: the top paragraph is split into sentences after `.` `!` `?` `؟` followed
  by whitespace, and at newlines (done once, when indexing, as askaf prepares its
  sentences when indexing); the sentence sharing the most distinct query tokens
  with the question wins, the earliest on ties. It never abstains, so both
  abstained_* figures are 0.0.
* Latency of a question: normalizing it, the FTS5 query and the sentence pick,
  measured with time.perf_counter().

Standard library only. A malformed file is reported on stderr with exit status 2.
"""

import argparse
import json
import math
import re
import sqlite3
import sys
import time
import unicodedata

# Invisible format characters, removed (ZWNJ U+200C among them): the set askaf's
# text crate removes.
_FORMAT = set(
    [0x00AD, 0x061C, 0x180E, 0xFEFF]
    + list(range(0x200B, 0x2010))
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2065))
    + list(range(0x2066, 0x206A))
)
_TATWEEL = 0x0640


def _is_arabic_block(cp):
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x0870 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFE
    )


def _is_diacritic_block(cp):
    return (
        0x0300 <= cp <= 0x036F
        or 0x1AB0 <= cp <= 0x1AFF
        or 0x1DC0 <= cp <= 0x1DFF
        or 0x20D0 <= cp <= 0x20FF
        or 0xFE20 <= cp <= 0xFE2F
    )


def _drop(ch):
    """Format characters, tatweel, and combining marks of the Arabic script (harakat,
    superscript alef, hamza and madda above/below) or of the Latin diacritic blocks."""
    cp = ord(ch)
    if cp in _FORMAT or cp == _TATWEEL:
        return True
    return unicodedata.combining(ch) != 0 and (_is_arabic_block(cp) or _is_diacritic_block(cp))


_FOLD = {
    0x064A: "\u06cc",  # Arabic yeh ي -> Persian yeh ی
    0x0649: "\u06cc",  # alef maksura ى -> ی
    0x0643: "\u06a9",  # Arabic kaf ك -> keheh ک
}
for _base in (0x06F0, 0x0660):  # Persian and Arabic-Indic digits -> ASCII
    for _i in range(10):
        _FOLD[_base + _i] = str(_i)


def answer_key(text):
    """NFKC, casefold, diacritics/tatweel/ZWNJ removed, ي ى -> ی, ك -> ک, Persian and
    Arabic-Indic digits -> ASCII, every non-alphanumeric character -> space,
    whitespace collapsed.

    Diacritics are removed in canonical decomposition, so the marks that NFD splits
    off letters go too: أ إ آ -> ا, ؤ -> و, ئ -> ى -> ی (askaf folds these letters
    the same way), é -> e."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not _drop(c))
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def query_tokens(question):
    """The question's distinct tokens of two characters or more, in order."""
    seen = []
    for t in answer_key(question).split(" "):
        if len(t) >= 2 and t not in seen:
            seen.append(t)
    return seen


_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+|\n+")


def split_sentences(text):
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def contains_answer(sentence, answers):
    return keyed_contains(" " + answer_key(sentence) + " ", answers)


def keyed_contains(keyed, answers):
    """Whether `keyed` (a text's answer_key between spaces) holds one of the answers."""
    for a in answers:
        k = answer_key(a)
        if k and (" " + k + " ") in keyed:
            return True
    return False


def percentile(sorted_values, p):
    """Nearest rank, as askaf eval: the ceil(p% * n)-th smallest value."""
    if not sorted_values:
        return 0.0
    rank = math.ceil(p / 100.0 * len(sorted_values))
    rank = min(max(rank, 1), len(sorted_values))
    return sorted_values[rank - 1]


class FormatError(Exception):
    pass


def load_squad(path):
    """Paragraphs as (title, context) and questions as dicts, as askaf eval loads
    them: blank questions skipped, blank answers dropped, a title's `_` read as a
    space, an answerable question without answers refused."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise FormatError(f"cannot read it: {e.strerror or e}")
    except UnicodeDecodeError as e:
        raise FormatError(f"not UTF-8: {e}")
    except json.JSONDecodeError as e:
        raise FormatError(f"not JSON: {e}")

    def expect(cond, where, what):
        if not cond:
            raise FormatError(
                f"not SQuAD JSON: {where}: {what} (expected "
                '{"data": [{"title", "paragraphs": [{"context", "qas": [...]}]}]})'
            )

    expect(isinstance(doc, dict) and isinstance(doc.get("data"), list), "top level", "no `data` list")
    paragraphs, questions = [], []
    for ai, art in enumerate(doc["data"]):
        where = f"data[{ai}]"
        expect(isinstance(art, dict), where, "not an object")
        title = art.get("title", "")
        expect(isinstance(title, str), where, "`title` is not a string")
        title = title.replace("_", " ") if title else f"article-{ai}"
        expect(isinstance(art.get("paragraphs"), list), where, "no `paragraphs` list")
        for pi, para in enumerate(art["paragraphs"]):
            pwhere = f"{where}.paragraphs[{pi}]"
            expect(isinstance(para, dict), pwhere, "not an object")
            expect(isinstance(para.get("context"), str), pwhere, "no `context` string")
            expect(isinstance(para.get("qas"), list), pwhere, "no `qas` list")
            idx = len(paragraphs)
            paragraphs.append((title, para["context"]))
            for qi, qa in enumerate(para["qas"]):
                qwhere = f"{pwhere}.qas[{qi}]"
                expect(isinstance(qa, dict), qwhere, "not an object")
                expect(isinstance(qa.get("question"), str), qwhere, "no `question` string")
                if not qa["question"].strip():
                    continue
                answers = qa.get("answers", [])
                expect(isinstance(answers, list), qwhere, "`answers` is not a list")
                texts = []
                for a in answers:
                    expect(isinstance(a, dict) and isinstance(a.get("text"), str), qwhere, "an answer has no `text` string")
                    if a["text"].strip():
                        texts.append(a["text"])
                impossible = qa.get("is_impossible", False)
                expect(isinstance(impossible, bool), qwhere, "`is_impossible` is not a boolean")
                if not impossible and not texts:
                    raise FormatError(
                        f"question {qi + 1} of paragraph {pi + 1} of article `{title}` "
                        "has no answers and is not marked is_impossible"
                    )
                questions.append(
                    {"question": qa["question"], "gold": idx, "answers": texts, "impossible": impossible}
                )
    if not paragraphs or not questions:
        raise FormatError("the file has no paragraphs or no questions")
    return paragraphs, questions


def evaluate(paragraphs, questions):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE passages USING fts5(text, title, tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany(
        "INSERT INTO passages(rowid, text, title) VALUES (?, ?, ?)",
        ((i, answer_key(ctx), answer_key(title)) for i, (title, ctx) in enumerate(paragraphs)),
    )
    # Every paragraph's answer_key, for where the answers are, made once.
    keyed_paragraphs = [" " + answer_key(ctx) + " " for _, ctx in paragraphs]
    # Sentences of every paragraph with their token sets, prepared once.
    prepared = []
    for _, ctx in paragraphs:
        sents = split_sentences(ctx)
        prepared.append([(s, set(answer_key(s).split(" "))) for s in sents])

    sql = "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages), rowid LIMIT 10"
    r1 = r5 = a1 = a5 = accurate = answerable = impossible = 0
    mrr = 0.0
    latencies = []
    for q in questions:
        start = time.perf_counter()
        tokens = query_tokens(q["question"])
        if tokens:
            match = " OR ".join('"' + t + '"' for t in tokens)
            hits = [row[0] for row in db.execute(sql, (match,))]
        else:
            hits = []
        sentence = None
        if hits:
            wanted = set(tokens)
            best = -1
            for s, terms in prepared[hits[0]]:
                n = len(wanted & terms)
                if n > best:
                    best, sentence = n, s
        latencies.append((time.perf_counter() - start) * 1000.0)

        if q["impossible"]:
            impossible += 1  # never abstained on
            continue
        answerable += 1
        if q["gold"] in hits:
            rank = hits.index(q["gold"])
            r1 += rank == 0
            r5 += rank < 5
            mrr += 1.0 / (rank + 1)
        holding = [i for i, h in enumerate(hits[:5]) if keyed_contains(keyed_paragraphs[h], q["answers"])]
        if holding:
            a1 += holding[0] == 0
            a5 += 1
        if sentence is not None and contains_answer(sentence, q["answers"]):
            accurate += 1
    db.close()

    latencies.sort()

    def share(n, d):
        return n / d if d else 0.0

    return {
        "questions": len(questions),
        "recall_at_1": share(r1, answerable),
        "recall_at_5": share(r5, answerable),
        "answer_at_1": share(a1, answerable),
        "answer_at_5": share(a5, answerable),
        "mrr_at_10": share(mrr, answerable),
        "answer_accuracy": share(accurate, answerable),
        "abstained_answerable": 0.0,
        "abstained_impossible": 0.0,
        "p50_ms": percentile(latencies, 50.0),
        "p99_ms": percentile(latencies, 99.0),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="BM25 baseline (SQLite FTS5) for `askaf eval`: prints the same JSON object."
    )
    ap.add_argument("file", nargs="?", help="the SQuAD-format JSON file")
    ap.add_argument("--squad", help="the SQuAD-format JSON file (same as FILE)")
    ap.add_argument(
        "--lang",
        default="en",
        choices=["en", "fa", "ps"],
        help="language of the set; accepted for symmetry with askaf eval, the baseline treats all alike",
    )
    ap.add_argument("--json", action="store_true", help="accepted for symmetry; the output is always JSON")
    args = ap.parse_args(argv)
    path = args.squad or args.file
    if not path or (args.squad and args.file and args.squad != args.file):
        ap.error("give exactly one SQuAD file, as FILE or --squad FILE")
    try:
        paragraphs, questions = load_squad(path)
    except FormatError as e:
        print(f"fts5_baseline: error: {path}: {e}", file=sys.stderr)
        return 2
    try:
        report = evaluate(paragraphs, questions)
    except sqlite3.OperationalError as e:
        print(f"fts5_baseline: error: SQLite: {e} (is FTS5 compiled in?)", file=sys.stderr)
        return 2
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
