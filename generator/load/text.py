"""Text files people give us (data files, transcribed documents, statement introductions, CSV), decoded
strictly: UTF-8 only, and none of the invisible characters a file should not hold, each reported at its
line rather than as a byte offset."""

from __future__ import annotations

import re

# Characters YAML does not allow in a file, and no text here should hold: C0 and C1 controls but tab, line
# feed, carriage return and next line; unpaired surrogates; U+FFFE and U+FFFF.
UNPRINTABLE = re.compile("[^\\x09\\x0a\\x0d\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


class TextError(ValueError):
    """Why a file is not text we can read, and the line where it goes wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(content: bytes) -> str:
    """The text of a file: UTF-8 (a leading byte-order mark, as Windows editors write, is dropped)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        column = exc.start - (content.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TextError(
            line,
            f"the file is not UTF-8 text: byte 0x{content[exc.start]:02X} in column {column} is not a character "
            "in UTF-8 (the file may have been saved as Windows-1252 or Latin-1): save it as UTF-8",
        ) from exc
    text = text.removeprefix("\ufeff")
    bad = UNPRINTABLE.search(text)
    if bad:
        line, column = position(text, bad.start())
        raise TextError(
            line,
            f"column {column} holds the control character U+{ord(bad[0]):04X}, which the file cannot hold: delete "
            "it (it is invisible in most editors)",
        )
    return text


def position(text: str, index: int) -> tuple[int, int]:
    """The line and column (both from 1) of a character of the text."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
