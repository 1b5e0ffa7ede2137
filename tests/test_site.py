"""The built site, from the real data: the pages a member of the public reads."""

from __future__ import annotations

import html
import re
import shutil
import threading
from pathlib import Path

import pytest

from generator import recipe
from generator.__main__ import main
from generator.load.parse import load_yaml
from generator.settings import Settings

from .conftest import AS_AT, ROOT, build_site, read

ORGS = {p.stem: load_yaml(p) for p in sorted((ROOT / "data" / "organisations").glob("*.yaml"))}


def text_of(page: str) -> str:
    """The visible text of the article, whitespace folded, entities decoded."""
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    inline = re.sub(r"</?a\b[^>]*>", "", article)  # a link is part of its line of text
    text = html.unescape(re.sub(r"<[^>]+>", " ", inline)).replace("\xa0", " ")
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s+", " ", text)))


def test_all_290_recommendation_pages_exist(site: Path) -> None:
    for number in range(1, 291):
        page = read(site, f"recommendations/{number}")
        assert f"<title>Recommendation {number}" in page


CATALOGUE = load_yaml(ROOT / "data" / "recommendations.yaml")["recommendations"]


def test_a_recommendation_without_text_says_so_plainly(site: Path) -> None:
    answered = {r["recommendation"] for org in ORGS.values() for r in org["responses"]}
    number = next(r["number"] for r in CATALOGUE if not r.get("text") and r["number"] not in answered)
    page = text_of(read(site, f"recommendations/{number}"))
    assert "We have not added the words of this recommendation yet." in page
    assert "Department of Health and Social Care’s online response to the Inquiry" in page
    assert "No organisation published here has responded to this recommendation yet." in page


def test_a_recommendation_page_shows_its_text_and_government_response(site: Path) -> None:
    page = text_of(read(site, "recommendations/1"))
    assert "All commissioning, service provision regulatory and ancillary organisations" in page
    assert "Government response Accepted" in page
    assert "Hard Truths" in page


def test_a_recommendation_page_shows_every_organisation_that_responded(site: Path) -> None:
    for number in (123, 141, 137):
        page = text_of(read(site, f"recommendations/{number}"))
        responders = [
            (code, org) for code, org in ORGS.items() if any(r["recommendation"] == number for r in org["responses"])
        ]
        assert responders, number
        html_page = read(site, f"recommendations/{number}")
        for code, org in responders:
            # Each by its short name, which leads to its whole response on its own page.
            heading = f'<h3 id="org-{code}"><a href="../../organisations/{code}/#rec-{number}">{org["short_name"]}</a>'
            assert heading in html_page, (number, code)
        assert f"{len(responders)} Organisations responding" not in page  # sanity: label precedes value
        assert f"Organisations responding {len(responders)}" in page


def test_each_organisation_page_shows_its_responses_and_actions(site: Path) -> None:
    for code, org in ORGS.items():
        page = text_of(read(site, f"organisations/{code}"))
        assert org["name"] in page
        for response in org["responses"]:
            assert f"Recommendation {response['recommendation']}" in page
            if response.get("position"):
                first_words = " ".join(response["position"].replace("•", " ").split()[:8])
                assert first_words in page, (code, response["recommendation"])
            for action in response.get("actions") or []:
                assert " ".join(action["description"].split()[:6]) in page
        assert f"Recommendations responded to {len(org['responses'])}" in page


def test_organisation_page_states_its_source_documents(site: Path) -> None:
    page = text_of(read(site, "organisations/wigan-borough-ccg"))
    assert "Wigan Borough CCG Francis Report Action Plan Update - February 2014" in page
    assert "25 February 2014" in page


def test_status_is_never_colour_alone(site: Path) -> None:
    page = read(site, "organisations/tower-hamlets-ccg")
    tags = re.findall(r'<strong class="fr-(?:status|report)-[^"]+">([^<]*)</strong>', page)
    assert tags and all(t.strip() for t in tags)


def test_home_page_totals(site: Path) -> None:
    page = text_of(read(site, ""))
    responses = sum(len(o["responses"]) for o in ORGS.values())
    assert f"{len(ORGS)} organisations {responses} responses to recommendations" in page
    assert "Organisations open on 23 November 2026, by reporting status" in page
    assert "7 of the 11 organisations published here have since closed" in page
    assert "Actions Share Complete 13 15% Amber: some risk 3 3% Not rated 71 82% Total 87 100%" in page


def test_navigation_lists_only_the_top_pages(site: Path) -> None:
    page = read(site, "recommendations/123")
    assert '<nav class="md-nav md-nav--primary' in page
    nav_links = re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', page)
    assert "../124/" not in nav_links and "../../organisations/bury-ccg/" not in nav_links
    assert len(re.findall(r'class="md-nav__link', page)) < 12


def test_no_request_to_a_third_party_server(site: Path) -> None:
    for page in (read(site, ""), read(site, "recommendations/123"), read(site, "about")):
        assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', page):
            # Links people may follow are fine; nothing may be loaded from another host.
            assert not re.search(r"\.(?:js|css|woff2?|png|svg)(?:\?|$)", url), url


