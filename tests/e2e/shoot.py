"""Take screenshots of a running site, for a person to look at (not a test).

    .venv/bin/python -m tests.e2e.shoot http://127.0.0.1:8000/taxonomy/ var/shots/taxonomy
writes taxonomy-desktop.png, taxonomy-phone.png, taxonomy-desktop-dark.png, taxonomy-phone-dark.png.
Pass --login USER:PASSWORD to sign in first.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("out", help="path prefix of the PNG files")
    parser.add_argument("--login", help="USER:PASSWORD to sign in with first")
    args = parser.parse_args()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    base = args.url.split("/", 3)
    origin = "/".join(base[:3])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            for dark in (False, True):
                scheme = "dark" if dark else "light"
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                if args.login:
                    username, password = args.login.split(":", 1)
                    page.goto(origin + "/accounts/login/")
                    page.fill("input[name=login]", username)
                    page.fill("input[name=password]", password)
                    page.press("input[name=password]", "Enter")
                    page.wait_for_load_state()
                page.goto(args.url)
                path = f"{args.out}-{name}{'-dark' if dark else ''}.png"
                page.screenshot(path=path, full_page=True)
                print(path)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
