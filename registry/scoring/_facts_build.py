"""Builders of the named facts (``facts.FACT_NAMES``) from a plain entry snapshot.

One function per dimension (licence facts in ``_facts_licence``). Repository facts come
from the *main* repository: the one whose URL is the entry's ``url``, else the first with
stored facts. Anything unreadable counts as unknown rather than raising: scoring must
always give a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from registry.facts import counts_as_evidence
from registry.scoring._facts_context import Context, Facts, as_datetime, main_repo, rows_of
from registry.scoring._facts_licence import licence_facts
from registry.scoring.evidence import Evidence, Fact

__all__ = ["as_datetime", "build_all"]

_DEPLOYMENT_KINDS = ("dockerfile", "compose", "helm", "kubernetes")
_USING_ROLES = ("uses", "operates")


def _slug(row: Mapping[str, Any]) -> str:
    return str(row.get("standard") or row.get("name"))


def _details(row: Mapping[str, Any]) -> Mapping[str, Any]:
    details = row.get("details")
    return details if isinstance(details, Mapping) else {}


def _interfaces(ctx: Context) -> Facts:
    rows = rows_of(ctx.entry, "interfaces")
    standards = ctx.entry.get("standards") or {}
    opened: dict[str, Evidence] = {}
    closed: dict[str, Evidence] = {}
    for row in rows:
        slug = _slug(row)
        ev = Evidence("entry", f"interfaces/{slug}", level=_level(row.get("evidence_level")))
        if row.get("standard_open") is True:
            opened.setdefault(slug, ev)
        elif row.get("standard_open") is False:
            closed.setdefault(slug, ev)
    documents = 0
    for finding in ctx.repo.interfaces if ctx.repo else ():
        # A mention (changelog, prose, .env) is no evidence on its own; a consumed API's
        # document does not describe this solution's interface.
        if not counts_as_evidence(finding) or finding.how == "mention":
            continue
        documents += finding.how == "document" and finding.role == "provides"
        if standards.get(finding.standard) is True:
            opened.setdefault(finding.standard, ctx.repo_ev(finding.path))
    proprietary = [d for d in rows_of(ctx.entry, "dependencies")
                   if d.get("kind") == "proprietary" and not d.get("optional")]  # fmt: skip
    api_docs = any(t.get("api_documentation") for t in rows_of(ctx.entry, "texts"))
    validated = {_slug(r) for r in rows if r.get("evidence_level") == "validated"}
    claimed = {_slug(r) for r in rows if _details(r).get("conformance")}
    return {
        "interfaces.open_standards": Fact(
            len(opened), tuple(opened.values()) or ctx.entry_ev("interfaces")
        ),
        "interfaces.closed_standards": Fact(len(closed), tuple(closed.values())),
        "interfaces.described_in_repo": Fact(
            documents if ctx.repo else None, (ctx.repo_ev("/"),) if ctx.repo else ()
        ),
        "interfaces.proprietary_dependencies": Fact(len(proprietary), ctx.entry_ev("dependencies")),
        "interfaces.api_documentation": Fact(bool(api_docs or documents), ctx.entry_ev("texts")),
        "conformance.validated": Fact(len(validated), ctx.entry_ev("interfaces")),
        "conformance.claimed": Fact(len(claimed - validated), ctx.entry_ev("interfaces")),
    }


def _level(value: Any) -> str:
    return (
        "verified" if value == "validated" else ("detected" if value == "detected" else "declared")
    )


def _current(row: Mapping[str, Any], now: datetime, *keys: str) -> bool:
    for key in keys:
        end = as_datetime(row.get(key))
        if end is not None and end < now.replace(hour=0, minute=0, second=0, microsecond=0):
            return False
    return True


def _operating(ctx: Context) -> Facts:
    entry, now = ctx.entry, ctx.now
    maintenance = entry.get("maintenance_type")
    contacts = [c for c in rows_of(entry, "contacts") if _current(c, now, "until")]
    offers = [o for o in rows_of(entry, "offers") if _current(o, now, "until")]
    ways = {
        str(o.get("kind")) for o in offers if o.get("kind") in ("self-hosting", "hosted-service")
    }
    repo_ways = [e for e in (ctx.repo.operating if ctx.repo else ()) if e.kind in _DEPLOYMENT_KINDS]
    ways |= {e.kind for e in repo_ways}
    ways_ev = ctx.entry_ev("offers") + tuple(ctx.repo_ev(e.path) for e in repo_ways[:3])
    support = any(o.get("kind") in ("community-support", "support-contract") for o in offers)
    support = support or any(c.get("email") for c in contacts)
    return {
        "operating.maintenance_type": Fact(
            maintenance if isinstance(maintenance, str) and maintenance else "missing",
            ctx.entry_ev("maintenance.type"),
        ),
        "operating.reachable_contacts": Fact(len(contacts), ctx.entry_ev("contacts")),
        "operating.ways_to_run": Fact(len(ways), ways_ev),
        "operating.support_channel": Fact(support, ctx.entry_ev("offers")),
        "operating.funding_stated": Fact(bool(rows_of(entry, "funding")), ctx.entry_ev("funding")),
    }


def _host(ctx: Context, *keys: str) -> Fact:
    metadata = ctx.repo_row.get("host_metadata") or {}
    for key in keys:
        if isinstance(metadata, Mapping) and metadata.get(key) is not None:
            ev = Evidence(str(ctx.repo_row.get("url")), key, level="verified")
            return Fact(metadata[key], (ev,))
    return Fact(applicable=False)


def _governance(ctx: Context) -> Facts:
    kinds = ctx.kinds()
    if "governance" in kinds:
        model = Fact("file", (ctx.repo_ev(kinds["governance"]),))
    elif ctx.entry.get("governance"):
        model = Fact("declared", ctx.entry_ev("governance"))
    else:
        model = Fact("none", ctx.entry_ev("governance"))
    verified, claimed = _other_orgs(ctx, ("co-develops",))
    return {
        "governance.model": model,
        "governance.contributing": ctx.repo_flag("contributing"),
        "governance.issue_tracker": _host(ctx, "has_issues", "issues_enabled"),
        "governance.co_developers_verified": verified,
        "governance.co_developers_claimed": claimed,
        "governance.code_of_conduct": ctx.repo_flag("code-of-conduct"),
        "governance.roadmap": ctx.repo_flag("roadmap"),
    }


def _install(ctx: Context) -> Fact:
    operating = ctx.repo.operating if ctx.repo else ()
    docs = [e for e in operating if e.kind == "install-docs"]
    if docs:
        return Fact("instructions", (ctx.repo_ev(docs[0].path),))
    offers = [o for o in rows_of(ctx.entry, "offers") if o.get("kind") == "self-hosting"]
    if any(o.get("docs_url") for o in offers):
        return Fact("instructions", ctx.entry_ev("offers.docs_url"))
    files = [e for e in operating if e.kind in _DEPLOYMENT_KINDS]
    if files:
        return Fact("deployment-files", (ctx.repo_ev(files[0].path),))
    return Fact("none", (ctx.repo_ev("/"),)) if ctx.repo else Fact()


def _docs(ctx: Context) -> Facts:
    entry = ctx.entry
    texts = rows_of(entry, "texts")
    links = any(t.get("documentation") for t in texts)
    links = links or any(o.get("docs_url") for o in rows_of(entry, "offers"))
    folder = "docs" in ctx.kinds()
    valid = entry.get("publiccode_valid")
    if valid is None and not (ctx.repo and ctx.repo.publiccode_path):
        valid = False
    langs = {str(t.get("lang", ""))[:2] for t in texts} & {"de", "en"}
    return {
        "docs.readme": ctx.repo_flag("readme"),
        "docs.install": _install(ctx),
        "docs.documentation": Fact(bool(links or folder), ctx.entry_ev("documentation")),
        "docs.changelog": ctx.repo_flag("changelog"),
        "docs.publiccode_valid": Fact(valid, ctx.entry_ev("publiccode.yml")),
        "docs.languages": Fact(len(langs), ctx.entry_ev("description")),
    }


def _release_dates(ctx: Context) -> list[datetime]:
    dates = [as_datetime(r.get("released_on")) for r in rows_of(ctx.entry, "releases")]
    dates += [release.date for release in ctx.repo.releases] if ctx.repo else []
    return [d if d.tzinfo else d.replace(tzinfo=UTC) for d in dates if d is not None]


def _activity(ctx: Context) -> Facts:
    repo = ctx.repo
    releases = _release_dates(ctx)
    since_release = min((ctx.days_since(d) or 0 for d in releases), default=None)
    last_commit = ctx.days_since(repo.activity.last_commit) if repo else None
    known = [d for d in (since_release, last_commit) if d is not None]
    year = next((w for w in repo.activity.windows if w.anchor == "now" and w.days == 365), None) \
        if repo else None  # fmt: skip
    firsts = [d for d in [*releases, repo.activity.first_commit if repo else None] if d]
    archived = any(r.get("archived") or r.get("gone") for r in rows_of(ctx.entry, "repositories"))
    repo_ev = (ctx.repo_ev("HEAD"),) if repo else ()
    return {
        "activity.commits_365d": Fact(year.commits if year else None, repo_ev),
        "activity.days_since_release": Fact(since_release, repo_ev or ctx.entry_ev("releases")),
        "activity.bus_factor": Fact(year.bus_factor if year else None, repo_ev),
        "activity.issue_response_days": _host(ctx, "issue_response_median_days"),
        "activity.days_since_activity": Fact(min(known) if known else None, repo_ev),
        "activity.archived": Fact(archived, ctx.entry_ev("repositories")),
        "activity.age_days": Fact(ctx.days_since(min(firsts)) if firsts else None, repo_ev),
    }


def _other_orgs(ctx: Context, roles: tuple[str, ...]) -> tuple[Fact, Fact]:
    publisher = ctx.entry.get("publisher_id")
    verified: set[str] = set()
    claimed: set[str] = set()
    for row in rows_of(ctx.entry, "adoptions"):
        org = row.get("organisation_id")
        if row.get("role") not in roles or (org is not None and org == publisher):
            continue
        if not _current(row, ctx.now, "until", "expires_at"):
            continue
        key = str(org) if org is not None else f"claim:{row.get('claim_text')}"
        (verified if row.get("verified") else claimed).add(key)
    ev = ctx.entry_ev("adoptions")
    verified_ev = (Evidence(ev[0].source, "adoptions", date=ev[0].date, level="verified"),)
    return Fact(len(verified), verified_ev), Fact(len(claimed - verified), ev)


def _adoption(ctx: Context) -> Facts:
    verified, claimed = _other_orgs(ctx, _USING_ROLES)
    hosted = [o for o in rows_of(ctx.entry, "offers") if o.get("kind") == "hosted-service"]
    return {
        "adoption.other_orgs_verified": verified,
        "adoption.other_orgs_claimed": claimed,
        "adoption.hosted_offers": Fact(len(hosted), ctx.entry_ev("offers")),
    }


def _security(ctx: Context) -> Facts:
    repo = ctx.repo
    share = None
    if repo and repo.releases:
        share = round(sum(1 for r in repo.releases if r.signed) / len(repo.releases), 3)
    return {
        "security.policy": ctx.repo_flag("security"),
        "security.dependency_updates": ctx.repo_flag("dependency-updates"),
        "security.ci": ctx.repo_flag("ci"),
        "security.sbom": ctx.repo_flag("sbom"),
        "security.signed_release_share": Fact(share, (ctx.repo_ev("refs/tags"),) if repo else ()),
        "security.branch_protection": _host(ctx, "branch_protection"),
    }


def _general(ctx: Context) -> Facts:
    urls = [str(r.get("url")) for r in rows_of(ctx.entry, "repositories") if not r.get("gone")]
    urls += [ctx.entry["url"]] if isinstance(ctx.entry.get("url"), str) else []
    public = list(dict.fromkeys(u for u in urls if u.startswith("https://")))
    present = bool(ctx.entry.get("publiccode_present") or (ctx.repo and ctx.repo.publiccode_path))
    status = ctx.entry.get("development_status")
    return {
        "repository.public": Fact(bool(public), tuple(Evidence("entry", u) for u in public[:3])),
        "publiccode.present": Fact(present, ctx.entry_ev("publiccode.yml")),
        "solution.development_status": Fact(status if isinstance(status, str) else None),
    }


_PARTS: tuple[Callable[[Context], Facts], ...] = (
    licence_facts, _interfaces, _operating, _governance, _docs, _activity, _adoption, _security,
    _general,
)  # fmt: skip


def build_all(entry: Mapping[str, Any], *, now: datetime) -> tuple[Facts, str | None]:
    """Every fact of ``entry`` at ``now``, and the commit they judge."""
    repo, row = main_repo(entry)
    ctx = Context(entry, now, repo, row)
    facts: Facts = {}
    for part in _PARTS:
        facts.update(part(ctx))
    return facts, ctx.commit
