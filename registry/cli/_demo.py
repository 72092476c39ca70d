"""``registry demo``: the demo catalogue."""

from __future__ import annotations

import typer

from registry.cli._context import command_group, migrated_engine, settings_from_env, unit_of_work

app = command_group("The demo catalogue. / Der Demo-Katalog.")


@app.command()
def load() -> None:
    """Load about 30 real solutions and their organisations, scored (twice changes nothing)."""
    from registry.demo import load_demo, score_demo

    engine = migrated_engine(settings_from_env())
    try:
        with unit_of_work(engine, actor="demo") as session:
            counts = load_demo(session)
            counts["solution scored"] = score_demo(session)
    finally:
        engine.dispose()
    for key, count in sorted(counts.items()):
        typer.echo(f"{key}: {count}")
