"""Signed-in pages reuse cached fragments (network_societies.fragments), yet an edit, a reply, a
rename or a new role is seen at once, also through a second server sharing the cache; nobody is
shown another person's drafts, buttons or CSRF token; and a repeated signed-in view makes few
queries."""

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.test import Client

from forum import actions
from network_societies import fragments
from taxonomy import editing as taxonomy_editing
from wiki.editing import move_page, protect_page, save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return save_page(path="hubs", title="Hubs", markdown="Coworking hubs.", author=None).page


@pytest.fixture
def villages():
    root = taxonomy_editing.create_node(user=None, parent=None, name="Network societies",
                                        slug="network-societies")
    small = taxonomy_editing.create_node(user=None, parent=root, name="Small", slug="small")
    return taxonomy_editing.create_node(user=None, parent=small, name="Pop-up villages",
                                        slug="pop-up-villages")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_an_edit_is_seen_at_once_by_signed_in_readers_on_either_server(page, user, editor):
    reader, other_server = signed_in(user), signed_in(user)
    assert "Coworking hubs." in text(reader, "/hubs")
    assert "Coworking hubs." in text(reader, "/hubs")  # now from the fragment cache
    fragments.LOCAL.clear()  # the other server has its own process memory
    save_page(path="hubs", title="Hubs", markdown="Coliving hubs now.", author=editor)
    assert "Coliving hubs now." in text(reader, "/hubs")
    assert "Coliving hubs now." in text(other_server, "/hubs")


def test_an_edit_through_the_site_is_seen_at_once(page, user, editor):
    reader = signed_in(user)
    text(reader, "/hubs")
    writer = signed_in(editor)
    form = writer.get("/wiki/edit/hubs").context["form"]
    data = {name: field.value() or "" for name, field in ((n, form[n]) for n in form.fields)}
    data.update(markdown="Edited through the form.")
    assert writer.post("/wiki/edit/hubs", data).status_code == 302
    assert "Edited through the form." in text(reader, "/hubs")


def test_a_page_rename_and_a_new_link_are_seen_at_once(page, user):
    reader = signed_in(user)
    save_page(path="villages", title="Villages", markdown="See [[hubs]] and [[coliving]].",
              author=None)
    html = text(reader, "/villages")
    assert 'class="redlink"' in html
    assert "Villages" in text(reader, "/hubs")  # what links here
    save_page(path="coliving", title="Coliving", markdown="Shared homes.", author=None)
    assert 'class="redlink"' not in text(reader, "/villages")
    move_page(page, "hub-cities", by=None)
    save_page(path="hub-cities", title="Hub cities", markdown="Coworking hubs.", author=None)
    assert "Hub cities" in text(reader, "/hub-cities")
    assert reader.get("/hubs").status_code == 301


def test_a_reply_and_a_node_rename_are_seen_at_once_in_a_thread(villages, user, other_user):
    thread = actions.start_thread(node=villages, author=user, title="Size?", body="150.")
    url = thread.get_absolute_url()
    reader = signed_in(user)
    assert "150." in text(reader, url)
    actions.reply(thread_id=thread.pk, author=other_user, body="More like 300.")
    html = text(reader, url)
    assert "More like 300." in html and 'class="pill pill--new"' in html
    taxonomy_editing.update_node(villages, user=None, name="Pop-up cities")
    assert "Pop-up cities" in text(reader, url)  # the breadcrumbs


def test_a_new_role_is_seen_at_once(page, user, editor):
    protect_page(page, True, by=None)
    reader = signed_in(user)
    assert 'accesskey="e"' not in text(reader, "/hubs")
    user.groups.add(Group.objects.get(name="Editors"))
    assert 'accesskey="e"' in text(reader, "/hubs")


def test_buttons_and_drafts_stay_with_their_person(page, user, other_user):
    save_page(path="my-draft", title="My draft", markdown="Links to [[hubs]].", author=user,
              published=False)
    author, other = signed_in(user), signed_in(other_user)
    assert "My draft" in text(author, "/hubs")  # an author sees their own draft link here
    assert "My draft" not in text(other, "/hubs")
    assert "My draft" in text(author, "/hubs")