MALICIOUS = {
    "name": "Evil <script>window.__pwned=1</script> Trust",
    "position": '<img src=x onerror="window.__pwned=2"> [click](javascript:window.__pwned=3) javascript:alert(1)',
    "description": '<a href="javascript:window.__pwned=4">do it</a> **bold** {{ 7*7 }}',
}


def malicious_data(data: Path) -> None:
    (data / "organisations" / "evil-trust.yaml").write_text(
        f"""\
code: evil-trust
name: {MALICIOUS["name"]!r}
short_name: Evil trust
kind: trust
region: London
reports:
  - id: r1
    title: "Report <b>bold</b>"
    date: 2026-01-01
responses:
  - recommendation: 5
    report: r1
    position: {MALICIOUS["position"]!r}
    actions:
      - description: {MALICIOUS["description"]!r}
""",
        encoding="utf-8",
    )


def test_malicious_text_is_shown_as_text_never_run(data_copy: Path, tmp_path: Path, browser: object) -> None:
    malicious_data(data_copy)
    out = tmp_path / "out"
    assert build_site(data_copy, out) == 0
    for path in ("organisations/evil-trust", "recommendations/5", "organisations"):
        page = read(out / "site", path)
        assert "<script>window.__pwned" not in page
        assert "onerror=" not in page.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
        assert 'href="javascript:' not in page
    org_page = text_of(read(out / "site", "organisations/evil-trust"))
    assert "<img src=x onerror=" in org_page  # shown literally
    assert "{{ 7*7 }}" in org_page  # not evaluated as a template
    from .conftest import serve

    server, url = serve(out / "site")
    try:
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("organisations/evil-trust/", "recommendations/5/", "organisations/"):
            page.goto(f"{url}/{path}")
            assert page.evaluate("window.__pwned") is None
            for link in page.locator("a").all():
                assert not (link.get_attribute("href") or "").startswith("javascript:")
        assert dialogs == []
        context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_generated_pages_are_plain_markdown_for_any_engine(tmp_path: Path, site: Path) -> None:
    pages = site.parent / "pages"
    source = (pages / "recommendations" / "123.md").read_text(encoding="utf-8")
    assert source.startswith('---\ntitle: "Recommendation 123')
    assert "{%" not in source and "{{" not in source
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_hand_written_pages_cannot_overwrite_generated_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for clash in (
        "index.md",
        "organisations/index.md",
        "data/francis-progress-data.zip",
        "recommendations/1/responses-and-actions.csv",
    ):
        content = tmp_path / clash.replace("/", "_")
        (content / clash).parent.mkdir(parents=True)
        (content / clash).write_text("mine", encoding="utf-8")
        out = tmp_path / "pages"
        assert main(["--as-at", AS_AT.isoformat(), "generate", "--content", str(content), "--out", str(out)]) == 1
        assert (
            f"Nothing was written: content/{clash} would overwrite a generated page; rename it"
            in capsys.readouterr().err
        )


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _generate(out: Path) -> recipe.Result:
    return recipe.generate_only(Settings(pages=out, as_at=AS_AT))


