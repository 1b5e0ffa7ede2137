"""The Content-Security-Policy every page carries: nothing but the site's own files, plus the theme's few
inline scripts by hash. Defence in depth: every text from the data is escaped before it gets here."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.DOTALL)


def content_security_policy(html: str) -> str:
    """The policy a page satisfies. 'wasm-unsafe-eval' lets Pagefind's WebAssembly run; styles allow
    'unsafe-inline' because the theme's scripts set style attributes."""
    hashes = sorted(
        {base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() for m in _INLINE_SCRIPT.finditer(html)}
    )
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'sha256-{h}'" for h in hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


def with_policy(html: str) -> str:
    """The page with its policy as the first thing in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
