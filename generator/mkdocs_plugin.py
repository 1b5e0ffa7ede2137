"""The MkDocs plugin that makes this site (registered as `francis` in pyproject.toml, used in mkdocs.yml).

- Before MkDocs builds, it runs the recipe's stages up to the page sources (recipe.generate), unless the
  command line has already done so and handed it the result (recipe.build). So `mkdocs serve` and
  `mkdocs build` give the site `python -m generator build` publishes, and a data error stops them with
  the validator's messages.
- Rendered HTML passes through untouched: a generated page's body, after the line `<!-- html -->`, is
  HTML the generator made. Python-Markdown would parse every tag again (90% of the build at national
  scale) only to pass it through, so the body is set aside before Markdown runs, and read from its file
  again as the page is written: MkDocs renders every page before it writes any, and holding all their
  bodies until then was 600 MB at national scale.
- The downloads beside the pages are hard-linked into the site, not copied (600 MB at national scale).
- Every page gets its Content-Security-Policy (publish/csp.py).
- After MkDocs has built, it adds the feed, the statement PDFs and the search index (recipe.complete).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin

from . import recipe
from .background import Background
from .contact import read_contact
from .messages import report
from .publish.csp import with_policy
from .publish.markup import corrected
from .render.glossary import PAGE as GLOSSARY_PAGE
from .render.glossary import linked
from .render.page import HTML_MARKER
from .settings import Settings

PLACEHOLDER = "FRANCIS-PROGRESS-RENDERED-HTML"
_PLACED = f"<p>{PLACEHOLDER}</p>"  # the placeholder as Markdown renders it


class FrancisConfig(Config):
    """Where the generator reads from, relative to mkdocs.yml (the pages go to MkDocs's docs_dir)."""

    data_dir = c.Type(str, default="data")
    content_dir = c.Type(str, default="content")
    cache_dir = c.Type(str, default="build/cache")
    as_at = c.Type(str, default="")  # YYYY-MM-DD: the date reporting status is worked out for (default: today)


class FrancisPlugin(BasePlugin[FrancisConfig]):
    def __init__(self) -> None:
        self.generated: recipe.Generated | None = None  # handed over by recipe.build, or made here
        self.started = 0.0  # when MkDocs started building, for the summary line
        self._own: ExitStack | None = None  # what this plugin started itself, to close after the build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this one plugin across rebuilds."""

    def on_pre_build(self, *, config: Any) -> None:
        if self.generated is None:  # else the command line generated the pages
            self._generate(config)
        index = self.generated.index if self.generated is not None else None
        # The search index's bundles after the first, for the search script to merge (theme/partials/header.html)
        config.extra["search_bundles"] = index.extra_bundles if index is not None else []

    def _generate(self, config: Any) -> None:
        root = Path(config.config_file_path).parent
        settings = Settings(
            data=root / self.config.data_dir,
            content=root / self.config.content_dir,
            pages=Path(config.docs_dir),
            cache=root / self.config.cache_dir,
            as_at=dt.date.fromisoformat(self.config.as_at) if self.config.as_at else dt.date.today(),
        )
        self._own = ExitStack()
        self._own.enter_context(recipe.collector())
        jobs = self._own.enter_context(Background())
        phases = recipe.Phases()
        outcome = recipe.data(settings, phases)
        report(outcome)
        if outcome.dataset is None:
            self._close()
            raise Abort("the data has errors (listed above); fix them and save again")
        contact = read_contact(dict(config.extra), root)
        self.generated = recipe.generate(outcome.dataset, settings, jobs, phases, config.site_url or "", contact)
        self.started = time.perf_counter()

    def on_files(self, files: Any, *, config: Any) -> Any:
        """Link each file from the pages folder that is not a page into the site. MkDocs then finds the
        file already there and leaves it (shutil.SameFileError); where a link cannot be made (another
        filesystem), it copies the file as usual. The generator replaces a changed file with a new one,
        never rewriting it (publish/write.py), so the built site never changes under a link."""
        docs = os.path.join(os.path.realpath(config["docs_dir"]), "")
        for file in files:
            source = file.abs_src_path
            if file.is_documentation_page() or not source or not os.path.realpath(source).startswith(docs):
                continue
            os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
            try:
                os.link(source, file.abs_dest_path)
            except OSError:
                continue
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        head, marker, _body = markdown.partition(HTML_MARKER)
        return f"{head}\n\n{PLACEHOLDER}\n" if marker else markdown

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """The page's body put back (see the module's docstring) and its glossary words linked."""
        content = page.content or ""
        page.content = None  # in `output` now; MkDocs would keep every page's HTML until the build ends
        whole = content
        if _PLACED in content:
            body = page.file.content_string.partition(HTML_MARKER)[2]
            whole = content.replace(_PLACED, body, 1)
        if page.url != GLOSSARY_PAGE:
            whole = linked(whole, "../" * page.url.count("/") + GLOSSARY_PAGE)  # each word's first use
        if whole != content:
            before, found, after = output.partition(content)
            if not found:  # a theme that changed how it shows the page's content
                raise PluginError(f"{page.file.src_uri}: the page's content is not in the theme's page as given")
            output = before + whole + after
        return with_policy(corrected(output))

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The 404 page is a template, not a page: it gets the same policy."""
        if template_name.endswith(".html") and "<head>" in output_content:
            return with_policy(corrected(output_content))
        return output_content

    def on_post_build(self, *, config: Any) -> None:
        made = self.generated
        if made is None:
            return
        try:
            made.phases.seconds["mkdocs"] = time.perf_counter() - self.started
            recipe.complete(made, Path(config.site_dir), config.site_url or "", config.site_name)
        finally:
            self.generated = None
            self._close()

    def on_build_error(self, *, error: Exception) -> None:
        self.generated = None
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None
