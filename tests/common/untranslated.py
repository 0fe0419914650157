"""The rule for text meant for people (problem titles and details, field messages, mail): Japanese,
with no English word, field path, code or Python/JSON representation in it.

The SPA applies the same rule to what it shows (``frontend/src/lib/untranslated.ts``); keep the
two lists of allowed words alike.
"""

from __future__ import annotations

import re

ALLOWED_WORDS = frozenset(
    {
        # acronyms the seeds (the government's texts) use as they are
        "AI",
        "GX",
        "EBPM",
        "PDCA",
        "KGI",
        "KPI",
        "HP",
        # codes and names a person reads on forms and in the office
        "ID",
        "JSIC",
        "URL",
        "API",
        "CSRF",
        "NUL",
        "SMTP",
        "TLS",
        "HTML",
        "LGWAN",
        # file formats and the programs that write them, as their users call them
        "CSV",
        "PDF",
        "PNG",
        "JPEG",
        "JSON",
        "XML",
        "ZIP",
        "zip",
        "xls",
        "xlsx",
        "docx",
        "pptx",
        "ics",
        "Excel",
        "Word",
        "PowerPoint",
        "Outlook",
        "Web",
        # file sizes
        "KB",
        "MB",
        "GB",
        # HTTP headers only an API client (never the SPA, which always sends them) is told about
        "If-Match",
        "ETag",
        "Authorization",
    }
)
"""ASCII words a message may hold. One letter alone (A類型, R9, 2027H1) is never a word here."""

ALLOWED_PHRASES = ("UTF-8", "Shift_JIS")
"""Character encodings as Excel's 保存 dialog names them (a CSV saved in another one is refused)."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_URL = re.compile(r"https?://[^\s「」『』()（）<>\"']+")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
_SNAKE = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+")
_CODE_PREFIX = re.compile(r"(?<![A-Za-z])[a-z][a-z0-9_]*:(?!//)")
_REPR = re.compile(
    r"\{'|'\}|\['|'\]|\{\"|\"\}|\[\{|\}\]|(?<![A-Za-z])(?:None|True|False|undefined|null|NaN)(?![A-Za-z])|"
    r"<[A-Za-z_.]+ object|(?<![A-Za-z])(?:Decimal|datetime|date|UUID)\(|\\u[0-9a-f]{4}|\\n"
)
_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f]")


def untranslated(text: str, *, template: bool = False, html: bool = False) -> list[str]:
    """Why ``text`` may not be shown to a person (empty when it may).

    ``template``: ``{name}`` and ``{}`` placeholders are left out of the check (the values that
    fill them are checked where they are made); a template of placeholders and punctuation alone
    (``"{}: {}"``) needs no Japanese of its own. ``html``: the markup of an HTML mail is left out,
    its text is checked."""
    reasons: list[str] = []
    if not text.strip():
        return ["空の文言"]
    if found := _REPR.findall(text):
        reasons.append(f"Python/JSON の表記: {found}")
    rest = _TAG.sub(" ", text) if html else text
    rest = _EMAIL.sub(" ", _URL.sub(" ", rest))
    if template:
        rest = _PLACEHOLDER.sub(" ", rest.replace("{}", " "))
    for phrase in ALLOWED_PHRASES:
        rest = rest.replace(phrase, " ")
    if found := _SNAKE.findall(rest):
        reasons.append(f"識別子: {found}")
    if found := _CODE_PREFIX.findall(rest):
        reasons.append(f"コードの接頭辞: {found}")
    words = [w for w in _WORD.findall(rest) if w not in ALLOWED_WORDS]
    if words:
        reasons.append(f"英字の語: {words}")
    # "KGI" or "—" alone is a fine heading; "12345" or "draft" alone is not
    leftover = _WORD.sub(lambda m: " " if m.group(0) in ALLOWED_WORDS else m.group(0), rest)
    if not _JAPANESE.search(rest) and re.search(r"[A-Za-z0-9]", leftover):
        reasons.append("日本語を含まない")
    return reasons
