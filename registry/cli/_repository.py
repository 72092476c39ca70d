"""``registry import``: bring solutions in from repositories and publiccode.yml files.

    registry import URL_OR_PATH            # one git repository (the default subcommand)
    registry import repository URL_OR_PATH # the same, spelled out
    registry import publiccode FILE_OR_URL # one publiccode.yml (registry/cli/_publiccode.py)

``import_app`` is a group whose first argument, when it is not a subcommand's name, is
taken as the argument of the default subcommand (``repository``). To add a source
(say, organisation or group URLs from the host drivers of ``importers/hosts``), add a
subcommand to ``import_app`` (``registry import organisation URL``), or let ``url``
below hand organisation URLs to the driver before treating the URL as one repository.
Both call ``importers.repository.import_repository`` per repository.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer

from registry.cli._context import (
    HelpGroup,
    command_group,
    migrated_engine,
    settings_from_env,
    unit_of_work,
)
from registry.forges import DRIVER_NAMES

__all__ = ["DefaultCommandGroup", "import_app", "repository"]


class DefaultCommandGroup(HelpGroup):
    """A group that runs ``default_command`` when the first argument names no subcommand."""

    default_command = "repository"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        """Insert the default subcommand before a first argument that is not a command."""
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class _ImportGroup(DefaultCommandGroup):
    default_command = "repository"


import_app = command_group(
    cls=_ImportGroup,
    help_text=(
        "Import solutions: `registry import URL_OR_PATH` (a git repository) or "
        "`registry import publiccode FILE_OR_URL`. / Lösungen importieren."
    ),
)


def _echo_result(result: Any) -> None:
    if result.ok:
        typer.echo(f"{result.action}: {result.solution.slug} ({result.repository.url})")
        facts = result.facts
        if facts is not None:
            licence = facts.licence.detected_expression or "-"
            typer.echo(f"licence detected / Lizenz erkannt: {licence}")
            for item in facts.licence.disagreements:
                others = ", ".join(item.other_paths)
                typer.echo(
                    "warning: licence disagreement / Lizenzwiderspruch: "
                    f"{item.path} ({item.expression}) vs {others}: {item.reason}"
                )
    if result.publiccode is not None and not result.publiccode.valid:
        errors = len(result.publiccode.errors)
        typer.echo(
            f"warning: publiccode.yml invalid / ungültig ({errors} errors / Fehler); "
            "entry stored inactive / Eintrag inaktiv gespeichert"
        )
    if not result.ok:
        typer.echo(f"error: {result.error}", err=True)


@import_app.command("repository")
def repository(
    source: str = typer.Argument(..., metavar="URL_OR_PATH", help="git URL or local path."),
    url: str | None = typer.Option(
        None, "--url", help="Public URL of a local repository. / Öffentliche URL."
    ),
    driver: str | None = typer.Option(
        None,
        "--driver",
        help=f"{'|'.join(DRIVER_NAMES)}: SOURCE is an organisation, group "
        "or user on such a host (self-hosted too). / Organisation auf diesem Host-Typ.",
    ),
) -> None:
    """Import one git repository (URL, or a local path: operator use). / Ein Repository.

    An organisation, group or user URL is handed to the host drivers (``registry crawl``);
    ``--driver`` names the host type where the URL does not tell it.
    """
    from importers.repository import import_repository
    from registry.cli._crawl import import_owner, is_owner_url
    from registry.imports import import_batch

    if driver is not None or is_owner_url(source):
        raise typer.Exit(import_owner(source, driver=driver))

    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        # one entry, scored and indexed once at the end rather than at each of its flushes
        with unit_of_work(engine, actor="cli") as session, import_batch(session):
            result = import_repository(
                session, source, settings=settings, now=datetime.now(UTC), trusted=True, url=url
            )
        _echo_result(result)
    finally:
        engine.dispose()
    if result.action == "refused":
        raise typer.Exit(2)
    if not result.ok:
        raise typer.Exit(1)
