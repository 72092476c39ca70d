"""The ``registry`` command: the composition root that wires core, web and importers.

It is the one module allowed to import ``web`` and ``importers`` (see the import-linter
contracts in pyproject.toml).
"""

from __future__ import annotations

import gc
import os

import typer

from registry.cli import (
    _accounts,
    _adoptions,
    _backup,
    _catalogs,
    _crawl,
    _db,
    _demo,
    _organisations,
    _publiccode,
    _repository,
    _score,
    _search,
    _webhooks,
    _worker,
)
from registry.cli._context import (
    command_group,
    migrated_engine,
    settings_from_env,
    unit_of_work,
)

app = command_group(
    "Registry of municipal software for reuse. / Register kommunaler Software.",
    add_completion=False,
)
app.add_typer(_db.app, name="db")
app.add_typer(_demo.app, name="demo")
app.add_typer(_accounts.accounts, name="account")
app.add_typer(_accounts.tokens, name="token")
app.add_typer(_repository.import_app, name="import")
app.add_typer(_publiccode.export_app, name="export")
_publiccode.export_app.command("dump")(_backup.dump_command)
app.command("restore")(_backup.restore_command)
app.command("validate")(_publiccode.validate_files)
app.command("score")(_score.score_command)
app.command("check")(_score.check_command)
app.add_typer(_crawl.sources_app, name="sources")
app.command("crawl")(_crawl.crawl)
app.command("worker")(_worker.worker)
app.add_typer(_webhooks.app, name="webhooks")
app.add_typer(_adoptions.app, name="adoptions")
app.add_typer(_organisations.app, name="organisations")
app.add_typer(_catalogs.app, name="catalogs")
app.add_typer(_search.app, name="search")


@app.command()
def config() -> None:
    """Print the effective settings (secrets masked)."""
    for key, value in settings_from_env().masked().items():
        typer.echo(f"{key}={value}")


@app.command()
def serve(
    demo: bool = typer.Option(False, "--demo", help="Load the demo catalogue first."),
    workers: int = typer.Option(1, min=1, max=64, help="Server worker processes."),
    host: str | None = typer.Option(None, help="Address to bind (default: REGISTRY_HOST)."),
    port: int | None = typer.Option(
        None, min=1, max=65535, help="Port to bind (default: REGISTRY_PORT)."
    ),
) -> None:
    """Migrate the database to head, then serve the registry (pages and API).

    Without REGISTRY_QUEUE_URL the server also runs queued imports itself.
    """
    import uvicorn

    from registry.catalogue import sync_standards
    from registry.demo import ensure_demo_sign_ins, load_demo, score_demo

    settings = settings_from_env()
    engine = migrated_engine(settings)
    with unit_of_work(engine, actor="serve") as session:
        sync_standards(session)
        if demo:
            load_demo(session)
            score_demo(session)
            sign_ins = ensure_demo_sign_ins(session)
    from registry.search import attach_search_index

    index = attach_search_index(engine, settings)
    if index is not None:  # build or catch up the search index before the first request
        index.catch_up()
    engine.dispose()
    bind_host, bind_port = host or settings.host, port or settings.port
    # Only --demo turns demo mode on; the app (and each worker) reads it from here.
    os.environ["REGISTRY_DEMO"] = "true" if demo else "false"
    if demo:
        typer.echo("demo sign-ins / Demo-Zugänge:")
        for s in sign_ins:
            typer.echo(f"  {s.key}: {s.email} / {s.password}  -> {s.start}")
    typer.echo(f"serving on http://{bind_host}:{bind_port}")
    uvicorn.run(
        "registry.cli._serve:app_from_env", factory=True, host=bind_host, port=bind_port,
        workers=workers, log_level="info",
        proxy_headers=False,  # the app reads X-Forwarded-For itself, from trusted proxies only
    )  # fmt: skip


def main() -> None:
    """Console entry point."""
    try:
        app()
    finally:
        # The interpreter's last garbage collections at exit walk every object the command
        # made (0.3 s of CPU after an import, a third of it); the process is ending, so
        # exclude them. Exit handlers, flushing and closing still run as before.
        gc.freeze()


__all__ = ["app", "main", "migrated_engine", "unit_of_work"]
