"""Activity and releases from the default branch's history and the tags.

Windows are rolling (30/90/365 days) and anchored twice: before the newest commit
(how lively the project was when last touched) and before ``now`` (how lively it is).
Authors are merged through the tree's ``.mailmap``. Every tag is kept; only release
tags get a version (``registry.facts.versions``); an annotated tag is dated by its
tagger, a lightweight one by its commit.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pygit2
from msgspec.structs import replace
from pygit2.enums import SortMode

from registry.facts import Activity, ActivityWindow, Release, current_release, parse_release_tag

__all__ = ["CommitInfo", "activity", "commit_time", "read_history", "releases"]

WINDOWS = (30, 90, 365)
_SIGNATURE_MARKERS = (
    "-----BEGIN PGP SIGNATURE-----",
    "-----BEGIN SSH SIGNATURE-----",
    "-----BEGIN SIGNED MESSAGE-----",
)


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """What activity needs of one commit."""

    when: datetime
    author: str
    merge: bool
    id: str = ""


def _when(seconds: int, offset_minutes: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone(timedelta(minutes=offset_minutes)))


def commit_time(commit: pygit2.Commit) -> datetime:
    """The committer date with the committer's own offset."""
    return _when(commit.commit_time, commit.commit_time_offset)


def read_history(
    repo: pygit2.Repository,
    tip: pygit2.Commit,
    *,
    mailmap: pygit2.Mailmap | None,
    max_commits: int,
    deadline: float,
) -> tuple[list[CommitInfo], set[str], list[str]]:
    """Walk the history from ``tip`` newest first; returns commits, limits hit, missing ids."""
    commits: list[CommitInfo] = []
    limits: set[str] = set()
    missing: list[str] = []
    walker = repo.walk(tip.id, SortMode.TIME)
    while True:
        try:
            commit = next(walker)
        except StopIteration:
            break
        except (KeyError, pygit2.GitError) as exc:
            missing.append(f"history: {exc}")  # a parent is missing: keep what was read
            break
        if len(commits) >= max_commits:
            limits.add("max-commits")
            break
        if len(commits) % 500 == 0 and time.monotonic() > deadline:
            limits.add("timeout")
            break
        author = commit.author
        name, email = author.name, author.email
        if mailmap is not None:
            name, email = mailmap.resolve(name, email)
        identity = (email or name).strip().lower()
        commits.append(
            CommitInfo(
                _when(commit.commit_time, commit.commit_time_offset),
                identity,
                len(commit.parent_ids) > 1,
                str(commit.id),
            )
        )
    return commits, limits, missing


def _bus_factor(counts: Counter[str]) -> int:
    """Fewest authors who together made at least half of the commits."""
    total, covered = sum(counts.values()), 0
    for rank, (_author, count) in enumerate(counts.most_common(), start=1):
        covered += count
        if covered * 2 >= total:
            return rank
    return 0


def _window(commits: list[CommitInfo], anchor: str, end: datetime, days: int) -> ActivityWindow:
    start = end - timedelta(days=days)
    inside = Counter(c.author for c in commits if start < c.when <= end)
    return ActivityWindow(anchor, days, sum(inside.values()), len(inside), _bus_factor(inside))


def _months(commits: list[CommitInfo], end: datetime) -> tuple[int, ...]:
    """Commits in twelve equal parts of the year up to ``end``, oldest first."""
    part = timedelta(days=365) / 12
    counts = [0] * 12
    for commit in commits:
        age = end - commit.when
        if timedelta(0) <= age < timedelta(days=365):
            counts[11 - int(age / part)] += 1
    return tuple(counts)


def activity(
    commits: list[CommitInfo], *, now: datetime, mailmap: bool, truncated: bool
) -> Activity:
    """Counts, dates and rolling windows; the bus factor is that of the newest commit's year."""
    if not commits:
        return Activity(mailmap=mailmap, truncated=truncated)
    newest = max(c.when for c in commits)
    windows = tuple(
        _window(commits, anchor, end, days)
        for anchor, end in (("newest-commit", newest), ("now", now))
        for days in WINDOWS
    )
    year = next(w for w in windows if w.anchor == "newest-commit" and w.days == 365)
    return Activity(
        months=_months(commits, newest),
        commits=len(commits),
        merges=sum(1 for c in commits if c.merge),
        authors=len({c.author for c in commits}),
        first_commit=min(c.when for c in commits),
        last_commit=newest,
        windows=windows,
        bus_factor=year.bus_factor,
        mailmap=mailmap,
        truncated=truncated,
    )


def _tag_release(
    repo: pygit2.Repository, ref: pygit2.Reference, products: tuple[str, ...]
) -> Release | None:
    name = ref.name.removeprefix("refs/tags/")
    try:
        target = repo[ref.target]
        commit = target.peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError):
        return None  # a tag of a tree or blob, or a missing object
    annotated = isinstance(target, pygit2.Tag)
    tagger = target.tagger if isinstance(target, pygit2.Tag) else None
    if tagger is not None:
        date, source = _when(tagger.time, tagger.offset), "tagger"
    else:
        date, source = _when(commit.commit_time, commit.commit_time_offset), "commit"
    message = (target.message or "") if isinstance(target, pygit2.Tag) else ""
    parsed = parse_release_tag(name, products)
    signed = any(marker in message for marker in _SIGNATURE_MARKERS)
    return Release(
        name, str(commit.id), date, source, parsed.version if parsed else None, annotated, signed
    )


def _on_branch(repo: pygit2.Repository, tip: pygit2.Commit, commit: str, seen: set[str]) -> bool:
    """In the walked history, else (a truncated walk) asked of git."""
    if commit in seen:
        return True
    try:
        return bool(repo.descendant_of(tip.id, pygit2.Oid(hex=commit)))
    except (KeyError, ValueError, pygit2.GitError):
        return False


def releases(
    repo: pygit2.Repository,
    *,
    now: datetime,
    tip: pygit2.Commit | None = None,
    history: list[CommitInfo] | None = None,
    products: tuple[str, ...] = (),
) -> tuple[tuple[Release, ...], str | None, str | None, int | None, str | None]:
    """All tags, the newest by date, the highest release, days since, the current release.

    Only release tags (``registry.facts.versions``) get a version; ``on_default_branch``
    is read against ``tip`` (the default branch) using the walked ``history`` first.
    """
    seen = {c.id for c in history or ()}
    found: list[Release] = []
    for name in repo.listall_references():
        if name.startswith("refs/tags/"):
            release = _tag_release(repo, repo.lookup_reference(name), products)
            if release is None:
                continue
            if tip is not None and release.version:
                reached = _on_branch(repo, tip, release.commit, seen)
                release = replace(release, on_default_branch=reached)
            found.append(release)
    found.sort(key=lambda r: (r.date, r.tag))
    if not found:
        return (), None, None, None, None
    by_date = found[-1]
    tagged = [
        (r, t) for r in found if r.on_default_branch and (t := parse_release_tag(r.tag, products))
    ]
    by_version = max(tagged, key=lambda item: item[1].key)[0] if tagged else None
    current = current_release(found)
    days = (now.astimezone(UTC) - by_date.date.astimezone(UTC)).days
    return (
        tuple(found),
        by_date.tag,
        by_version.tag if by_version else None,
        days,
        current.tag if current else None,
    )
