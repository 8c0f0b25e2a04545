"""Fixtures for the security audit: one of everything, written through the apps' own services
with hostile text in every field a person can fill, and the table of every route on the site."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from accounts.models import Profile
from forum import actions as forum_actions
from forum.models import Flag
from notifications.service import notify
from proposals import services as proposal_services
from taxonomy import editing as taxonomy_editing
from taxonomy.models import Example, TaxonomyNode
from tests.conftest import create_user
from tests.search.isolation import isolated_index
from wiki import editing as wiki_editing
from wiki.models import Revision

# Each payload carries the marker "xss" so a checker can tell it from the site's own markup.
SCRIPT = "<script>alert('xss1')</script>"
IMG = '"><img src=x onerror=alert("xss2")>'
JS_URL = "javascript:alert('xss3')"
HOSTILE = f"{SCRIPT} {IMG} {JS_URL}"


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The world, built once per test module in a transaction rolled back after its last test
    (each test runs in a savepoint inside it), and indexed once into the module's own index."""
    with isolated_index() as index_path, django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            world = build_world()
        make_stale(world)
        yield world, index_path
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _isolated_search_index(_module_world):
    """Each test searches a copy of the module's index (replacing tests/conftest.py's empty one),
    so what one test indexes never reaches the next."""
    with isolated_index(copy_of=_module_world[1]):
        yield


@pytest.fixture
def world(db, _module_world):
    """The module's world (see ``build_world``): a dict of its objects."""
    return _module_world[0]