def test_post_buttons_stay_with_their_person(villages, user, other_user, moderator):
    thread = actions.start_thread(node=villages, author=user, title="Size?", body="150.")
    url = thread.get_absolute_url()
    author, other, mod = signed_in(user), signed_in(other_user), signed_in(moderator)
    for _ in range(2):  # the second time from the cache
        assert f"/forum/p/{thread.posts.get().pk}/edit/" in text(author, url)
        html = text(other, url)
        assert "/edit/" not in html.split('id="reply"')[0] and "Flag" in html
        assert "Unhide" in text(mod, url) or ">Hide<" in text(mod, url)
        assert "Hide</button>" not in text(other, url)


def test_each_person_gets_their_own_csrf_token_in_cached_pages(villages, user, other_user):
    thread = actions.start_thread(node=villages, author=user, title="Size?", body="150.")
    url = thread.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(other_user)
    text(first, url)
    response = second.get(url)
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    posted = second.post(f"/forum/t/{thread.pk}/reply/",
                         {"body": "Mine.", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302


def test_a_cached_form_carries_each_persons_own_csrf_token():
    calls = []
    template = Template("{% load fragments %}{% fragment 'form' %}{{ seen }}<form>{% csrf_token %}"
                        "</form>{% endfragment %}")

    def render(token):
        context = Context({"csrf_token": token, "seen": lambda: calls.append(token) or ""})
        return template.render(context)

    with fragments.reading_at(1.0):
        assert 'value="first0token"' in render("first0token")
        assert 'value="second0token"' in render("second0token")
    assert calls == ["first0token"]  # the second came from the cache, with its own token


def test_nobody_can_write_the_placeholder_into_a_post(villages, user, other_user):
    assert len(fragments.csrf_placeholder()) > 30
    thread = actions.start_thread(node=villages, author=user, title="Size?",
                                  body="csrfplaceholder nsfragmentcsrftokenplaceholder")
    reader = signed_in(other_user)
    for _ in range(2):
        html = text(reader, thread.get_absolute_url())
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert html.count(token) == html.count('name="csrfmiddlewaretoken"')


def test_a_fragment_holding_a_real_token_is_never_stored():
    template = Template("{% load fragments %}{% fragment 'form' %}<input "
                        'name="csrfmiddlewaretoken" value="{{ other }}">{% endfragment %}')
    with fragments.reading_at(1.0):
        html = template.render(Context({"csrf_token": "mine", "other": "someone-elses"}))
        assert "someone-elses" in html
        assert fragments._get(fragments.key(1.0, "form", [])) is None


def test_a_post_delete_form_from_the_cache_works_in_each_session(villages, user):
    thread = actions.start_thread(node=villages, author=user, title="Size?", body="150.")
    post = thread.posts.get()
    sessions = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    tokens = []
    for client in sessions:
        client.force_login(user)
        html = text(client, thread.get_absolute_url())
        form = html.split(f'action="/forum/p/{post.pk}/delete/"')[1]
        tokens.append(form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    assert tokens[0] != tokens[1]
    response = sessions[1].post(f"/forum/p/{post.pk}/delete/",
                                {"csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302


def test_fragments_are_cached_per_generation_and_values():
    calls = []
    template = Template("{% load fragments %}{% fragment 'n' who %}{{ count }}{% endfragment %}")

    def render(who):
        return template.render(Context({"who": who, "count": lambda: calls.append(who) or 1,
                                        "csrf_token": "t"}))

    with fragments.reading_at(1.0):
        render("a"), render("a"), render("b")
    with fragments.reading_at(2.0):
        render("a")
    render("a")  # outside a request: rendered every time
    assert calls == ["a", "b", "a", "a"]


def test_a_repeated_signed_in_page_view_makes_few_queries(page, user,
                                                          django_assert_max_num_queries):
    reader = signed_in(user)
    text(reader, "/hubs")
    # Session and user, the watch button, the unread notifications and the forum's new and
    # unread count: no more.
    with django_assert_max_num_queries(5):
        text(reader, "/hubs")


def test_a_repeated_signed_in_thread_view_makes_few_queries(villages, user, other_user,
                                                            django_assert_max_num_queries):
    thread = actions.start_thread(node=villages, author=user, title="Size?", body="150.")
    for n in range(25):
        actions.reply(thread_id=thread.pk, author=other_user, body=f"Reply {n}.")
    reader = signed_in(other_user)
    text(reader, thread.get_absolute_url())
    # Session and user, how far they read, the reactions (counts, names), the reader's draft,
    # the watch button, the unread notifications and the forum's new and unread count.
    with django_assert_max_num_queries(9):
        text(reader, thread.get_absolute_url())
