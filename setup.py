"""Build step: the gettext catalogues (web/locale/*.po) compiled to .mo inside the wheel.

Everything else is declared in pyproject.toml. web/catalogues.py is loaded by its path
(only Babel is needed, a build requirement), so building never imports the web package.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        spec = importlib.util.spec_from_file_location("_catalogues", HERE / "web" / "catalogues.py")
        if spec is None or spec.loader is None:
            raise RuntimeError("web/catalogues.py not found")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        target = Path(self.build_lib) / "web" / "locale"
        module.compile_all(HERE / "web" / "locale", target)


setup(cmdclass={"build_py": BuildWithCatalogues})
