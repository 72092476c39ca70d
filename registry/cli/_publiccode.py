"""publiccode.yml on the command line: ``validate``, ``import publiccode``, ``export``.

    registry validate FILE... [--format text|json] [--network]
    registry import publiccode FILE_OR_URL [--network]
    registry export [publiccode] SLUG [--output FILE]

Exit codes of ``validate`` and ``import publiccode``: 0 when every file is valid
(warnings allowed), 1 when any has an error (an invalid file is still imported, as an
inactive entry), 2 for usage errors (a missing file, a refused URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from registry.cli._context import (
    command_group,
    fail,
    migrated_engine,
    settings_from_env,
    unit_of_work,
)
from registry.cli._repository import DefaultCommandGroup, import_app
from registry.errors import ImportFailed, RegistryError

if TYPE_CHECKING:
    from registry.publiccode import UrlChecker, ValidationReport
    from registry.settings import Settings

__all__ = ["export_app", "import_publiccode", "validate_files"]


class OutputFormat(StrEnum):
    """How ``validate`` prints its findings."""

    text = "text"
    json = "json"


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _read_bounded(path: Path) -> bytes | int:
    """The file's bytes, or its size when it is over the limit (never read whole)."""
    from registry.publiccode import DEFAULT_MAX_BYTES

    with path.open("rb") as handle:
        data = handle.read(DEFAULT_MAX_BYTES + 1)
    return data if len(data) <= DEFAULT_MAX_BYTES else path.stat().st_size


def _check_file(path: Path, checker: UrlChecker | None) -> ValidationReport:
    from registry.publiccode import DEFAULT_MAX_BYTES, Issue, ValidationReport, validate

    data = _read_bounded(path)
    if isinstance(data, int):
        message = f"file is too large: {data} bytes, the limit is {DEFAULT_MAX_BYTES}"
        return ValidationReport(None, None, (Issue("error", "", message),), filename=str(path))
    return validate(data, filename=str(path), base_dir=path.parent, url_checker=checker)


@contextmanager
def _checker(network: bool) -> Iterator[UrlChecker | None]:
    """The guarded reachability checker for ``--network`` (closed afterwards), else None."""
    if not network:
        yield None
        return
    from importers.http import GuardedUrlChecker

    checker = GuardedUrlChecker(settings_from_env())
    try:
        yield checker
    finally:
        checker.client.close()


def _existing_files(files: list[Path]) -> None:
    for path in files:
        if not path.is_file():
            kind = "is a folder / ist ein Ordner" if path.is_dir() else "not found / nicht gefunden"
            raise _usage_error(f"{path}: {kind}")


def validate_files(
    files: list[Path] = typer.Argument(..., metavar="FILE...", help="publiccode.yml files."),
    output: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text or json. / Ausgabeformat."
    ),
    network: bool = typer.Option(
        False, "--network", help="Also check that URLs are reachable. / URLs prüfen."
    ),
) -> None:
    """Validate publiccode.yml files like the reference parser. / publiccode.yml prüfen.

    Text: FILE:LINE:COL: error|warning: KEY: MESSAGE. JSON: {FILE: [{type, key,
    description, line, column}]}. Exit 0 valid, 1 errors, 2 usage error.
    """
    from registry.publiccode import format_text, to_json

    _existing_files(files)
    with _checker(network) as checker:
        reports = [_check_file(path, checker) for path in files]
    if output is OutputFormat.json:
        typer.echo(json.dumps({r.filename: to_json(r) for r in reports}, ensure_ascii=False))
    else:
        for report in reports:
            if report.issues:
                typer.echo(format_text(report))
    invalid = sum(1 for r in reports if not r.valid)
    typer.echo(
        f"{len(reports)} file(s) / Datei(en): {len(reports) - invalid} valid / gültig, "
        f"{invalid} invalid / ungültig",
        err=True,
    )
    if invalid:
        raise typer.Exit(1)


def _fetch(source: str, settings: Settings) -> bytes:
    import httpx

    from importers.http import fetch_bytes, make_client
    from registry.publiccode import DEFAULT_MAX_BYTES

    try:
        with make_client(settings) as client:
            return fetch_bytes(client, source, settings, max_bytes=DEFAULT_MAX_BYTES)
    except httpx.HTTPError as exc:
        raise ImportFailed(f"{source}: {type(exc).__name__}", field="url") from exc


def _load(source: str, settings: Settings) -> tuple[bytes, Path | None]:
    """The file's bytes and the folder its relative paths resolve against."""
    from registry.publiccode import DEFAULT_MAX_BYTES

    if source.startswith(("http://", "https://")):
        try:
            return _fetch(source, settings), None
        except RegistryError as exc:
            raise _usage_error(exc.message) from exc
    path = Path(source)
    _existing_files([path])
    data = _read_bounded(path)
    if isinstance(data, int):
        raise _usage_error(f"{path}: {data} bytes, the limit is {DEFAULT_MAX_BYTES}")
    return data, path.parent


@import_app.command("publiccode")
def import_publiccode(
    source: str = typer.Argument(..., metavar="FILE_OR_URL", help="publiccode.yml path or URL."),
    network: bool = typer.Option(
        False, "--network", help="Also check that URLs are reachable. / URLs prüfen."
    ),
) -> None:
    """Import one publiccode.yml into the catalogue. / Eine publiccode.yml importieren.

    A valid file gives an active entry; an invalid one an inactive entry with its errors
    (exit 1); an unreadable one stores nothing (exit 1).
    """
    from registry.imports import import_publiccode as run_import
    from registry.publiccode import format_text

    settings = settings_from_env()
    data, base_dir = _load(source, settings)
    engine = migrated_engine(settings)
    try:
        with _checker(network) as checker, unit_of_work(engine, actor="cli") as session:
            result = run_import(
                session, data, source=source, base_dir=base_dir, url_checker=checker
            )
            slug = result.solution.slug if result.solution else None
    finally:
        engine.dispose()
    if result.report.issues:
        typer.echo(format_text(result.report, source))
    if slug is None:
        typer.echo(f"error: {result.message}", err=True)
        raise typer.Exit(1)
    state = "active / aktiv" if result.report.valid else "inactive / inaktiv"
    typer.echo(f"{result.action}: {slug} ({state})")
    if not result.report.valid:
        raise typer.Exit(1)


class _ExportGroup(DefaultCommandGroup):
    default_command = "publiccode"


export_app = command_group(
    "Export an entry as publiccode.yml: `registry export SLUG`. / Eintrag exportieren.",
    cls=_ExportGroup,
)


@export_app.command("publiccode")
def export_publiccode(
    slug: str = typer.Argument(..., help="The entry's slug. / Kurzname des Eintrags."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to FILE instead of standard output."
    ),
) -> None:
    """Write an entry as a current-version publiccode.yml. / Als publiccode.yml ausgeben."""
    from registry.catalogue import CatalogueService
    from registry.imports import export_publiccode as run_export

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="cli") as session:
            text = run_export(CatalogueService(session), slug)
    except RegistryError as exc:
        raise fail(exc) from exc
    finally:
        engine.dispose()
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _usage_error(f"{output}: {exc.strerror}") from exc
    typer.echo(f"written / geschrieben: {output}", err=True)
