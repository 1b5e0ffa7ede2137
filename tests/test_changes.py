"""The change log: semantic differences between tagged versions of the data, in temporary git repos."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.__main__ import main

from .conftest import ROOT, add_2026_report, build_site, read
from .test_site import text_of

NEW_ORG = """\
code: test-trust
name: Test NHS Trust
short_name: Test Trust
kind: trust
region: London
reports:
  - id: plan-2026
    title: Francis action plan 2026
    date: 2026-05-01
responses:
  - recommendation: 6
    report: plan-2026
    position: We will do it.
"""


def git(repo: Path, *args: str, date: str = "2026-01-15T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def change_the_data(data: Path) -> None:
    add_2026_report(data)
    bury = data / "organisations" / "bury-ccg.yaml"
    bury.write_text(
        bury.read_text(encoding="utf-8").replace(
            "Assessed at authorization. To be reviewed annually", "Assessed at authorization. Reviewed annually", 1
        )
    )
    wigan = data / "organisations" / "wigan-borough-ccg.yaml"
    wigan_text = wigan.read_text(encoding="utf-8")
    start, end = wigan_text.index("  - recommendation: 144\n"), wigan_text.index("\nactions:\n")
    wigan_text = wigan_text[:start] + wigan_text[end + 1 :]
    rated = "status: amber\n        status_as_written: A\n"
    assert rated in wigan_text
    wigan_text = wigan_text.replace(rated, "status: complete\n        status_as_written: G\n", 1)
    wigan.write_text(wigan_text, encoding="utf-8")  # action 6 now complete
    (data / "organisations" / "test-trust.yaml").write_text(NEW_ORG, encoding="utf-8")
    catalogue = data / "recommendations.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(
            "  - number: 6\n",
            '  - number: 6\n    text: "Patients must be the first priority."\n    text_source: dh-online-response\n',
            1,
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(ROOT / "data", repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "First data")
    git(repo, "tag", "-a", "v1.0", "-m", "First release")
    change_the_data(repo / "data")
    git(repo, "add", "-A", date="2026-07-01T09:00:00+00:00")
    git(repo, "commit", "-qm", "Second data", date="2026-07-01T09:00:00+00:00")
    git(repo, "tag", "-a", "v1.1", "-m", "Second release", date="2026-07-01T09:00:00+00:00")
    return repo


EXPECTED_TEXT = """\
7 changes (4 organisations): 3 added, 1 removed, 1 status change, 2 edits.

Recommendations
  Recommendation 6: text added

NHS Bury Clinical Commissioning Group
  Recommendation 3: edited: position

NHS Humber and North Yorkshire Integrated Care Board
  Organisation: new report "Progress report 2026" (30 June 2026)
  Recommendation 1: response added, with 1 action

Test NHS Trust
  Organisation: added, with 1 responses

NHS Wigan Borough Clinical Commissioning Group
  Organisation, Plan action 6: status Amber: some risk to Complete (reported 25 February 2014)
  Recommendation 144: response removed
"""


def test_changes_since_a_tag_in_plain_text(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "checkout", "-q", "v1.1")
    assert main(["--data", str(repo / "data"), "changes", "--since", "v1.0"]) == 0
    assert capsys.readouterr().out == EXPECTED_TEXT


def test_changes_in_markdown_for_a_pull_request(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(repo / "data"), "changes", "--since", "v1.0", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Data changes\n\n7 changes (4 organisations)")
    assert "### NHS Humber and North Yorkshire Integrated Care Board\n- Organisation: new report" in out


def test_an_unknown_ref_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(repo / "data"), "changes", "--since", "v9"]) == 1
    assert 'Could not compare with v9: "v9" is not a commit or tag in this repository' in capsys.readouterr().err


@pytest.fixture(scope="module")
def built(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert build_site(repo / "data", out) == 0
    return out / "site"


def test_change_log_lists_releases_newest_first_with_links(built: Path) -> None:
    page = read(built, "changes")
    text = text_of(page)
    assert text.index("Release v1.1, 1 July 2026") < text.index("Release v1.0, 15 January 2026")
    assert (
        "7 changes (4 organisations): 3 added, 1 removed, 1 status change, 2 edits. Compared with release v1.0." in text
    )
    assert "11 changes (11 organisations): 11 added. The first release." in text
    assert 'href="../organisations/test-trust/">Test NHS Trust</a>' in page
    assert 'href="../recommendations/144/">recommendation 144</a>: response removed' in page


def test_pages_show_their_own_history(built: Path) -> None:
    rec = text_of(read(built, "recommendations/1"))
    assert (
        "Release v1.1, 1 July 2026: NHS Humber and North Yorkshire Integrated Care Board, recommendation 1: "
        "response added, with 1 action"
    ) in rec
    wigan = text_of(read(built, "organisations/wigan-borough-ccg"))
    assert (
        "Release v1.1, 1 July 2026: NHS Wigan Borough Clinical Commissioning Group, Plan action 6: status Amber: "
        "some risk to Complete (reported 25 February 2014)"
    ) in wigan
    org = text_of(read(built, "organisations/bury-ccg"))
    assert "Release v1.1, 1 July 2026: NHS Bury Clinical Commissioning Group, recommendation 3: edited: position" in org
    assert "Release v1.0, 15 January 2026: NHS Bury Clinical Commissioning Group: added, with 13 responses" in org


def test_atom_feed_is_valid_with_absolute_links(built: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((built / "changes" / "feed.xml").read_bytes())
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("a:title", "a:id", "a:updated", "a:author/a:name"):
        assert feed.find(required, ns) is not None, required
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["Release v1.1", "Release v1.0"]  # type: ignore[union-attr]
    for entry in entries:
        for required in ("a:id", "a:updated", "a:summary"):
            assert entry.find(required, ns) is not None
        href = entry.find("a:link", ns).get("href")  # type: ignore[union-attr]
        assert href.startswith("http://127.0.0.1:8000/changes/#release-")
    assert feed.find("a:updated", ns).text == "2026-07-01T00:00:00Z"  # type: ignore[union-attr]


def test_same_data_and_tags_give_byte_identical_pages(repo: Path, built: Path, tmp_path: Path) -> None:
    assert build_site(repo / "data", tmp_path) == 0
    for path in ("changes/index.html", "changes/feed.xml", "recommendations/1/index.html"):
        assert (tmp_path / "site" / path).read_bytes() == (built / path).read_bytes(), path


def test_a_shallow_clone_says_what_it_could_not_compute(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    assert build_site(shallow / "data", tmp_path / "out") == 0
    text = text_of(read(tmp_path / "out" / "site", "changes"))
    assert "The change log could not be worked out for this build: this is a shallow clone" in text
    assert "fetch-depth: 0" in text
