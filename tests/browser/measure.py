"""How fast review pages open and respond, in headless Chromium.

    python3 tests/browser/measure.py SITE_DIR [DOCUMENT_PAGE]

Prints, for the index and one document page (the largest in d/ unless
named): the time to load (navigation start to the load event), and for the
document the time a click on its last item takes (select, scroll, highlight),
and for the index the time to filter and to sort all rows. Not a test: the
numbers depend on the machine.
"""

import shutil
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1366,860"):
        opts.add_argument(a)
    return webdriver.Chrome(options=opts, service=Service(executable_path=shutil.which("chromedriver")))


def load_ms(d, path):
    started = time.perf_counter()
    d.get(Path(path).resolve().as_uri())
    wall = (time.perf_counter() - started) * 1000
    nav = d.execute_script(
        "var n=performance.getEntriesByType('navigation')[0];return [n.domContentLoadedEventEnd,n.loadEventEnd];")
    return wall, nav


def main():
    site = Path(sys.argv[1])
    page = Path(sys.argv[2]) if len(sys.argv) > 2 else max((site / "d").glob("*.html"),
                                                           key=lambda p: p.stat().st_size)
    d = browser()
    try:
        d.get("about:blank")
        wall, nav = load_ms(d, site / "index.html")
        rows = d.execute_script("return JSON.parse(document.getElementById('data').textContent).docs.length")
        print(f"index ({rows} documents, {(site / 'index.html').stat().st_size / 1e6:.1f} MB): "
              f"opened in {wall:.0f} ms (DOMContentLoaded {nav[0]:.0f} ms, load {nav[1]:.0f} ms)")
        ms = d.execute_async_script(
            "var done=arguments[0],box=document.querySelector('#docs input[type=search]'),t=performance.now();"
            "box.value='2024';box.dispatchEvent(new Event('input'));"
            "setTimeout(function(){done(performance.now()-t-120);},140);")
        print(f"index: filter over all rows in {max(ms, 0):.0f} ms (after the 120 ms typing pause)")
        ms = d.execute_script(
            "var b=document.querySelectorAll('#docs th button')[8],t=performance.now();b.click();return performance.now()-t;")
        print(f"index: sort all rows by a column in {ms:.0f} ms")
        wall, nav = load_ms(d, page)
        items = d.execute_script("return document.querySelectorAll('#panel a[data-i]').length")
        print(f"document {page.name} ({page.stat().st_size / 1e6:.1f} MB, {items} items): opened in {wall:.0f} ms "
              f"(DOMContentLoaded {nav[0]:.0f} ms, load {nav[1]:.0f} ms)")
        ms = d.execute_script(
            "var ls=document.querySelectorAll('#panel a[data-i]'),a=ls[ls.length-1],t=performance.now();"
            "a.click();var r=document.querySelector('mark.on').getBoundingClientRect();return performance.now()-t;")
        print(f"document: click on the last item (scroll to its span, light it) in {ms:.0f} ms")
    finally:
        d.quit()


if __name__ == "__main__":
    main()
