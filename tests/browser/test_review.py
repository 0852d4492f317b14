"""The review site in a real browser (headless Chromium driven by Selenium).

Builds a site with the debug binary from extracted JSON of a few fixtures,
opens its pages from disk and checks what a person would check: each item's
highlighted span holds exactly the item's text, clicking goes from the list
to the span and back, the index counts agree with the JSON, both sides of a
cross-document finding show their spans, and a document whose text carries
markup and script shows it as text. Screenshots are kept under
target/review-artifacts/.

Run: python3 -m pytest tests/browser (after `cargo test` built the binary).
"""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("BAOCAO_BIN", ROOT / "target" / "debug" / "baocao"))
ARTIFACTS = ROOT / "target" / "review-artifacts"
HOSTILE = ROOT / "tests" / "browser" / "hostile.txt"
INPUTS = [
    ROOT / "fixtures" / "audit" / "cross",
    ROOT / "fixtures" / "003_49b22b13f22dc593.txt",
    ROOT / "fixtures" / "004_9b2a86f56208a256.txt",
    HOSTILE,
]
KINDS = {"s": "sections", "r": "references", "c": "counts", "f": "funds",
         "p": "products", "n": "footnotes"}


def run(args, ok=(0,)):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600)
    assert p.returncode in ok, f"{args}: exit {p.returncode}\n{p.stderr}"
    return p


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    assert BIN.exists(), f"build the binary first (cargo build): {BIN}"
    work = tmp_path_factory.mktemp("review")
    json_dir = work / "json"
    run([BIN, "extract", *INPUTS, "-o", json_dir, "-q"])
    out = work / "site"
    started = time.time()
    run([BIN, "review", json_dir, "-o", out, "-q"])
    print(f"review of {len(list(json_dir.glob('*.json')))} documents: {time.time() - started:.2f} s")
    docs = {}
    for f in json_dir.glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        docs[d["source"]["path"]] = d
    audit = json.loads(run([BIN, "audit", json_dir, "--json"], ok=(0, 3)).stdout)
    return {"root": out, "docs": docs, "findings": audit["findings"], "work": work}


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    assert chromium and driver, "install chromium and chromium-driver"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1366,860", "--force-device-scale-factor=1"):
        opts.add_argument(a)
    d = webdriver.Chrome(options=opts, service=Service(executable_path=driver))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield d
    d.quit()


def open_page(browser, path):
    browser.get(Path(path).as_uri())
    return browser


