"""Which tags are releases, which release is current, and how it meets ``softwareVersion``.

Not every tag that ends in digits is a release: product-prefixed tags of another product
(``PRODUCT_8.3``), placeholders (``9999.9999.9999``, ``0.0.0``), date stamps and build
numbers (``20231011-v3``, ``build-4711``) are tags, never the version. A release tag is an
optional ``v``, ``release-`` or the product's own name, then two to four numbers and an
optional pre-release or build suffix. Versions compare with ``packaging`` (PEP 440, which
reads semver's ``-rc.1``/``-beta.2`` too); one place for the rule, used by the analysis,
the draft and the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from registry.facts.model import Release

__all__ = ["ReleaseTag", "current_release", "newer_version", "parse_release_tag", "same_version"]

_TAG = re.compile(
    r"^(?P<prefix>.*?)[vV]?(?P<version>(?P<core>\d+(?:\.\d+){1,3})(?P<suffix>[-.+_~][\w.+\-~]*)?)$"
)
_PREFIXES = frozenset({"", "v", "release", "rel", "version"})  # "v" for "v.1.4.2"
#: Suffixes that name the final release itself (Spring's ``1.2.3.RELEASE``, ``-final``).
_FINAL = frozenset({"final", "release", "ga", "stable"})
#: A major number this large is a date stamp or a build number, not a release line.
_MAX_MAJOR = 9999


@dataclass(frozen=True, slots=True)
class ReleaseTag:
    """A tag read as a release: the version as written (without ``v``) and its sort key."""

    version: str
    key: Version

    @property
    def prerelease(self) -> bool:
        """Alpha, beta, rc, dev or an unknown qualifier (``-SNAPSHOT``, ``-M1``)."""
        return self.key.is_prerelease


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _key(core: str, suffix: str) -> Version:
    if _fold(suffix) in _FINAL:
        suffix = ""
    try:
        return Version(core + suffix)
    except InvalidVersion:
        return Version(f"{core}.dev0")  # an unknown qualifier sorts before the final release


def _placeholder(numbers: list[int], core: str) -> bool:
    if all(n == 0 for n in numbers):
        return True  # 0.0, 0.0.0
    major = core.split(".", 1)[0]
    return numbers[0] > _MAX_MAJOR or (len(major) >= 3 and set(major) == {"9"})


def parse_release_tag(tag: str, products: Iterable[str] = ()) -> ReleaseTag | None:
    """``tag`` as a release, or None when it is a date, build number, placeholder or other product.

    ``products`` are the names a tag may start with (``app-1.2.0`` in repository ``app``).
    """
    match = _TAG.match(tag.strip())
    if match is None:
        return None
    prefix = _fold(match["prefix"].removeprefix("refs/tags/"))
    if prefix not in _PREFIXES and prefix not in {_fold(p) for p in products if p}:
        return None
    if match["prefix"] and match["prefix"][-1:].isalnum():
        return None  # "x1.2" or "abc1.2": a word glued to the number, not a prefix
    core = match["core"]
    numbers = [int(part) for part in core.split(".")]
    if _placeholder(numbers, core):
        return None
    return ReleaseTag(match["version"], _key(core, match["suffix"] or ""))


def _version(text: str | None) -> Version | None:
    if not text:
        return None
    parsed = parse_release_tag(text)
    if parsed is not None:
        return parsed.key
    try:
        return Version(text)
    except InvalidVersion:
        return None


def same_version(a: str | None, b: str | None) -> bool:
    """True when both name the same version (``v2.1`` and ``2.1.0`` do), or both are empty."""
    if not a or not b:
        return not a and not b
    va, vb = _version(a), _version(b)
    return va == vb if va is not None and vb is not None else a.strip() == b.strip()


def newer_version(declared: str | None, tagged: str | None) -> str | None:
    """The current version from ``softwareVersion`` and the current release tag.

    The declared version stands unless the tags show a newer release (a file nobody bumped);
    an older tag never beats it, and a version that cannot be compared keeps the declaration.
    """
    if not declared or not tagged:
        return declared or tagged
    vd, vt = _version(declared), _version(tagged)
    return tagged if vd is not None and vt is not None and vt > vd else declared


def current_release(releases: Iterable[Release]) -> Release | None:
    """The newest release tag reachable from the default branch.

    Newest by tag date (tagger, else commit), the higher version among equal dates; final
    releases before pre-releases, which count only while there is no final release.
    """
    candidates = [
        (r, tag)
        for r in releases
        if r.on_default_branch and r.version and (tag := parse_release_tag(r.version))
    ]
    finals = [(r, tag) for r, tag in candidates if not tag.prerelease]
    pool = finals or candidates
    if not pool:
        return None
    return max(pool, key=lambda item: (item[0].date, item[1].key))[0]
