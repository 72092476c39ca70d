"""``registry adoptions remind``: tell both sides of declarations that run out."""

from __future__ import annotations

import typer

from registry.cli._context import command_group, migrated_engine, settings_from_env, unit_of_work

app = command_group("Adoption declarations. / Nachnutzungserklärungen.")


@app.command("remind")
def remind_command() -> None:
    """Mail adopters and publishers about declarations expiring within 30 days or expired."""
    from registry.catalogue import remind
    from registry.db import utcnow
    from registry.notify import Mailer

    settings = settings_from_env()
    engine = migrated_engine(settings)
    try:
        with unit_of_work(engine, actor="reminders") as session:
            done = remind(session, Mailer(settings), utcnow(), settings.public_url)
            for r in done:
                how = "mailed" if r.sent else "noted (no mail configured)"
                typer.echo(f"{r.solution} / {r.organisation}: expires {r.expires.date()} - {how}")
    finally:
        engine.dispose()
    typer.echo(f"{len(done)} reminder(s)")
