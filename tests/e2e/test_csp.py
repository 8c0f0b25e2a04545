"""The browser enforces the policy: an injected inline script or style does not run, and the
violation is reported where the page crawl (test_qa_pages.py) looks for it."""

import pytest

from tests.e2e.test_qa_pages import watch_csp

pytestmark = pytest.mark.django_db(transaction=True)

INJECT = """() => {
  const box = document.createElement('div');
  box.innerHTML = '<p id="styled" style="color: rgb(255, 0, 0)">x</p>';
  document.body.append(box);
  const script = document.createElement('script');
  script.textContent = 'window.injected = true';
  document.body.append(script);
  return new Promise(resolve => setTimeout(resolve, 200));
}"""


def test_inline_script_and_style_are_refused_and_reported(page):
    violations = watch_csp(page)
    page.goto("/")
    page.evaluate(INJECT)
    assert page.evaluate("window.injected") is None
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != \
        "rgb(255, 0, 0)"
    assert any("style-src" in text for text in violations)
    assert any("script-src" in text for text in violations)
