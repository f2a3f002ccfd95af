"""The program's own words in the user's language, through gettext.

Catalogues live in `locale/<lang>/LC_MESSAGES/listingkit.po` beside this module and are compiled
to `.mo` files with `python -m listingkit.i18n`; the compiled files ship in the package (a test
checks that they match their sources). Rule messages are not here: each rule carries its own
English and Chinese text in its pack.
"""

from __future__ import annotations

import ast
import gettext
import os
import struct
import sys
from pathlib import Path

DOMAIN = "listingkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str) -> None:
    """Use this language (en, zh) for every message from now on; English when there is no catalogue."""
    global _translation
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def choose_language(option: str | None, configured: str | None) -> str:
    """--lang, then config, then LC_ALL / LC_MESSAGES / LANG (zh_* gives Chinese), else English."""
    if option:
        return option
    if configured:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language_in_argv(argv: list[str]) -> str | None:
    """The value of --lang on a command line, before the command line is parsed (for --help)."""
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


def use_catalogue_for_framework_words() -> None:
    """Let the help's own headings (Arguments, Options, Commands, default, required) follow the language.

    typer looks these words up through the standard gettext function bound in its `core` module;
    pointing that name at this catalogue is the only hook it offers. Without it they stay English.
    """
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        typer.core._ = _  # type: ignore[attr-defined]


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (single-line and continued strings; no plural forms)."""
    entries: dict[str, str] = {}
    key: str | None = None
    parts: dict[str, list[str]] = {"msgid": [], "msgstr": []}

    def flush() -> None:
        msgid, msgstr = "".join(parts["msgid"]), "".join(parts["msgstr"])
        if parts["msgid"] or msgid:
            entries[msgid] = msgstr
        parts["msgid"], parts["msgstr"] = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            if key == "msgstr":
                flush()
            key, line = "msgid", line[6:]
        elif line.startswith("msgstr "):
            key, line = "msgstr", line[7:]
        if key is not None and line.startswith('"'):
            parts[key].append(ast.literal_eval(line))
    if key == "msgstr":
        flush()
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """A GNU .mo file of these entries (the format gettext reads), as msgfmt writes it."""
    keys = sorted(entries)
    ids = b"".join(k.encode("utf-8") + b"\0" for k in keys)
    strs = b"".join(entries[k].encode("utf-8") + b"\0" for k in keys)
    count = len(keys)
    start_ids = 7 * 4 + count * 16
    start_strs = start_ids + len(ids)
    offsets_ids, offsets_strs, position = [], [], 0
    for k in keys:
        size = len(k.encode("utf-8"))
        offsets_ids += [size, start_ids + position]
        position += size + 1
    position = 0
    for k in keys:
        size = len(entries[k].encode("utf-8"))
        offsets_strs += [size, start_strs + position]
        position += size + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    table = struct.pack(f"{2 * count}i", *offsets_ids) + struct.pack(f"{2 * count}i", *offsets_strs)
    return header + table + ids + strs


def compile_all() -> list[Path]:
    """Compile every .po catalogue to its .mo file; returns the files written."""
    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(read_po(po)))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"wrote {path}\n")
