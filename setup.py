"""Packaging hook (everything else is in pyproject.toml): a built wheel carries the project-wide
``templates/``, ``static/`` and ``locale/`` folders, which live at the root of the checkout (outside
any package), copied into ``icpconsole/_data/``; the settings find them there when the checkout's
are absent (SPEC 4.8, "installed like a tool"). An editable install uses the checkout's own."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("templates", "static", "locale")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.po~", ".DS_Store")


class BuildWithProjectData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "icpconsole" / "_data"
        for folder in SHIPPED:
            source = ROOT / folder
            if source.is_dir():
                shutil.copytree(source, target / folder, ignore=IGNORED, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithProjectData})
