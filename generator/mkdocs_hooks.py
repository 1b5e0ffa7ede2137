"""MkDocs hooks for this site.

1. Rendered HTML passes through untouched. Generated pages are Markdown files whose body, after the
   line `<!-- html -->`, is HTML the generator already rendered. Python-Markdown would parse every tag
   of it again (90% of the build time at national scale) only to pass it through as raw HTML, so the
   body is set aside before Markdown runs and put back after. Any other engine simply reads the body
   as raw HTML inside Markdown, with the same result.
2. `mkdocs serve` regenerates the pages from data/ before each rebuild, and the search index after it.
   `make build` does both itself (python -m generator build), so this only acts when serving.
3. Every page gets a Content-Security-Policy meta tag that allows nothing but the site's own files.
4. The downloads beside the pages are hard-linked into the site, not copied: at national scale they are
   600 MB, which MkDocs would read and write again (3 s).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

# MkDocs restores sys.path after loading a hook, so the package is imported now, not inside the hooks.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
try:
    from mkdocs.exceptions import Abort

    from generator.__main__ import report
    from generator.changes import history
    from generator.pipeline import load_dataset
    from generator.render import HTML_MARKER
    from generator.search import IndexJob, records
    from generator.site import build_pages, sync
finally:
    sys.path.remove(str(ROOT))

PLACEHOLDER = "FRANCIS-PROGRESS-RENDERED-HTML"
_serving = False
_bodies: dict[str, str] = {}
_index: list[IndexJob] = []


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: Any) -> None:
    _bodies.clear()
    if not _serving:
        return
    today = dt.date.today()
    outcome = load_dataset(ROOT / "data", today)
    report(outcome)
    if outcome.dataset is None:
        raise Abort("the data has errors (listed above); fix them and save again")
    pages = build_pages(outcome.dataset, today, ROOT / "content", history(ROOT / "data", today))
    sync(pages.every_page(), Path(config["docs_dir"]))
    _index.append(IndexJob(records(outcome.dataset, [p for p in pages.content if p.path != "search.md"])))


def on_post_build(config: Any) -> None:
    while _index:
        _index.pop().finish(Path(config["site_dir"]))


def on_files(files: Any, config: Any) -> Any:
    """Link each file from the pages folder that is not a page into the site. MkDocs then finds the
    file already there and leaves it (shutil.SameFileError); where a link cannot be made (another
    filesystem), it copies the file as usual. The generator replaces a changed file with a new one, never
    rewriting it (site.write_file), so the built site never changes under a link."""
    docs = os.path.join(os.path.realpath(config["docs_dir"]), "")
    for file in files:
        source = file.abs_src_path
        if file.is_documentation_page() or not source or not os.path.realpath(source).startswith(docs):
            continue
        target = file.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            continue
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    head, marker, body = markdown.partition(HTML_MARKER)
    if not marker:
        return markdown
    _bodies[page.file.src_uri] = body
    return f"{head}\n\n{PLACEHOLDER}\n"


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    body = _bodies.pop(page.file.src_uri, None)
    if body is None:
        return html
    return html.replace(f"<p>{PLACEHOLDER}</p>", body, 1)


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.DOTALL)


def content_security_policy(html: str) -> str:
    """The policy a page satisfies: only this site's own files, plus the theme's few inline scripts by hash.

    'wasm-unsafe-eval' lets Pagefind's WebAssembly run; styles allow 'unsafe-inline' because the theme's
    scripts set style attributes."""
    hashes = sorted(
        {base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() for m in _INLINE_SCRIPT.finditer(html)}
    )
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'sha256-{h}'" for h in hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


def on_post_page(output: str, page: Any, config: Any) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(output)}">'
    if page is not None:
        page.content = None  # in `output` now; MkDocs would keep every page's HTML until the build ends
    return output.replace("<head>", "<head>\n    " + meta, 1)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page is a template, not a page: it gets the same policy."""
    if template_name.endswith(".html") and "<head>" in output_content:
        return on_post_page(output_content, None, config)
    return output_content
