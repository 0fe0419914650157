"""What the repository tracks: nothing its .gitignore lists (the bootstrapped tools in ``.tools/``,
the virtualenv, built SPA files, databases), since each machine makes those itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def ignored_but_tracked(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    return listed.stdout.splitlines()


@pytest.fixture
def git_checkout() -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing is tracked")
    return ROOT


def test_nothing_the_gitignore_lists_is_tracked(git_checkout: Path) -> None:
    assert ignored_but_tracked(git_checkout) == [], "git rm --cached these"


def test_the_check_finds_a_tracked_tool(tmp_path: Path) -> None:
    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".tools" / "bin").mkdir(parents=True)
    (tmp_path / ".tools" / "bin" / "uv").write_text("binary")
    git("add", ".tools/bin/uv")  # tracked first, as .tools/ once was
    (tmp_path / ".gitignore").write_text(".tools/\n")
    assert ignored_but_tracked(tmp_path) == [".tools/bin/uv"]
