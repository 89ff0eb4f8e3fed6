"""The view as a person uses it: a real headless Chromium, the network blocked.

Drives Debian's chromium (/usr/bin/chromium) with playwright's Python client; never lets
playwright download a browser. Skipped when either is missing, except under CI=true,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsgraph.export.html import view

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (python) is not installed"
    if not Path(CHROMIUM).is_file():
        return f"no chromium at {CHROMIUM}"
    return None


if (_why := _missing()) is not None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from test_view import HOSTILE_HEADLINE, HOSTILE_NAME, sample_quads  # noqa: E402


@pytest.fixture(scope="module")
def html_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    path.write_text(view(sample_quads()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page: Page, url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture
def opened(browser, html_file: Path):
    context = browser.new_context(viewport={"width": 1300, "height": 800},
                                  service_workers="block")
    context.route("**/*", lambda route: route.abort()
                  if not route.request.url.startswith("file:") else route.continue_())
    page = context.new_page()
    o = Opened(page, html_file.as_uri())
    page.on("request", lambda r: o.requests.append(r.url))
    page.on("console", lambda m: o.problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: o.problems.append(str(e)))
    page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
    page.goto(o.url)
    page.wait_for_function("window.newsgraph && window.newsgraph.ready === true", timeout=15000)
    yield o
    context.close()


def _search(page: Page, text: str) -> None:
    page.fill("#search", text)
    page.wait_for_selector("#results li[data-node]")


def test_the_graph_draws(opened: Opened) -> None:
    page = opened.page
    assert page.evaluate("Object.keys(window.newsgraph.network.getPositions()).length") == 7
    assert page.inner_text("#status").startswith("7 of 7 entities")
    painted = page.evaluate("""() => {
        const c = document.querySelector('#net canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n; }""")
    assert painted > 1000
    assert not opened.problems


def test_search_finds_zhang_qiang_and_clicking_shows_the_articles(opened: Opened) -> None:
    page = opened.page
    _search(page, "张")
    assert "张强" in page.inner_text("#results li[data-node] >> nth=0").split()
    # click the node itself on the canvas
    idx = page.evaluate("window.newsgraph.data.nodes.findIndex(n => n.n === '张强')")
    page.evaluate("document.getElementById('search').blur()")
    xy = page.evaluate(f"""() => {{ const net = window.newsgraph.network;
        const p = net.canvasToDOM(net.getPositions([{idx}])[{idx}]);
        const r = document.querySelector('#net').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; }}""")
    page.mouse.click(*xy)
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.locator("h2").inner_text() == "张强"
    text = panel.inner_text()
    assert "市长" in text and "张强主持召开全市经济工作会议" in text and "2023-10-12" in text
    marks = panel.locator("mark").all_inner_texts()
    assert marks and set(marks) == {"张强"}
    assert "chaired" in text
    # and through the search box: Enter picks the best match
    page.locator("#panel .close").click()
    _search(page, "张强")
    page.keyboard.press("Enter")
    panel.wait_for(state="visible")
    assert panel.locator("h2").inner_text() == "张强"


def test_an_edge_shows_the_words_that_support_it(opened: Opened) -> None:
    page = opened.page
    j = page.evaluate("""() => { const D = window.newsgraph.data;
        return D.edges.findIndex(e => e.r.some(r => r[1] === 'chaired')); }""")
    page.evaluate(f"window.newsgraph.network.emit('click', {{nodes: [], edges: [{j}]}})")
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "chaired" in text and "evidence (1 article)" in text.lower()
    assert {"张强", "全市经济工作会议"} <= set(panel.locator("mark").all_inner_texts())


def test_hostile_markup_runs_no_script_and_shows_as_text(opened: Opened) -> None:
    page = opened.page
    _search(page, "王")
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.locator("h2").inner_text() == HOSTILE_NAME
    assert HOSTILE_HEADLINE in panel.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert not opened.dialogs


def test_filters_focus_and_date_range(opened: Opened) -> None:
    page = opened.page
    page.locator("#kinds input[data-kind=place]").uncheck()
    assert page.inner_text("#status").startswith("6 of 7")
    page.locator("#kinds input[data-kind=place]").check()
    page.fill("#from", "2023-10-13")
    page.dispatch_event("#from", "change")
    visible = page.evaluate("window.newsgraph.nodes.get().filter(n => !n.hidden).length")
    assert 0 < visible < 7
    page.fill("#from", "")
    page.dispatch_event("#from", "change")
    _search(page, "云冈")
    page.keyboard.press("Enter")
    page.locator("#panel button", has_text="Focus on").click()
    assert page.is_visible("#focusbar")
    shown = int(page.inner_text("#status").split()[0])
    assert 1 < shown < 7
    page.click("#unfocus")
    assert page.inner_text("#status").startswith("7 of 7")


def test_no_request_leaves_the_page(opened: Opened) -> None:
    page = opened.page
    _search(page, "大同")
    page.keyboard.press("Enter")
    page.select_option("#colour", "community")
    page.click("#fit")
    page.wait_for_timeout(300)
    assert opened.requests == [opened.url]
    assert not opened.problems
