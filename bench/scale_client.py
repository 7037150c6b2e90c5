#!/usr/bin/env python3
"""The HTTP side of bench/scale.sh, one subcommand per measurement.

  sample  picks K article paths from gen_site.py's paths.tsv (same seed, same pick)
  mirror  fetches each sampled page from askaf once as identity, gzip and br and
          writes them for nginx: www/PATH, www/PATH.gz, www/PATH.br
  ask     asks questions over /api/v1/ask one at a time and prints latency percentiles
  edit    changes one sentence of an article file to a unique marker and times how
          long until the page at its URL shows it

Every loop is bounded in count and in time. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import sys
import time
import urllib.parse
from pathlib import Path


def connect(base: str, timeout: float) -> http.client.HTTPConnection:
    u = urllib.parse.urlsplit(base)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"refusing to talk to {base}: only http://127.0.0.1 is benchmarked")
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)


def get(conn: http.client.HTTPConnection, path: str, headers=None):
    """One GET on a kept-alive connection; reconnects once if the server closed it."""
    for attempt in (1, 2):
        try:
            conn.request("GET", path, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), resp.read()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            conn.close()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def read_paths(path: Path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        lang, url, file = line.split("\t")
        rows.append((lang, url, file))
    return rows


def cmd_sample(args) -> int:
    rows = read_paths(args.paths)
    rng = random.Random(args.seed)
    picked = rows if args.count >= len(rows) else rng.sample(rows, args.count)
    for lang, url, file in picked:
        print(f"{lang}\t{url}\t{file}")
    return 0


def cmd_mirror(args) -> int:
    """Writes the bytes askaf sends, so nginx serves exactly the same pages."""
    conn = connect(args.url, args.timeout)
    deadline = time.monotonic() + args.max_seconds
    www = args.www
    encodings = {"identity": ("", None), "gzip": (".gz", "gzip"), "br": (".br", "br")}
    counts = {name: 0 for name in encodings}
    sizes = {name: 0 for name in encodings}
    pages = 0
    for line in args.sample.read_text(encoding="utf-8").splitlines():
        if time.monotonic() > deadline:
            print(f"mirror: stopped after {args.max_seconds} s", file=sys.stderr)
            return 1
        _, url, _ = line.split("\t")
        target = www / url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        for name, (suffix, want) in encodings.items():
            status, headers, body = get(conn, url, {"Accept-Encoding": name})
            if status != 200:
                print(f"mirror: GET {url} ({name}) answered {status}", file=sys.stderr)
                return 1
            got = headers.get("content-encoding")
            if got != want:
                # askaf sent another form (too small to compress, say): leave
                # the sibling out, and nginx sends what askaf would.
                continue
            (www / (url.lstrip("/") + suffix)).write_bytes(body)
            counts[name] += 1
            sizes[name] += len(body)
        pages += 1
    summary = {
        "pages": pages,
        **{f"{k}_files": v for k, v in counts.items()},
        **{f"{k}_mean_bytes": (sizes[k] // counts[k] if counts[k] else 0) for k in counts},
    }
    print(json.dumps(summary))
    return 0


def percentile(sorted_values, p: float) -> float:
    """Nearest rank, as bench/ask.sh's figures."""
    if not sorted_values:
        return float("nan")
    k = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(k) - 1]


def ask_path(lang: str, q: str) -> str:
    return "/api/v1/ask?" + urllib.parse.urlencode({"q": q, "lang": lang})


def cmd_ask(args) -> int:
    questions = []
    for line in args.questions.read_text(encoding="utf-8").splitlines():
        lang, _, q = line.partition("\t")
        if q.strip():
            questions.append((lang, q.strip()))
    rng = random.Random(args.seed)
    wanted = min(len(questions), args.count + args.warmup)
    drawn = rng.sample(questions, wanted)
    # The warm-up questions are others than those timed: a running site
    # has answered questions before, but not these.
    warm, picked = drawn[: wanted - args.count], drawn[wanted - args.count :]
    conn = connect(args.url, args.timeout)
    for lang, q in warm:
        try:
            get(conn, ask_path(lang, q))
        except (OSError, http.client.HTTPException):
            conn.close()
    deadline = time.monotonic() + args.max_seconds
    times, errors, answered = [], 0, 0
    for lang, q in picked:
        if time.monotonic() > deadline:
            break
        t0 = time.perf_counter()
        try:
            status, _, body = get(conn, ask_path(lang, q))
        except (OSError, http.client.HTTPException) as e:
            errors += 1
            print(f"ask: {q!r}: {e}", file=sys.stderr)
            conn.close()
            continue
        elapsed = time.perf_counter() - t0
        if status != 200:
            errors += 1
            if errors <= 3:
                print(f"ask: {q!r} answered {status}: {body[:200]!r}", file=sys.stderr)
            continue
        times.append(elapsed * 1000)
        if not json.loads(body).get("abstained", True):
            answered += 1
    times.sort()
    print(json.dumps({
        "asked": len(times) + errors,
        "of": len(picked),
        "errors": errors,
        "answered": answered,
        "p50_ms": round(percentile(times, 50), 2),
        "p99_ms": round(percentile(times, 99), 2),
        "max_ms": round(times[-1], 2) if times else None,
    }))
    return 0 if times and errors == 0 else 1


def cmd_edit(args) -> int:
    """Replaces the first sentence of the article's first paragraph with the marker."""
    text = args.file.read_text(encoding="utf-8")
    lines = text.split("\n")
    fences = [i for i, l in enumerate(lines) if l.strip() == "+++"]
    if len(fences) < 2:
        raise SystemExit(f"{args.file}: no front matter")
    for i in range(fences[1] + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line.startswith(("#", "-", "|")) and not line[0].isdigit():
            end = line.find(". ")
            rest = line[end + 2:] if end >= 0 else ""
            lines[i] = f"This sentence was changed by the benchmark: {args.marker}. {rest}".rstrip()
            break
    else:
        raise SystemExit(f"{args.file}: no paragraph to edit")
    conn = connect(args.url, args.timeout)
    status, _, before = get(conn, args.path)
    if status != 200 or args.marker.encode() in before:
        raise SystemExit(f"GET {args.path} before the edit: {status}")
    args.file.write_text("\n".join(lines), encoding="utf-8")
    t0 = time.monotonic()
    polls = 0
    while time.monotonic() - t0 < args.max_seconds:
        polls += 1
        try:
            status, _, body = get(conn, args.path)
        except (OSError, http.client.HTTPException):
            conn.close()
            status, body = 0, b""
        if status == 200 and args.marker.encode() in body:
            print(json.dumps({"seconds": round(time.monotonic() - t0, 2), "polls": polls}))
            return 0
        time.sleep(args.interval)
    print(json.dumps({"seconds": None, "polls": polls, "timeout": args.max_seconds}))
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("sample")
    p.add_argument("--paths", type=Path, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("mirror")
    p.add_argument("--url", required=True)
    p.add_argument("--sample", type=Path, required=True)
    p.add_argument("--www", type=Path, required=True)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--max-seconds", type=float, default=600)
    p.set_defaults(run=cmd_mirror)

    p = sub.add_parser("ask")
    p.add_argument("--url", required=True)
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--warmup", type=int, default=0,
                   help="questions asked first and not timed (others than the timed ones)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--max-seconds", type=float, default=180)
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("edit")
    p.add_argument("--url", required=True)
    p.add_argument("--path", required=True, help="the article's URL path")
    p.add_argument("--file", type=Path, required=True)
    p.add_argument("--marker", required=True)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--max-seconds", type=float, default=300)
    p.set_defaults(run=cmd_edit)

    args = ap.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