def index_rows(browser):
    """The document table's rows as dicts keyed by column label."""
    table = browser.find_element(By.CSS_SELECTOR, "#docs table")
    labels = [th.text.strip(" ▲▼") for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = browser.execute_script(
        "return Array.from(arguments[0].querySelectorAll('tbody tr')).map(function(tr){"
        "return Array.from(tr.cells).map(function(td){var a=td.querySelector('a');"
        "return [a?a.textContent:td.textContent, a?a.getAttribute('href'):null];});});", table)
    return [dict(zip(labels, r)) for r in rows]


def doc_page(site, browser, path_part):
    """Open the page of the document whose path ends with `path_part`."""
    open_page(browser, site["root"] / "index.html")
    for row in index_rows(browser):
        if row["Document"][0].endswith(path_part):
            open_page(browser, site["root"] / row["Document"][1])
            return next(d for p, d in site["docs"].items() if p.endswith(path_part))
    raise AssertionError(f"{path_part} not in the index")


def marked_texts(browser):
    """Item id → the concatenated text of its highlighted segments."""
    return browser.execute_script(
        "var out={};document.querySelectorAll('#panel a[data-i]').forEach(function(a){"
        "var id=a.getAttribute('data-i');out[id]=Array.from(document.querySelectorAll("
        "'mark[data-i~=\"'+id+'\"]')).map(function(m){return m.textContent;}).join('');});return out;")


def expected_texts(doc):
    """Item id → the text the JSON gives for it (ids as the page names them)."""
    chars = doc.get("text") or ""
    out = {}
    for prefix, key in KINDS.items():
        for i, item in enumerate(doc[key]):
            out[f"{prefix}{i}"] = item["text"]
    for i, f in enumerate(doc["audit"]):
        for k, item in enumerate(f["items"]):
            out[f"a{i}-{k}"] = item["text"]
    for i, w in enumerate(doc["normalization"]["warnings"]):
        if w.get("start") is not None and w["end"] > w["start"]:
            out[f"w{i}"] = chars[w["start"]:w["end"]]
    return out


def in_view(browser, element):
    return browser.execute_script(
        "var r=arguments[0].getBoundingClientRect();"
        "return r.bottom>0&&r.top<window.innerHeight;", element)


def test_every_highlighted_span_holds_exactly_its_item(site, browser):
    for path in site["docs"]:
        doc = doc_page(site, browser, path)
        expected = expected_texts(doc)
        got = marked_texts(browser)
        assert got == expected, path
        assert len(expected) > 0


def test_clicking_an_item_shows_its_span_and_the_span_leads_back(site, browser):
    doc = doc_page(site, browser, "004_9b2a86f56208a256.txt")
    # The last count stands far down a long text, in a block laid out lazily.
    last = len(doc["counts"]) - 1
    link = browser.find_element(By.CSS_SELECTOR, f'#panel a[data-i="c{last}"]')
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", link)
    link.click()
    on = browser.find_elements(By.CSS_SELECTOR, "mark.on")
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.on')).map(function(m){return m.textContent}).join('')"
    ) == doc["counts"][last]["text"]
    assert in_view(browser, on[0])
    assert browser.current_url.endswith(f"#x-c{last}")
    browser.save_screenshot(str(ARTIFACTS / "document.png"))
    # Back: a click on a reference's span selects it in the list.
    mark = browser.find_element(By.CSS_SELECTOR, 'mark[data-i~="r0"]')
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", mark)
    mark.click()
    active = browser.switch_to.active_element
    assert active.get_attribute("data-i") == "r0"
    assert "on" in active.get_attribute("class").split()
    assert in_view(browser, active)


def test_keys_walk_the_items_and_escape_returns_to_the_list(site, browser):
    doc = doc_page(site, browser, "003_49b22b13f22dc593.txt")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    first = browser.find_element(By.CSS_SELECTOR, "#panel a[data-i].on").get_attribute("data-i")
    body.send_keys("n")
    second = browser.find_element(By.CSS_SELECTOR, "#panel a[data-i].on").get_attribute("data-i")
    assert first != second
    assert marked_texts(browser)[second] == expected_texts(doc)[second]
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert browser.switch_to.active_element.get_attribute("data-i") == second


def test_index_counts_agree_with_the_json(site, browser):
    open_page(browser, site["root"] / "index.html")
    browser.save_screenshot(str(ARTIFACTS / "index.png"))
    rows = index_rows(browser)
    assert len(rows) == len(site["docs"])
    summary = browser.find_element(By.ID, "summary").text
    assert summary.startswith(f"{len(site['docs'])} documents")
    cross = {}
    for f in site["findings"]:
        if f["status"] == "mismatch":
            for p in {i["path"] for i in f["items"]}:
                cross[p] = cross.get(p, 0) + 1
    for row in rows:
        doc = site["docs"][row["Document"][0]]
        mismatches = sum(1 for f in doc["audit"] if f["status"] == "mismatch")
        expected = {
            "Sections": len(doc["sections"]), "Refs": len(doc["references"]),
            "Counts": len(doc["counts"]), "Funds": len(doc["funds"]),
            "Products": len(doc["products"]),
            "Warnings": len(doc["normalization"]["warnings"]),
            "Mismatches": mismatches, "Cross": cross.get(row["Document"][0], 0),
        }
        got = {k: int(row[k][0]) for k in expected}
        assert got == expected, row["Document"][0]
        assert row["Number"][0] == (doc["metadata"]["number"] or doc["metadata"]["code"] or "")


