"""Who runs the site and how people reach them: one setting in mkdocs.yml (`extra.contact`), used by the
About page, the accessibility statement and every "report an error" link; and the repository where
changes to the data are proposed (`extra.repository`), which the guide's upload links point to."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

_GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Contact:
    name: str  # who runs the site, as a sentence names them
    email: str = ""
    url: str = ""  # a web address people can write to, such as the repository's new-issue page
    response: str = "10 working days"  # how soon people hear back (the accessibility statement says it)
    repository: str = ""  # https://github.com/<owner>/<name>, where data changes are proposed

    @property
    def configured(self) -> bool:
        """Whether people have a way to reach the site's owner (else pages send them to the organisation)."""
        return bool(self.email or self.url)

    @property
    def how(self) -> Markup:
        """How to reach the site's owner, as the end of a sentence ("email ... or ...")."""
        ways = []
        if self.email:
            ways.append(f'email <a href="mailto:{escape(self.email)}">{escape(self.email)}</a>')
        if self.url:
            ways.append(f'<a href="{escape(self.url)}">write to us online</a>')
        if not ways:
            return Markup("write to the organisation whose report you are reading")
        return Markup(" or ".join(ways))  # noqa: S704 - escaped above

    @property
    def upload(self) -> str:
        """Where a workbook is uploaded: the repository's upload page for the inbox folder, or ""."""
        return f"{self.repository}/upload/main/imports" if self.repository else ""


def read_contact(extra: dict[str, Any], root: Path) -> Contact:
    """The contact from mkdocs.yml's `extra` (environment variables there are already read). Without a
    repository address, the git remote's is used where it is on GitHub; without a web address to write
    to, the repository's new-issue page."""
    given = extra.get("contact") or {}
    repository = str(extra.get("repository") or "") or _remote(root)
    url = str(given.get("url") or "") or (f"{repository}/issues/new" if repository else "")
    return Contact(
        name=str(given.get("name") or "the Francis Report progress project"),
        email=str(given.get("email") or ""),
        url=url,
        response=str(given.get("response") or Contact.response),
        repository=repository.rstrip("/"),
    )


def _remote(root: Path) -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    found = subprocess.run(  # noqa: S603 - git, found on the path, with fixed arguments
        [git, "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True, check=False
    ).stdout.strip()
    match = _GITHUB.match(found)
    return f"https://github.com/{match[1]}" if match else ""