def build_world():
    """A site with a page, a second revision, a hidden draft, a deleted page, a taxonomy with a
    retired node, an example, a forum thread with a hidden post and a hidden thread, a flag and
    notifications, all carrying HOSTILE text; returns a dict of the objects."""
    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)
    author = create_user("author")
    # Usernames can't hold markup through sign-up; the ORM can, so escaping is tested anyway.
    villain = create_user("villain")
    Profile.objects.update_or_create(user=author, defaults={"bio": HOSTILE})
    page = _page("hostile/page", author, summary=HOSTILE)
    wiki_editing.save_page(
        path="hostile/page", title=f"Second {HOSTILE}", markdown=f"Changed\n\n{HOSTILE}\n",
        author=villain, summary=f"again {HOSTILE}", description=HOSTILE,
        tags=["xss script", "alert img"],
    )
    draft = _page("hostile/draft", author, published=False)
    deleted = _page("hostile/deleted", author)
    wiki_editing.delete_page(deleted, by=None)

    root = taxonomy_editing.create_node(user=None, parent=None, name=f"Root {HOSTILE}",
                                        slug="root", summary=HOSTILE, description=HOSTILE)
    scale = taxonomy_editing.create_node(
        user=None, parent=root, name=f"Small {HOSTILE}", slug="small", summary=HOSTILE,
        description=HOSTILE, size_min=10, size_max=200, page_path="hostile/page",
    )
    node = taxonomy_editing.create_node(
        user=None, parent=scale, name=f"Villages {HOSTILE}", slug="villages",
        summary=HOSTILE, description=HOSTILE, size_min=50, size_max=150,
    )
    retired = taxonomy_editing.create_node(user=None, parent=scale, name=f"Old {HOSTILE}",
                                           slug="old", summary=HOSTILE)
    taxonomy_editing.retire_node(retired, user=None, reason=HOSTILE)
    taxonomy_editing.update_node(node, user=None, reason=HOSTILE, summary=f"New {HOSTILE}")
    example = taxonomy_editing.save_example(
        Example(), user=None, reason=HOSTILE, name=f"Village {HOSTILE}", slug="village",
        summary=HOSTILE, description=HOSTILE, place=HOSTILE, nodes=[node],
        website="https://example.org/?q=%22%3E", size=120,
    )
    node = TaxonomyNode.objects.get(pk=node.pk)

    thread = forum_actions.start_thread(node=node, author=author, title=f"Talk {HOSTILE}",
                                        body=f"Body {HOSTILE} @villain")
    reply = forum_actions.reply(thread_id=thread.pk, author=villain, body=f"Reply {HOSTILE}")
    forum_actions.edit_post(post_id=reply.pk, editor=villain, body=f"Edited {HOSTILE}")
    hidden_post = forum_actions.reply(thread_id=thread.pk, author=villain,
                                      body="Hidden secret-hidden-post-words")
    moderator = create_user("mod", "Moderators")
    forum_actions.moderate_post(post_id=hidden_post.pk, moderator=moderator, hidden=True)
    hidden_thread = forum_actions.start_thread(
        node=node, author=villain, title="Hidden secret-hidden-thread-words", body="Shh")
    forum_actions.moderate_thread(thread_id=hidden_thread.pk, moderator=moderator,
                                  action="hide")
    proposal = proposal_services.open_proposal(
        kind="move_node", data={"node": node, "parent": root}, proposer=author,
        reason=f"Why {HOSTILE}")
    flag = forum_actions.flag_post(post=reply, user=author, reason=Flag.Reason.OTHER,
                                   note=HOSTILE)
    upload, deleted_upload = _uploads(author, moderator)
    notify([author], actor=villain, verb="replied", text=f"villain said {HOSTILE}",
           url="https://evil.example/phish")
    notify([author], actor=villain, verb="replied", text=f"villain said {HOSTILE}",
           url=JS_URL)
    return {
        "author": author, "villain": villain, "moderator": moderator,
        "page": page, "draft": draft, "deleted": deleted,
        "root": root, "scale": scale, "node": node, "retired": retired, "example": example,
        "proposal": proposal, "thread": thread, "reply": reply, "hidden_post": hidden_post,
        "hidden_thread": hidden_thread, "flag": flag,
        "upload": upload, "deleted_upload": deleted_upload,
        "notification": author.notifications.order_by("pk").first(),
        "villain_session": UserSession.objects.create(
            user=villain, session_key="world-session-of-villain", ip="203.0.113.9",
            user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
        "now": timezone.now(),
    }


def _page(path, author, published=True, summary=""):
    return wiki_editing.save_page(
        path=path, title=f"Title {HOSTILE}", markdown=f"# Heading\n\n{HOSTILE}\n\n"
        f"[click]({JS_URL}) <a href=\"{JS_URL}\">raw</a> [[{IMG}]]\n",
        author=author, summary=summary, description=f"Description {HOSTILE}",
        tags=["xss", "script alert"], published=published,
    ).page


def _uploads(author, moderator):
    """An image with a hostile description, used by the page, and one in the recycle bin."""
    import io

    from files import services
    from tests.files.corpus import png

    upload = services.ingest(io.BytesIO(png(700, 300)), name=f"pic{IMG}.png", user=author,
                             description=HOSTILE)
    deleted = services.ingest(io.BytesIO(png(30, 30)), name="gone.png", user=author)
    services.delete(deleted, user=moderator)
    return upload, deleted


# Stored HTML from an "older renderer" whose sanitiser let this through.
STALE_EXTRA = (
    "<script>alert('xss-stale')</script><p onclick=\"alert('xss-stale')\">"
    "<a href=\"javascript:alert('xss-stale')\">stale</a></p>"
)


def make_stale(world):
    """Mark stored HTML of every kind as made by an older renderer, with something executable
    in it, as after a deploy that bumps RENDERER_VERSION: a GET must neither re-render and write
    it back nor show it as stored."""
    from django.db.models import Value
    from django.db.models.functions import Concat

    from forum.models import Post, PostRevision

    for model in (Revision, TaxonomyNode, Example, Post, PostRevision):
        _, html, version = model.markup_fields
        model.objects.update(**{html: Concat(html, Value(STALE_EXTRA)), version: 0})
