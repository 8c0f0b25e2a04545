"""Every main page, as a newcomer and as a signed-in Moderator and Editor, in chromium at 390 px:
a distinct <title>, its own meta description, exactly one <h1>, the landmarks, nothing wider
than the phone's screen, and the strict Content-Security-Policy with no violation."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from forum import actions as forum
from taxonomy.models import Example, TaxonomyNode
from tests.e2e.conftest import PHONE
from wiki.editing import save_page

pytestmark = pytest.mark.django_db(transaction=True)

DEFAULT_DESCRIPTION = "A community knowledge base that documents and argues"

# Reads the facts a person (and a search engine) gets from a page, in one round trip.
FACTS = """() => ({
  title: document.title,
  description: (document.querySelector('meta[name=description]') || {}).content || '',
  h1: document.querySelectorAll('h1').length,
  clipped: [...document.querySelectorAll('h1')].some(h => h.scrollWidth > h.clientWidth + 1),
  banner: document.querySelectorAll('body > header').length,
  main: document.querySelectorAll('main').length,
  footer: document.querySelectorAll('body > footer').length,
  nav: document.querySelectorAll('nav[aria-label=Main]').length,
  width: document.documentElement.scrollWidth,
})"""


@pytest.fixture
def site(user, make_user):
    """The default content plus what a lived-in site has: edited pages, a thread, a flag."""
    call_command("load_default_content", stdout=StringIO())
    staff = make_user("morgan", "Moderators", "Editors")
    make_user("a_member_with_a_really_very_long_username")
    body = ("# Pop-up villages\n\nAbout **150 people**.\n\n"
            "| Name | Size |\n|---|---|\n| Zuzalu | 200 |\n")
    save_page(path="network-societies/pop-ups", title="Pop-up villages", markdown=body,
              author=user, tags=["pop-up", "Small scale"], summary="First draft")
    save_page(path="network-societies/pop-ups", title="Pop-up villages",
              markdown=body + "\nOften beside a conference.", author=staff, tags=["pop-up"],
              summary="Conferences")
    save_page(path="network-societies/hubs", title="Hubs", author=user, tags=["small scale"],
              markdown="Never ends: " + "x" * 120 + " https://example.org/" + "a/" * 60)
    node = TaxonomyNode.objects.get(path="small/pop-up-villages")
    thread = forum.start_thread(node=node, author=user, title="How big is a pop-up village?",
                                body="Dunbar says **150**.")
    post = forum.reply(thread_id=thread.pk, author=staff, body="@alice Zuzalu had 200.")
    forum.flag_post(post=post, user=user, reason="spam", note="Looks like an advert")
    return {"node": node, "thread": thread, "post": post, "staff": staff,
            "example": Example.objects.order_by("pk").first()}


def anonymous_paths(site):
    node, thread, post, example = site["node"], site["thread"], site["post"], site["example"]
    return [
        "/", "/taxonomy/", "/taxonomy/small/", f"/taxonomy/{node.path}/",
        f"/examples/{example.slug}/", "/network-societies", "/network-societies/pop-ups",
        "/network-societies/hubs", "/network-societies/nothing-yet",
        "/wiki/history/network-societies/pop-ups", "/wiki/history/network-societies/pop-ups/1/",
        "/wiki/diff/network-societies/pop-ups/?from=1&to=2", "/wiki/links/network-societies",
        "/wiki/pages/", "/wiki/tree/", "/tags/", "/tags/pop-up/", "/recent/",
        "/forum/", f"/forum/n/{node.pk}/", f"/forum/t/{thread.pk}/", f"/forum/p/{post.pk}/history/",
        "/search/", "/search/?q=chiang+mai", "/search/?q=%22unclosed", "/search/?q=zzqqxx",
        "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/u/alice/",
        "/u/a_member_with_a_really_very_long_username/",
        "/taxonomy/-/history/", f"/taxonomy/-/{node.pk}/history/",
        f"/examples/{example.slug}/history/",
        "/forum/moderation/", "/taxonomy/no-such-node/",
    ]


def member_paths(site):
    node, thread, post, example = site["node"], site["thread"], site["post"], site["example"]
    return [
        "/notifications/", "/accounts/settings/", "/accounts/watching/", "/accounts/email/",
        "/accounts/password/change/", "/wiki/new/", "/wiki/edit/network-societies/pop-ups",
        "/wiki/edit/network-societies/brand-new", "/wiki/move/network-societies/pop-ups",
        "/wiki/delete/network-societies/hubs", "/wiki/recycle-bin/",
        f"/forum/n/{node.pk}/new/", f"/forum/t/{thread.pk}/reply/", f"/forum/p/{post.pk}/edit/",
        f"/forum/p/{post.pk}/flag/", f"/forum/t/{thread.pk}/move/", "/forum/moderation/",
        "/taxonomy/-/new/", f"/taxonomy/-/{node.pk}/edit/", "/examples/-/new/",
        f"/examples/{example.slug}/edit/", "/u/morgan/", "/accounts/logout/",
    ]


def watch_csp(page):
    """Collect every Content-Security-Policy violation chromium reports on ``page`` (the browser
    logs each refused script, style or image as a console error)."""
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def crawl(page, paths, titles):
    problems = []
    violations = watch_csp(page)
    for path in paths:
        response = page.goto(path)
        assert response.status < 500, path
        if "'self'" not in (response.headers.get("content-security-policy") or ""):
            problems.append(f"{path}: no Content-Security-Policy header")
        page.wait_for_load_state("load")
        problems += [f"{path}: {violation}" for violation in violations]
        violations.clear()
        facts = page.evaluate(FACTS)
        where = f"{path} ({facts['title']})"
        if facts["h1"] != 1:
            problems.append(f"{where}: {facts['h1']} <h1>")
        if facts["clipped"]:
            problems.append(f"{where}: the <h1> is cut off")
        if not facts["description"].strip() or facts["description"].startswith(DEFAULT_DESCRIPTION):
            problems.append(f"{where}: no description of its own")
        if (facts["banner"], facts["main"], facts["footer"], facts["nav"]) != (1, 1, 1, 1):
            problems.append(f"{where}: landmarks {facts}")
        if facts["width"] > PHONE["width"]:
            problems.append(f"{where}: {facts['width']} px wide on a {PHONE['width']} px phone")
        # A concept's article path redirects to the concept page: one page, one title.
        landed = urlsplit(page.url)._replace(scheme="", netloc="", fragment="").geturl()
        if titles.setdefault(facts["title"], landed) != landed:
            problems.append(f"{where}: same title as {titles[facts['title']]}")
    return problems


def test_every_page_is_finished_for_a_newcomer_and_a_member(site, new_page, login):
    titles = {}
    problems = crawl(new_page(viewport=PHONE), anonymous_paths(site), titles)
    staff_page = login(site["staff"], viewport=PHONE, dark=True)
    problems += crawl(staff_page, member_paths(site), titles)
    assert problems == []


def test_error_pages_say_what_happened(site, page):
    assert page.goto("/forum/moderation/").status == 403
    assert page.locator("h1").inner_text() == "You can't do that here"
    assert page.locator("main a.button", has_text="Log in").count() == 1
    assert page.goto("/taxonomy/no-such-node/").status == 404
    assert page.locator("h1").inner_text() == "Nothing here"
    assert page.locator("main input[type=search]").count() == 1


def test_a_concept_page_shows_its_article_in_full(site, page):
    """The node page is the concept's home: its article, not an excerpt, with its table."""
    page.goto(f"/taxonomy/{site['node'].path}/")
    article = page.locator("#article .wiki-body").inner_text()
    assert "About 150 people." in article and "Zuzalu" in article
    assert page.locator("#article .wiki-body table").count() == 1
