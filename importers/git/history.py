"""Activity and releases from the default branch's history and the tags.

Windows are rolling (30/90/365 days) and anchored twice: before the newest commit
(how lively the project was when last touched) and before ``now`` (how lively it is).
Authors are merged through the tree's ``.mailmap``. Tags become releases; an
annotated tag is dated by its tagger, a lightweight one by its commit.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pygit2
from pygit2.enums import SortMode

from registry.facts import Activity, ActivityWindow, Release

__all__ = ["CommitInfo", "activity", "commit_time", "read_history", "releases", "version_key"]

WINDOWS = (30, 90, 365)
_SIGNATURE_MARKERS = (
    "-----BEGIN PGP SIGNATURE-----",
    "-----BEGIN SSH SIGNATURE-----",
    "-----BEGIN SIGNED MESSAGE-----",
)
_VERSION = re.compile(r"(?<![A-Za-z0-9])v?(\d+(?:\.\d+){0,3})(?:[-.+_]?([A-Za-z][\w.\-]*))?$")


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """What activity needs of one commit."""

    when: datetime
    author: str
    merge: bool


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


def version_key(tag: str) -> tuple[tuple[int, ...], int, str] | None:
    """Sort key for version-like tags; final releases sort after their pre-releases."""
    match = _VERSION.search(tag)
    if match is None:
        return None
    numbers = tuple(int(part) for part in match.group(1).split("."))
    numbers += (0,) * (4 - len(numbers))
    suffix = match.group(2) or ""
    return numbers, 0 if suffix else 1, suffix


def _tag_release(repo: pygit2.Repository, ref: pygit2.Reference) -> Release | None:
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
    key = version_key(name)
    version = _VERSION.search(name).group(0).lstrip("v") if key else None  # type: ignore[union-attr]
    signed = any(marker in message for marker in _SIGNATURE_MARKERS)
    return Release(name, str(commit.id), date, source, version, annotated, signed)


def releases(
    repo: pygit2.Repository, *, now: datetime
) -> tuple[tuple[Release, ...], str | None, str | None, int | None]:
    """All tags as releases, plus the newest by date, the newest by version, days since."""
    found: list[Release] = []
    for name in repo.listall_references():
        if name.startswith("refs/tags/"):
            release = _tag_release(repo, repo.lookup_reference(name))
            if release is not None:
                found.append(release)
    found.sort(key=lambda r: (r.date, r.tag))
    if not found:
        return (), None, None, None
    by_date = found[-1]
    versioned = [r for r in found if version_key(r.tag) is not None]
    by_version = max(versioned, key=lambda r: version_key(r.tag) or ()) if versioned else None
    days = (now.astimezone(UTC) - by_date.date.astimezone(UTC)).days
    return tuple(found), by_date.tag, by_version.tag if by_version else None, days