def test_downloads_written_by_a_separate_process_are_the_same_files(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    (there / "organisations" / "gone").mkdir(parents=True)
    (there / "organisations" / "gone" / "old.csv").write_text("stale", encoding="utf-8")
    # With another thread running the downloads are written in this process (forking copies one thread).
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        inline = _generate(here)
    finally:
        stop.set()
        other.join()
    forked = _generate(there)
    files = _tree(here)
    assert _tree(there) == files  # the stale file is gone, every download is there, byte for byte
    assert inline.generated is not None and forked.generated is not None
    assert forked.generated.pages == len(files) and forked.generated.changed == len(files) + 1
    assert "recommendations/123/responses-and-actions.csv" in files and "data/francis-progress-data.xlsx" in files
    # The Open data page gives the sizes the other process measured.
    assert "francis-progress-data.zip" in files["data/index.md"].decode() and " KB" in files["data/index.md"].decode()


def test_a_failure_writing_the_downloads_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.publish import opendata
    from generator.publish.downloads import OpenDataError

    def broken(data: object) -> object:
        raise OSError("No space left on device")

    monkeypatch.setattr(opendata, "files", broken)  # the forked process inherits it
    with pytest.raises(OpenDataError, match=r"could not be written: OSError: No space left on device"):
        _generate(tmp_path)


def test_an_organisation_page_says_once_whose_assessments_its_progress_entries_are(site: Path) -> None:
    """North Lincolnshire's 45 progress entries all come from its one report, assessed by itself: the page
    says so once, and no entry repeats it."""
    page = read(site, "organisations/north-lincolnshire-ccg")
    text = text_of(page)
    assert (
        "Each progress entry below is North Lincolnshire CCG’s own assessment, in its report of the date shown "
        '(see <a href="#reports">Reports</a>), unless the entry names another assessor or report.' in page
    )
    assert page.count("<strong>As at February 2014</strong>") == 45
    assert "Assessed by" not in text
    # Tower Hamlets reports no progress: nothing to say.
    assert "Each progress entry" not in text_of(read(site, "organisations/tower-hamlets-ccg"))


def test_a_progress_entry_names_its_assessor_and_report_where_its_date_does_not() -> None:
    from generator.model.records import Action, Organisation, Progress, Report, Response
    from generator.render.fragments import implied_reports, progress_list

    spring, twin, autumn = (
        Report(id="spring", title="Spring report", date="2015-03-01"),
        Report(id="twin", title="Spring report, second part", date="2015-03-01"),
        Report(id="autumn", title="Autumn report", date="2015-10-01"),
    )
    entries = (
        Progress(report=autumn, status="green", text="Own, dated by its report."),
        Progress(report=spring, status="amber", text="Its date is shared by two reports."),
        Progress(
            report=autumn, status="red", text="Assessed by someone else.", assessed_by="The regulator", date="2015-09"
        ),
        Progress(report=autumn, status="amber", text="Dated in the report, not by it.", date="2015-08-15"),
    )
    response = Response(recommendation=1, report=autumn, actions=(Action(description="Do it.", progress=entries),))
    org = Organisation(
        code="x",
        name="NHS X",
        short_name="X",
        kind="ccg",
        region="London",
        reports=(spring, twin, autumn),
        responses=(response,),
    )
    response.organisation = org
    implied = implied_reports(org)
    assert implied == {"autumn"}
    items = str(progress_list(entries, "X", implied)).split("<li>")[1:]
    assert [
        ("Assessed by" in item, item.split("</strong> ")[2].split(" <span")[0].removesuffix("</li>\n").strip())
        for item in items
    ] == [
        (False, "Own, dated by its report."),
        (True, "Assessed by someone else."),
        (True, "Dated in the report, not by it."),
        (True, "Its date is shared by two reports."),
    ]
    assert "Assessed by The regulator in “Autumn report”." in items[1]
    # Elsewhere (a recommendation's page), every entry names both.
    assert all("Assessed by" in item for item in str(progress_list(entries, "X")).split("<li>")[1:])


def test_the_build_warns_when_the_site_is_larger_than_github_pages_publishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.publish import site as publish_site

    assert build_site(ROOT / "data", tmp_path / "small") == 0
    assert "GitHub Pages publishes" not in capsys.readouterr().err  # the real site is well under 1 GB
    size = sum(p.stat().st_size for p in (tmp_path / "small" / "site").rglob("*") if p.is_file())
    monkeypatch.setattr(publish_site, "PAGES_LIMIT", size // 2)  # as if GitHub published half as much
    assert build_site(ROOT / "data", tmp_path / "large") == 0
    warning = capsys.readouterr().err.splitlines()[-1]
    assert warning.startswith(f"warning: {tmp_path / 'large' / 'site'} holds ")
    assert warning.endswith(f"more than the {size // 2 / 1e6:,.0f} MB GitHub Pages publishes; GitHub may not deploy it")
    # A build to publish refuses it, and the site that was there stays as it was.
    site = tmp_path / "large" / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    monkeypatch.setenv("SITE_URL", "https://francis.example.nhs.uk/")
    publish = ["--as-at", AS_AT.isoformat(), "--cache", str(tmp_path / "cache"), "build", "--publish"]
    publish += ["--pages", str(tmp_path / "large" / "pages"), "--site", str(site)]
    assert main(publish) == 1
    err = capsys.readouterr().err
    assert f"The site was not built, and {site} is as it was: the site would hold " in err
    assert f"more than the {size // 2 / 1e6:,.0f} MB GitHub Pages publishes, so it could not be deployed." in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert "127.0.0.1" in (site / "sitemap.xml").read_text(encoding="utf-8")  # the earlier build's, not this one's


def test_downloads_are_linked_into_the_site_and_a_new_build_never_changes_them_in_place(site: Path) -> None:
    """MkDocs would copy the 600 MB of national downloads; they are hard-linked instead. So regenerating
    the pages must replace a changed file, never rewrite it: the built site keeps its bytes."""
    from generator.publish.write import Written, write_file
    from generator.render.page import Page

    pages = site.parent / "pages"
    published = site / "organisations" / "barnet-ccg" / "responses-and-actions.csv"
    source = pages / "organisations" / "barnet-ccg" / "responses-and-actions.csv"
    before = published.read_bytes()
    assert published.samefile(source)
    assert (site / "data" / "francis-progress-data.zip").samefile(pages / "data" / "francis-progress-data.zip")
    written = Written()
    write_file(Page("organisations/barnet-ccg/responses-and-actions.csv", b"changed"), pages, written)
    try:
        assert written.changed == 1 and source.read_bytes() == b"changed"
        assert published.read_bytes() == before and not published.samefile(source)
        assert not list(source.parent.glob(".*"))  # no partial file left behind
    finally:
        write_file(Page("organisations/barnet-ccg/responses-and-actions.csv", before), pages, Written())
