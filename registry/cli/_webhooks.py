"""``registry webhooks deliver``: send due notifications (once, or in a loop)."""

from __future__ import annotations

import time

import typer

from registry.cli._context import command_group, migrated_engine, settings_from_env, unit_of_work

app = command_group("Outgoing webhooks. / Ausgehende Webhooks.")


@app.command("deliver")
def deliver(
    loop: bool = typer.Option(False, "--loop", help="Keep delivering until stopped."),
    interval: float = typer.Option(15.0, "--interval", min=1.0, help="Seconds between passes."),
) -> None:
    """Turn recent changes into notifications and send those that are due."""
    from importers.webhooks import deliver_due
    from registry.db import utcnow

    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        while True:
            with unit_of_work(engine, actor="webhooks") as session:
                run = deliver_due(session, settings, utcnow())
            typer.echo(
                f"queued {run.dispatched}, delivered {run.delivered}, "
                f"retrying {run.retried}, failed {run.failed}"
            )
            if not loop:
                return
            time.sleep(interval)
    finally:
        engine.dispose()
