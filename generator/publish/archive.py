"""ZIP files that are the same bytes for the same contents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_TIME = (2013, 2, 6, 0, 0, 0)  # the Francis Report's publication: a fixed timestamp for ZIP entries


def fixed_zip(parts: Iterable[tuple[str, bytes | Iterable[bytes]]]) -> bytes:
    """A ZIP of the parts (whole, or in pieces) in the order given, with fixed timestamps and modes, so equal
    parts give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with archive.open(info, "w") as entry:  # sizes under 2 GiB: no ZIP64, which old Excel cannot read
                for piece in [content] if isinstance(content, bytes) else content:
                    entry.write(piece)
    return out.getvalue()
