"""Truth on real repositories: what the reader is shown, compared with facts checked by hand.

Each repository of ``tests/data/real_repositories.yml`` is imported from its snapshot as an
operator would (``registry import PATH --url URL`` into a fresh SQLite catalogue), then its
solution JSON and solution page are read through the web app, and each fact class (version,
activity, licence, conflicts, documents, standards, name) is judged right or wrong against the
hand-checked facts. Snapshots come from ``fetch github:OWNER/NAME`` (folder ``OWNER+NAME/repo``).

    .venv/bin/python bench/truth_eval.py --snapshots /work/.mirror [--only NAME ...] [-v]

The accuracy of each class is its own ratio (right / judged); a repository whose snapshot is
missing is reported and left out. The last line is ``SUMMARY {json}``.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml
from license_expression import ExpressionError, get_spdx_licensing
from litestar.testing import TestClient
from typer.testing import CliRunner

from bench._summary import print_summary
from registry.cli import app
from registry.settings import Settings
from web.app import create_app

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "real_repositories.yml"
CLASSES = ("version", "activity", "licence", "conflicts", "documents", "standards", "name")
_LICENSING = get_spdx_licensing()
_WEAK_EVIDENCE = re.compile(r"(^|/)(CHANGELOG|CHANGES|HISTORY|NEWS)[^/]*$|(^|/)\.env[^/]*$", re.I)


@dataclass(frozen=True)
class Shown:
    """What the reader is shown for one solution: its JSON and its page."""

    body: dict[str, Any]
    page: str

    def section(self, name: str) -> str:
        """One section of the page as plain text (tags dropped, spaces folded)."""
        found = re.search(
            rf'<section aria-labelledby="{name}">(.*?)</section>', self.page, re.S | re.I
        )
        return _plain(found.group(1)) if found else ""

    def raw_section(self, name: str) -> str:
        found = re.search(
            rf'<section aria-labelledby="{name}">(.*?)</section>', self.page, re.S | re.I
        )
        return found.group(1) if found else ""


@dataclass(frozen=True)
class Verdict:
    right: bool
    shown: str
    expected: str


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _bare_version(value: str | None) -> str | None:
    return value[1:] if value and value[:1] in "vV" and value[1:2].isdigit() else value


def _same_licence(shown: str | None, expected: str | None) -> bool:
    if not shown or not expected:
        return shown == expected
    try:
        return bool(_LICENSING.is_equivalent(_LICENSING.parse(shown), _LICENSING.parse(expected)))
    except ExpressionError:
        return False


def judge_version(fact: dict[str, Any], shown: Shown) -> Verdict:
    release = fact.get("current_release") or {}
    expected = _bare_version(str(release["version"])) if release else None
    if fact.get("declared_version") and not release:
        expected = _bare_version(str(fact["declared_version"]))
    version = shown.body.get("version") or {}
    current = _bare_version(version.get("current"))
    on_page = shown.section("facts")
    right = current == expected and (expected is None or expected in on_page)
    others = set(version.get("other_tags") or ())
    released = {str(r.get("version")) for r in shown.body.get("releases") or ()}
    wrongly_released = [t for t in fact.get("not_releases") or () if t not in others]
    wrongly_released += [
        t for t in fact.get("maintenance_line_not_current") or () if _bare_version(t) == current
    ]
    if wrongly_released and released & {_bare_version(t) for t in wrongly_released}:
        right = False
    return Verdict(right, f"{current} (tag {version.get('release_tag')})", str(expected))


def judge_activity(fact: dict[str, Any], shown: Shown) -> Verdict:
    window = fact["year_before_last_commit"]
    activity = shown.body.get("activity") or {}
    commits, authors = (
        activity.get("commits_before_last_commit"),
        activity.get("authors_before_last_commit"),
    )
    last = str(activity.get("last_commit_at") or "")[:10]
    expected_last = str(fact["last_commit"])[:10]
    text = shown.section("activity")
    right = (
        commits == window["commits"]
        and authors == window["authors"]
        and last == expected_last
        and f"{window['commits']} commits" in text
    )
    return Verdict(
        right,
        f"{commits} commits / {authors} authors, last {last}",
        f"{window['commits']} / {window['authors']}, last {expected_last}",
    )


def judge_licence(fact: dict[str, Any], shown: Shown) -> Verdict:
    licence = shown.body.get("licence")
    right = _same_licence(licence, fact.get("licence"))
    if fact.get("licence_texts"):
        right = right and _same_licence(shown.body.get("licence_detected"), fact["licence_texts"])
    return Verdict(
        right, f"{licence} (texts: {shown.body.get('licence_detected')})", str(fact.get("licence"))
    )


def _named_paths(section_html: str) -> list[str]:
    items = re.findall(r"<li>(.*?)</li>", section_html, re.S)
    paths: list[str] = []
    for item in items:
        paths.extend(
            re.findall(
                r"([\w./-]+\.(?:json|yml|yaml|toml|md|txt|xml|cfg|py|gemspec)|\bLICEN[CS]E[\w.-]*|\bCOPYING[\w.-]*)",
                html.unescape(_plain(item)),
            )
        )
    return paths


def judge_conflicts(fact: dict[str, Any], shown: Shown) -> Verdict:
    expected = fact.get("conflicts") or {}
    culprits = set(expected.get("culprits") or ())
    allowed = culprits | set(expected.get("also_named") or ())
    section = shown.raw_section("licence")
    items = [_plain(i) for i in re.findall(r"<li>(.*?)</li>", section, re.S)]
    named = set(_named_paths(section))
    if not culprits:
        right = not items
    else:
        right = culprits <= named <= allowed and len(items) == len(set(items))
    return Verdict(right, "; ".join(items) or "none", ", ".join(sorted(culprits)) or "none")


def _interfaces(shown: Shown) -> list[dict[str, Any]]:
    return list(shown.body.get("interfaces") or ())


def judge_documents(fact: dict[str, Any], shown: Shown) -> Verdict:
    expected = set(fact.get("documents") or ())
    found: set[str] = set()
    for item in _interfaces(shown):
        if item.get("role", "provides") != "provides":
            continue
        items = item.get("evidence_items")
        if items is not None:  # every piece of evidence, each with its kind
            found |= {e["path"] for e in items if e.get("kind") == "document"}
        elif re.search(r"\.(ya?ml|json)$", str(item.get("evidence") or "")) and (
            item.get("standard") in {"openapi", "asyncapi"}
        ):
            found.add(str(item["evidence"]))
    page = shown.section("interfaces")
    right = found == expected and all(path in page for path in expected)
    return Verdict(right, ", ".join(sorted(found)) or "none", ", ".join(sorted(expected)) or "none")


def judge_standards(fact: dict[str, Any], shown: Shown) -> Verdict:
    provides = {
        i["standard"]
        for i in _interfaces(shown)
        if i.get("standard") and i.get("role") == "provides"
    }
    consumes = {
        i["standard"]
        for i in _interfaces(shown)
        if i.get("standard") and i.get("role") == "consumes"
    }
    expected_p = set(fact.get("provides") or ())
    expected_c = set(fact.get("consumes") or ())
    # A consumed standard may be missed, but never shown as provided; the evidence shown first
    # for a standard is never a changelog line or an environment file.
    weak = [
        str(i.get("evidence"))
        for i in _interfaces(shown)
        if i.get("standard") and _WEAK_EVIDENCE.search(str(i.get("evidence") or ""))
    ]
    right = provides == expected_p and consumes <= expected_c and not weak
    return Verdict(
        right,
        f"provides {sorted(provides)}, consumes {sorted(consumes)}"
        + (f", weak evidence first: {weak}" if weak else ""),
        f"provides {sorted(expected_p)}, consumes {sorted(expected_c)}",
    )


def judge_name(fact: dict[str, Any], shown: Shown) -> Verdict:
    name = shown.body.get("name")
    accepted = [str(n) for n in fact.get("name") or ()]
    return Verdict(
        name in accepted and html.escape(str(name)) in shown.page, str(name), " | ".join(accepted)
    )


JUDGES: dict[str, Callable[[dict[str, Any], Shown], Verdict]] = {
    "version": judge_version,
    "activity": judge_activity,
    "licence": judge_licence,
    "conflicts": judge_conflicts,
    "documents": judge_documents,
    "standards": judge_standards,
    "name": judge_name,
}


def _snapshot(base: Path, fact: dict[str, Any]) -> Path | None:
    folder = base / str(fact.get("snapshot") or "")
    for candidate in (folder / "repo", folder):
        if (candidate / "HEAD").exists() or (candidate / ".git").exists():
            return candidate
    return None


def _import_all(
    facts: list[dict[str, Any]], snapshots: Path, env: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Import every snapshot as an operator would; return the imported facts and the missing."""
    runner = CliRunner()
    upgraded = runner.invoke(app, ["db", "upgrade"], env=env)
    if upgraded.exit_code:
        sys.exit(f"db upgrade failed: {upgraded.output}")
    imported, missing = [], []
    for fact in facts:
        path = _snapshot(snapshots, fact)
        result = (
            runner.invoke(app, ["import", str(path), "--url", fact["url"]], env=env)
            if path
            else None
        )
        if result is None or result.exit_code:
            print(f"not imported: {fact['url']}\n{result.output if result else 'no snapshot'}")
            missing.append(fact["url"])
        else:
            imported.append(fact)
    return imported, missing


