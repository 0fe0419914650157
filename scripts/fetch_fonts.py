"""Install the font the published plans' PDF embeds: BIZ UDPゴシック (SIL Open Font License 1.1),
designed for public documents, into ``.tools/fonts/``.

The TTF files come from the npm package ``@expo-google-fonts/biz-udpgothic`` (npm is present
wherever the SPA builds); the tarball is checked against its known SHA-512 before anything is
extracted. Nothing happens when the fonts are already in place. ``--tarball PATH`` takes a tarball
already fetched (the image build packs it where npm is) instead of running npm.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / ".tools" / "fonts"
PACKAGE = "@expo-google-fonts/biz-udpgothic@0.4.2"
TARBALL = "expo-google-fonts-biz-udpgothic-0.4.2.tgz"
SHA512 = (
    "1f24a8e4f533fff5f3bea2932a239c82f745bb23ef24122b9e18445bb97e435b"
    "2ac5b973cc7b978486a2631e1574b8cb6cd0357cd68c75380cef08f693515805"
)
"""The tarball's digest (the registry's ``dist.integrity`` of 0.4.2, in hex)."""
MEMBERS = {
    "package/400Regular/BIZUDPGothic_400Regular.ttf": "BIZUDPGothic-Regular.ttf",
    "package/700Bold/BIZUDPGothic_700Bold.ttf": "BIZUDPGothic-Bold.ttf",
    "package/LICENSE_FONT": "LICENSE_FONT",
}
"""Member of the tarball → file name under ``.tools/fonts/``."""


def installed(target: Path = TARGET) -> bool:
    return all((target / name).is_file() for name in MEMBERS.values())


def _digest(path: Path) -> str:
    sha = hashlib.sha512()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def extract(tarball: Path, target: Path = TARGET) -> None:
    """Check ``tarball`` and copy the fonts and their licence out of it (nothing else is read)."""
    if _digest(tarball) != SHA512:
        raise SystemExit(f"{tarball.name}: SHA-512 does not match {PACKAGE}; nothing installed")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as archive:
        for member, name in MEMBERS.items():
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"{tarball.name}: {member} is missing")
            partial = target / f".{name}.part"
            with source, partial.open("wb") as out:
                shutil.copyfileobj(source, out)
            partial.replace(target / name)


def main() -> int:
    if installed():
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--tarball":
        # a tarball fetched elsewhere (the image build packs it in its Node stage)
        extract(Path(sys.argv[2]))
        return 0
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"],
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        extract(Path(work) / TARBALL)
    sys.stdout.write(f"fonts installed in {TARGET.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
