"""Reading a PDF back as a person (its text, page by page) and as a validator would."""

from __future__ import annotations

import io

import pikepdf
import pypdf

from plans_api.settings import REPOSITORY_FONTS


def fonts_installed() -> None:
    missing = [
        n
        for n in ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
        if not (REPOSITORY_FONTS / n).is_file()
    ]
    assert not missing, (
        f"fonts missing in {REPOSITORY_FONTS}: run `uv run python scripts/fetch_fonts.py`"
    )


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def text(data: bytes) -> str:
    """The whole text with line breaks and the running header and footer removed (a paragraph
    wrapped over lines and pages reads as one string)."""
    lines = []
    for page in pages(data):
        body = page.split("\n")
        lines.extend(line for line in body[1:] if "ページ" not in line)
    return "".join(lines)


def problems(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return list(pdf.check_pdf_syntax())


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts whose program is embedded in the file."""
    names = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            descriptor = (
                isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
            )
            if descriptor and "/FontFile2" in obj:
                names.add(str(obj.get("/FontName")))
    return names


def _diagonal(page: pypdf.PageObject) -> str:
    found: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        a, b = cm[0] * tm[0] + cm[2] * tm[1], cm[1] * tm[0] + cm[3] * tm[1]
        if text.strip() and abs(a) > 0.1 and abs(b) > 0.1:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(found)


def diagonal_texts(data: bytes) -> list[str]:
    """Per page, the text drawn at an angle (a watermark)."""
    return [_diagonal(page) for page in pypdf.PdfReader(io.BytesIO(data)).pages]
