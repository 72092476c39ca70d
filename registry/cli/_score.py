"""``registry score`` and ``registry check``: judge entries, check funder profiles.

Exit status of ``check``: 0 when every solution passes the profile, 1 when any does not,
2 for usage errors (unknown profile or slug, a bad profile file, a repository that
cannot be read), so a funded project can run ``registry check`` in its own CI.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from registry.cli._context import migrated_engine, settings_from_env, unit_of_work
from registry.errors import RegistryError

if TYPE_CHECKING:
    from registry.scoring import Profile, ProfileReport, ScoreOutcome

_SLUGS = typer.Argument(None, help="Slugs of solutions. / Kurznamen der Lösungen.")
_ALL = typer.Option(False, "--all", help="Every solution. / Alle Lösungen.")


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _line(slug: str, outcome: ScoreOutcome, stored: bool) -> str:
    reasons = ", ".join(r.id for r in outcome.silo_reasons if not r.exempt)
    silo = f"silo: {outcome.silo}" + (f" ({reasons})" if reasons else "")
    return (
        f"{slug}: {outcome.score}/100 ({outcome.total:g} of {outcome.maximum:g} points, "
        f"coverage {outcome.coverage:.2f}) level: {outcome.level or '-'} {silo}"
        f"{'' if stored else ' [unchanged]'}"
    )


def score_command(slugs: list[str] | None = _SLUGS, all_: bool = _ALL) -> None:
    """Recompute and store reuse-readiness scores. / Nachnutzbarkeit neu bewerten."""
    if bool(slugs) == all_:
        raise _usage("give solution slugs or --all (not both)")
    from registry.scoring import ScoringService

    now = datetime.now(UTC)
    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="score") as session:
            service = ScoringService(session)
            solutions = service.solutions(slugs or ())
            for solution, done in zip(
                solutions, service.rescore_many(solutions, now=now), strict=True
            ):
                typer.echo(_line(solution.slug, done.outcome, done.stored))
    except RegistryError as exc:
        raise _usage(exc.message) from exc
    finally:
        engine.dispose()


def _repo_report(profile: Profile, source: str, now: datetime) -> ProfileReport:
    from importers.git import GitSourceError, analyse
    from registry.scoring import build_facts, entry_from_repository, evaluate_profile, score

    settings = settings_from_env()
    local = Path(source).exists()
    try:
        facts = analyse(source, settings=settings, now=now, trusted=local)
    except GitSourceError as exc:
        raise _usage(f"cannot read repository {source}: {exc}") from exc
    fact_set = build_facts(entry_from_repository(facts, now=now), now=now)
    return evaluate_profile(profile, fact_set, score(fact_set, now=now))


def _db_reports(
    profile: Profile,
    slugs: list[str],
    organisation: str | None,
    funded_by: str | None,
    now: datetime,
) -> list[ProfileReport]:
    from registry.scoring import ScoringService

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="check") as session:
            service = ScoringService(session)
            selected = service.solutions(slugs, organisation=organisation, funded_by=funded_by)
            return [service.check_profile(s, profile, now=now) for s in selected]
    finally:
        engine.dispose()


def check_command(  # noqa: PLR0917 - Typer passes every option as a parameter
    profile: str = typer.Option(..., "--profile", help="Profile name or YAML file."),
    slugs: list[str] | None = _SLUGS,
    all_: bool = _ALL,
    repo: str | None = typer.Option(None, "--repo", help="Local path or URL, not stored."),
    organisation: str | None = typer.Option(None, "--organisation", help="Publisher slug."),
    funded_by: str | None = typer.Option(None, "--funded-by", help="Funder slug."),
    fmt: str = typer.Option("text", "--format", help="text, json, csv or html."),
    lang: str = typer.Option("en", "--lang", help="de or en."),
    output: Path | None = typer.Option(None, "--output", help="Write the report here."),
) -> None:
    """Check solutions against a funder requirement profile. / Förderprofil prüfen."""
    from registry.scoring import FORMATS, find_profile, render_reports

    modes = [bool(slugs), all_, repo is not None, organisation is not None, funded_by is not None]
    if sum(modes) != 1:
        raise _usage("choose one of: SLUG..., --all, --repo, --organisation, --funded-by")
    if fmt not in FORMATS or lang not in ("de", "en"):
        raise _usage(f"--format must be one of {', '.join(FORMATS)}; --lang de or en")
    now = datetime.now(UTC)
    try:
        chosen = find_profile(profile)
        if repo is not None:
            reports = [_repo_report(chosen, repo, now)]
        else:
            reports = _db_reports(chosen, slugs or [], organisation, funded_by, now)
    except RegistryError as exc:
        raise _usage(exc.message) from exc
    text = render_reports(reports, fmt, lang)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text)
    if any(report.verdict != "pass" for report in reports):
        raise typer.Exit(1)