def test_the_filter_and_sorting_work_on_the_whole_table(site, browser):
    open_page(browser, site["root"] / "index.html")
    box = browser.find_element(By.CSS_SELECTOR, "#docs input[type=search]")
    box.send_keys("binh_son_partial")
    time.sleep(0.4)
    rows = index_rows(browser)
    expected = [p for p in site["docs"] if "binh_son_partial" in p]
    assert sorted(r["Document"][0] for r in rows) == sorted(expected)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    time.sleep(0.4)
    browser.find_element(By.XPATH, "//section[@id='docs']//th/button[.='Counts']").click()
    counts = [int(r["Counts"][0]) for r in index_rows(browser)]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(len(d["counts"]) for d in site["docs"].values())


def test_a_big_index_is_drawn_a_page_at_a_time(site, browser, tmp_path):
    # 250 copies of one document, as JSON lines.
    doc = next(iter(site["docs"].values()))
    lines = tmp_path / "many.jsonl"
    with lines.open("w", encoding="utf-8") as f:
        for i in range(250):
            copy = dict(doc, source=dict(doc["source"], path=f"batch/{i:03}.txt", sha256=f"{i:064x}"))
            f.write(json.dumps(copy, ensure_ascii=False) + "\n")
    out = tmp_path / "site"
    run([BIN, "review", lines, "-o", out, "-q"])
    assert len(list((out / "d").glob("*.html"))) == 250
    open_page(browser, out / "index.html")
    assert len(index_rows(browser)) == 100
    info = browser.find_element(By.CSS_SELECTOR, "#docs .tools span").text
    assert info == "Rows 1–100 of 250"
    nxt = browser.find_element(By.XPATH, "//section[@id='docs']//button[contains(.,'Next')]")
    nxt.click()
    nxt.click()
    rows = index_rows(browser)
    assert [r["#"][0] for r in rows] == [str(i) for i in range(201, 251)]
    assert not nxt.is_enabled()


def test_a_cross_document_finding_shows_both_spans(site, browser):
    findings = site["findings"]
    mismatches = [(n, f) for n, f in enumerate(findings, 1) if f["status"] == "mismatch"]
    assert mismatches
    shot = False
    for n, f in mismatches:
        open_page(browser, site["root"] / "x" / f"{n}.html")
        sides = browser.find_elements(By.CSS_SELECTOR, ".side")
        assert len(sides) == len(f["items"])
        for side, item in zip(sides, f["items"]):
            mark = side.find_element(By.CSS_SELECTOR, "mark.k-cross")
            assert browser.execute_script("return arguments[0].textContent", mark) == item["text"]
            # Each excerpt is scrolled to its span.
            assert browser.execute_script(
                "var m=arguments[0].getBoundingClientRect(),b=arguments[0].closest('.txt').getBoundingClientRect();"
                "return m.top>=b.top-1&&m.top<b.bottom;", mark)
        if not shot and len(sides) == 2:
            browser.save_screenshot(str(ARTIFACTS / "cross.png"))
            shot = True
    # A side's link opens its document with the same span selected.
    n, f = mismatches[0]
    open_page(browser, site["root"] / "x" / f"{n}.html")
    item = f["items"][1]
    browser.find_element(By.CSS_SELECTOR, ".side:nth-child(2) h2 a").click()
    selected = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.on')).map(function(m){return m.textContent}).join('')")
    assert selected == item["text"]


def test_a_hostile_document_is_shown_as_text(site, browser):
    doc_page(site, browser, "hostile.txt")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.images.length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    text = browser.find_element(By.ID, "text").get_attribute("textContent")
    assert "<script>window.__pwned=1</script>" in text
    assert '"><img src=x onerror="window.__pwned=2">' in text
    assert "<b>đạt 3 sao</b> &amp;" in text
    # The form feed starts page 2, and items there say so.
    assert browser.find_element(By.CSS_SELECTOR, '.blk[data-page="2"] .pgno').text == "Page 2"
    details = browser.execute_script(
        "return document.querySelector('#panel a[data-i=\"c4\"]').parentNode.textContent")
    assert details.startswith("02 sản phẩm") and "p. 2" in details


def test_pages_open_from_disk_without_errors(site, browser):
    pages = [site["root"] / "index.html", *sorted((site["root"] / "x").glob("*.html"))[:3],
             *sorted((site["root"] / "d").glob("*.html"))[:3]]
    for p in pages:
        open_page(browser, p)
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], p
