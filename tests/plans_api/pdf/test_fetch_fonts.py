"""``scripts/fetch_fonts.py``: only a tarball with the known digest is unpacked, only the fonts
and their licence come out of it, and an installed set is left alone."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "fetch_fonts.py"


@pytest.fixture
def fetch_fonts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fetch_fonts", SCRIPT)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tarball(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _package(fetch_fonts: ModuleType) -> dict[str, bytes]:
    return {
        **{member: member.encode() for member in fetch_fonts.MEMBERS},
        "package/index.js": b"module.exports = {}",
    }


def test_tarball_with_another_digest_is_refused(fetch_fonts: ModuleType, tmp_path: Path) -> None:
    tarball = _tarball(tmp_path / "fonts.tgz", _package(fetch_fonts))
    target = tmp_path / "fonts"
    with pytest.raises(SystemExit, match="SHA-512 does not match"):
        fetch_fonts.extract(tarball, target)
    assert not target.exists()


def test_known_tarball_gives_the_fonts_and_licence_only(
    fetch_fonts: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tarball = _tarball(tmp_path / "fonts.tgz", _package(fetch_fonts))
    monkeypatch.setattr(fetch_fonts, "SHA512", hashlib.sha512(tarball.read_bytes()).hexdigest())
    target = tmp_path / "fonts"
    fetch_fonts.extract(tarball, target)
    assert sorted(p.name for p in target.iterdir()) == sorted(fetch_fonts.MEMBERS.values())
    assert (target / "LICENSE_FONT").read_bytes() == b"package/LICENSE_FONT"
    assert fetch_fonts.installed(target)


def test_installed_fonts_are_left_alone(
    fetch_fonts: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in fetch_fonts.MEMBERS.values():
        (tmp_path / name).write_bytes(b"installed")
    monkeypatch.setattr(fetch_fonts, "TARGET", tmp_path)

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("npm must not run when the fonts are installed")

    monkeypatch.setattr(fetch_fonts.subprocess, "run", no_download)
    assert fetch_fonts.main() == 0
    assert all((tmp_path / n).read_bytes() == b"installed" for n in fetch_fonts.MEMBERS.values())


def test_pinned_digest_is_the_registry_integrity_of_the_pinned_version(
    fetch_fonts: ModuleType,
) -> None:
    integrity = (
        "HySo5PUz//XzvqKTKiOcgvdFuyPvJBIrnhhEW7l+Q1sqxblzzHuXhIaiYx4VdLjLbNA1fNaMdTgM7wj2k1FYBQ=="
    )
    assert base64.b64decode(integrity).hex() == fetch_fonts.SHA512
    assert fetch_fonts.PACKAGE.endswith("@0.4.2")
