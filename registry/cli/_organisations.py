"""``registry organisations prune|merge``: clean up organisations nobody uses."""

from __future__ import annotations

import typer

from registry.cli._context import (
    command_group,
    fail,
    migrated_engine,
    settings_from_env,
    unit_of_work,
)
from registry.errors import RegistryError

app = command_group("Organisations. / Organisationen.")


@app.command("prune")
def prune_command(
    dry_run: bool = typer.Option(False, "--dry-run", help="Only list what would be removed."),
) -> None:
    """Remove unverified organisations that nothing links to (no members, entries,
    adoptions, offers, funding, code sources or child organisations)."""
    from registry.catalogue import prune

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli:organisations prune") as session:
            removed = prune(session, dry_run=dry_run)
            for org in removed:
                typer.echo(f"{'would remove' if dry_run else 'removed'}: {org.slug} ({org.name})")
    finally:
        engine.dispose()
    verb = "would be removed" if dry_run else "removed"
    typer.echo(f"{len(removed)} organisation(s) {verb}")


@app.command("merge")
def merge_command(
    source: str = typer.Argument(..., metavar="FROM", help="Slug of the duplicate to remove."),
    target: str = typer.Argument(..., metavar="INTO", help="Slug of the organisation to keep."),
) -> None:
    """Move every link of FROM to INTO (members, entries, adoptions, offers, funding, code
    sources, members' edits), then remove FROM."""
    from registry.catalogue import merge

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli:organisations merge") as session:
            moved = merge(session, source, target)
    except RegistryError as exc:
        raise fail(exc) from exc
    finally:
        engine.dispose()
    typer.echo(f"merged {source} into {target}: {moved.total} link(s) moved")
