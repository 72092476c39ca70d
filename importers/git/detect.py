"""Recognise metadata files and operating-model evidence by path (and README sections).

Path rules follow the scoring notes (§8.5): community files count at the root, in
``docs/`` and in ``.github/``; CI, dependency-update and SBOM files by their
well-known names. Rules are data (tuples of patterns), not branches, so adding a
kind is one line.
"""

from __future__ import annotations

import re

from registry.facts import MetadataFile, OperatingEvidence

__all__ = ["INSTALL_HEADING", "metadata_files", "operating_evidence", "readme_paths"]

_COMMUNITY_DIRS = r"(?:|docs/|\.github/|\.gitlab/)"
_METADATA_RULES: tuple[tuple[str, str], ...] = (
    ("publiccode", r"publiccode\.ya?ml"),
    ("readme", _COMMUNITY_DIRS + r"readme(?:\.[\w.]+)?"),
    ("contributing", _COMMUNITY_DIRS + r"contributing(?:\.[\w.]+)?"),
    ("code-of-conduct", _COMMUNITY_DIRS + r"code[_\-]of[_\-]conduct(?:\.[\w.]+)?"),
    ("security", _COMMUNITY_DIRS + r"security(?:\.[\w.]+)?"),
    (
        "changelog",
        _COMMUNITY_DIRS + r"(?:changelog|changes|history|news|release[_\-]notes)(?:\.[\w.]+)?",
    ),
    ("governance", _COMMUNITY_DIRS + r"governance(?:\.[\w.]+)?"),
    ("roadmap", _COMMUNITY_DIRS + r"roadmap(?:\.[\w.]+)?"),
    ("authors", _COMMUNITY_DIRS + r"(?:authors|contributors)(?:\.[\w.]+)?"),
    ("maintainers", _COMMUNITY_DIRS + r"(?:maintainers|codeowners)(?:\.[\w.]+)?"),
    (
        "ci",
        r"\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.woodpecker(?:\.ya?ml|/[^/]+\.ya?ml)"
        r"|\.travis\.yml|jenkinsfile|\.circleci/config\.yml|azure-pipelines\.yml"
        r"|\.forgejo/workflows/[^/]+\.ya?ml|\.gitea/workflows/[^/]+\.ya?ml|bitbucket-pipelines\.yml",
    ),
    (
        "dependency-updates",
        r"\.github/dependabot\.ya?ml|renovate\.json5?|\.renovaterc(?:\.json)?"
        r"|\.github/renovate\.json5?|\.gitlab/renovate\.json5?",
    ),
    (
        "sbom",
        r"(?:.*/)?(?:[^/]*\.spdx(?:\.json|\.ya?ml|\.xml|\.rdf)?|[^/]*\.cdx\.(?:json|xml)"
        r"|bom\.(?:json|xml)|sbom\.(?:json|xml|spdx))",
    ),
    ("reuse", r"reuse\.toml|\.reuse/dep5"),
)
_METADATA = tuple((kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _METADATA_RULES)

_OPERATING_RULES: tuple[tuple[str, str], ...] = (
    (
        "dockerfile",
        r"(?:.*/)?(?:dockerfile|containerfile)(?:\.[\w.\-]+)?|(?:.*/)?[\w.\-]+\.dockerfile",
    ),
    ("compose", r"(?:.*/)?(?:docker-)?compose(?:[.\-][\w.\-]+)?\.ya?ml"),
    ("helm", r"(?:.*/)?chart\.yaml"),
    (
        "kubernetes",
        r"(?:.*/)?(?:k8s|kubernetes|manifests|deploy)/[^/]+\.ya?ml|(?:.*/)?kustomization\.ya?ml",
    ),
    (
        "install-docs",
        r"(?:docs?/)?(?:install(?:ation|ing)?|deploy(?:ment|ing)?|setup|operat(?:ion|ing))"
        r"(?:[_\-][\w\-]+)?\.(?:md|rst|txt|adoc)|docs?/(?:install|deploy|admin|operations)[^/]*/.*",
    ),
)
_OPERATING = tuple((kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _OPERATING_RULES)
_TEST_DIRS = re.compile(r"(?:^|/)(?:tests?|__tests__|spec|fixtures?|testdata|examples?)/", re.I)
INSTALL_HEADING = re.compile(
    r"^(?:#{1,6}\s*|)(?:installation|install|installing|deployment|deploy|getting started|"
    r"setup|betrieb|installation und betrieb|inbetriebnahme)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)


def metadata_files(paths: list[str]) -> tuple[MetadataFile, ...]:
    """Community, CI and SBOM files, plus a ``docs`` entry for a documentation folder."""
    found: list[MetadataFile] = []
    for path in paths:
        for kind, pattern in _METADATA:
            if pattern.fullmatch(path):
                found.append(MetadataFile(kind, path))
                break
    docs = sorted({p.split("/", 1)[0] for p in paths if re.match(r"(?i)docs?/", p)})
    found.extend(MetadataFile("docs", folder + "/") for folder in docs)
    return tuple(found)


def operating_evidence(paths: list[str]) -> list[OperatingEvidence]:
    """Dockerfiles, compose files, Helm charts, Kubernetes manifests and install docs.

    Files under test or example folders are left out: they show how tests run,
    not how the solution is operated.
    """
    found: list[OperatingEvidence] = []
    for path in paths:
        if _TEST_DIRS.search(path):
            continue
        for kind, pattern in _OPERATING:
            if pattern.fullmatch(path):
                detail = path.rsplit("/", 2)[-2] if kind == "helm" and "/" in path else None
                found.append(OperatingEvidence(kind, path, detail))
                break
    return found


def readme_paths(paths: list[str]) -> list[str]:
    """READMEs at the root first (they speak for the project), then docs/ and .github/."""
    readmes = [p for p in paths if re.fullmatch(r"(?i)(?:docs/|\.github/)?readme(?:\.[\w.]+)?", p)]
    return sorted(readmes, key=lambda p: (p.count("/"), len(p)))