def _judge_all(
    client: Any, imported: list[dict[str, Any]], verbose: bool
) -> tuple[dict[str, list[int]], list[str], int]:
    """Judge each class for each imported repository through its JSON and page."""
    slugs = {
        repo["url"].lower(): hit["slug"]  # GitHub and GitLab paths fold case
        for hit in client.get("/api/v1/solutions", params={"page[size]": "100"}).json()["data"]
        for repo in client.get(f"/api/v1/solutions/{hit['slug']}").json()["repositories"]
    }
    tally = {name: [0, 0] for name in CLASSES}
    rows: list[str] = []
    judged = 0
    for fact in imported:
        slug = slugs.get(fact["url"].lower())
        if slug is None:
            print(f"no solution found for {fact['url']}")
            continue
        judged += 1
        shown = Shown(
            client.get(f"/api/v1/solutions/{slug}").json(),
            client.get(f"/solutions/{slug}?lang=en").text,
        )
        marks = []
        for name in CLASSES:
            verdict = JUDGES[name](fact, shown)
            tally[name][1] += 1
            tally[name][0] += verdict.right
            mark = "ok" if verdict.right else "WRONG"
            marks.append(f"{name[:4]}={mark}")
            if verbose or not verdict.right:
                rows.append(
                    f"  {fact['url'].rsplit('/', 1)[-1]:<28} {name:<10} {mark}: "
                    f"shown {verdict.shown!r}, expected {verdict.expected!r}"
                )
        print(f"{fact['url']:<58} " + " ".join(marks))
    return tally, rows, judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshots", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    facts = yaml.safe_load(args.data.read_text(encoding="utf-8"))["repositories"]
    if args.only:
        facts = [f for f in facts if any(o in f["url"] for o in args.only)]
    work = Path(tempfile.mkdtemp(prefix="truth-eval-"))
    url = f"sqlite:///{work / 'registry.sqlite3'}"
    env = {"REGISTRY_DATABASE_URL": url, "REGISTRY_GIT_CACHE_DIR": str(work / "cache")}
    started = time.perf_counter()
    imported, missing = _import_all(facts, args.snapshots, env)
    import_seconds = time.perf_counter() - started
    with TestClient(app=create_app(Settings(database_url=url))) as client:
        tally, rows, judged = _judge_all(client, imported, args.verbose)
    print("\n".join(rows))
    print(f"\n{judged} repositories judged ({len(missing)} missing), imports {import_seconds:.1f}s")
    figures: dict[str, Any] = {"repositories": judged, "missing": len(missing)}
    for name, (right, total) in tally.items():
        share = right / total if total else 0.0
        print(f"{name:<10} {right:>3} / {total:<3} right ({share:.0%})")
        figures[f"{name}_right"] = right
        figures[f"{name}_accuracy"] = round(share, 3)
    overall = sum(r for r, _ in tally.values()) / max(1, sum(t for _, t in tally.values()))
    figures["overall_accuracy"] = round(overall, 3)
    print(f"overall    {overall:.0%}")
    print_summary(figures)


if __name__ == "__main__":
    main()
