"""Benchmark: start-up of the ``registry`` command beside a bare Python start.

Measured in the same run, each a fresh process, best and median of ``--repeat`` runs:

* ``python -c pass`` (the baseline: the interpreter alone);
* ``registry --help``;
* ``registry import PATH`` of a small repository (20 files: a README, an MIT licence
  text, a publiccode.yml, code, an OpenAPI document) written by this script with
  ``git`` into a temporary folder, into a new SQLite file each run (a first import:
  the database is created too);
* the same into one existing database, another repository each run (every later
  import).

The licence reference data and the migrated-schema template start uncached: the first
import prepares both (cached on disk at first use) and is reported on its own. Python
keeps compiled bytecode in a folder of its own for the run (``PYTHONPYCACHEPREFIX``), as
an installed package has it, even where ``PYTHONDONTWRITEBYTECODE`` is set: the first
import writes it. Wall-clock and CPU seconds are both given: on a shared machine other
processes stretch the first, not the second.

    .venv/bin/python bench/cli_bench.py [--repeat 5]

Targets (issue 20): ``--help`` ≤ 0.3 s, small import ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._summary import print_summary

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = Path(sys.executable).parent / "registry"

_MIT = """MIT License

Copyright (c) 2026 Stadt Beispielhausen

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

_PUBLICCODE = """publiccodeYmlVersion: "0"
name: Mängelmelder Bench
url: https://git.example.org/stadt/maengelmelder.git
platforms: [web]
categories: [communications]
developmentStatus: stable
softwareType: standalone/web
description:
  de:
    shortDescription: Schäden im Stadtgebiet melden
    longDescription: >-
      Bürgerinnen und Bürger melden Schlaglöcher, defekte Laternen und wilden Müll
      mit Foto und Ort; die Verwaltung bearbeitet die Meldungen, leitet sie an das
      zuständige Amt weiter und antwortet den Meldenden, bis der Schaden behoben ist.
    features: [Meldungen mit Foto, Karte]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Stadt-IT
      email: it@example.org
localisation:
  localisationReady: true
  availableLanguages: [de]
"""

_OPENAPI = """openapi: 3.0.3
info: {title: Mängelmelder, version: 1.0.0}
paths:
  /reports:
    get:
      responses: {"200": {description: the reports}}
"""


def write_repository(path: Path, number: int = 0) -> Path:
    """A git repository of 20 files in two commits; ``number`` > 0 names another project."""
    publiccode = _PUBLICCODE
    if number:
        publiccode = publiccode.replace("Bench", f"Bench {number}").replace(
            "maengelmelder.git", f"maengelmelder-{number}.git"
        )
    files = {
        "README.md": "# Mängelmelder\n\nMeldungen von Schäden im Stadtgebiet.\n",
        "LICENSE": _MIT,
        "publiccode.yml": publiccode,
        "openapi.yaml": _OPENAPI,
        "pyproject.toml": '[project]\nname = "maengelmelder"\nversion = "1.0.0"\n',
        "CONTRIBUTING.md": "# Mitmachen\n\nPull requests willkommen.\n",
        "Dockerfile": "FROM python:3.11-slim\nCOPY . /app\n",
    }
    for n in range(13):
        files[f"src/maengelmelder/module_{n:02d}.py"] = f'"""Module {n}."""\n\nVALUE = {n}\n'
    path.mkdir(parents=True)
    git = ["git", "-C", str(path), "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    for index, (name, text) in enumerate(files.items()):
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if index == 9:
            subprocess.run([*git, "add", "-A"], check=True)
            subprocess.run([*git, "commit", "-q", "-m", "Erste Fassung"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Module"], check=True)
    subprocess.run([*git, "tag", "v1.0.0"], check=True)
    assert len(files) == 20
    return path


def _env(database: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    if database is not None:
        env["REGISTRY_DATABASE_URL"] = f"sqlite:///{database}"
    return env | extra


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _time(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``args``.

    CPU time is reported too because the machine is shared: other processes stretch the
    wall clock, not the work the command does.
    """
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed, spent = time.perf_counter() - started, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return elapsed, spent


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


_LABELS = {
    "python": "python -c pass",
    "help": "registry --help",
    "import": "registry import, new database",
    "import_existing": "registry import, existing db",
}


def _report(runs: dict[str, list[tuple[float, float]]], first: tuple[float, float]) -> None:
    wall = {name: _median([w for w, _ in values]) for name, values in runs.items()}
    cpu = {name: _median([c for _, c in values]) for name, values in runs.items()}
    best = {name: round(min(w for w, _ in values), 3) for name, values in runs.items()}
    for name, label in _LABELS.items():
        print(
            f"{label:30} wall median {wall[name]:6.3f} s (best {best[name]:.3f})"
            f" {wall[name] / wall['python']:5.1f}x  cpu {cpu[name]:6.3f} s"
            f" {cpu[name] / max(cpu['python'], 1e-3):5.1f}x python -c pass"
        )
    print(f"{'first import (builds caches)':30} wall {first[0]:6.3f} s  cpu {first[1]:.3f} s")
    load = [round(x, 1) for x in os.getloadavg()]
    print(f"load average during the run: {load} on {os.cpu_count()} cores")
    print_summary({
        "load_average": load,
        "wall_median_s": wall,
        "wall_best_s": best,
        "cpu_median_s": cpu,
        "help_ratio": round(wall["help"] / wall["python"], 1),
        "import_ratio": round(wall["import"] / wall["python"], 1),
        "import_existing_ratio": round(wall["import_existing"] / wall["python"], 1),
        "first_import_s": round(first[0], 3),
        "targets_met": {
            "help_le_0.3s": wall["help"] <= 0.3,
            "import_new_db_le_1s": wall["import"] <= 1.0,
            "import_existing_db_le_1s": wall["import_existing"] <= 1.0,
        },
    })  # fmt: skip


def main() -> None:
    """Time the three commands ``--repeat`` times each, interleaved."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cli-bench-"))
    try:
        repo = write_repository(work / "maengelmelder")
        others = [write_repository(work / f"other-{n}", n + 1) for n in range(args.repeat)]
        # Fresh caches (licence texts, schema template, bytecode): the first import builds them.
        caches = {"XDG_CACHE_HOME": str(work / "cache"), "PYTHONPYCACHEPREFIX": str(work / "pyc")}

        def import_into(name: str, source: Path = repo) -> tuple[float, float]:
            env = _env(work / f"{name}.sqlite3", **caches)
            return _time([str(REGISTRY), "import", str(source)], env, work)

        first = import_into("existing")
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in _LABELS}
        env = _env(**caches)
        for n in range(args.repeat):
            runs["python"].append(_time([sys.executable, "-c", "pass"], env, work))
            runs["help"].append(_time([str(REGISTRY), "--help"], env, work))
            runs["import"].append(import_into(f"run-{n}"))
            runs["import_existing"].append(import_into("existing", others[n]))
        _report(runs, first)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
