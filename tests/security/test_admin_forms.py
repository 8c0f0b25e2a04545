"""Every admin add and change form of the taxonomy, wiki and forum, posted as rendered (valid)
and with hostile values in every field (invalid): never a server error. Their side effects are
checked by each app's tests/<app>/test_admin.py."""

import io

import pytest
from django.contrib import admin
from django.urls import reverse

from forum import actions
from taxonomy import default_content
from tests.taxonomy.conftest import ensure_groups
from wiki.editing import save_page

MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
HOSTILE = ["", "\x00", "9" * 40, "-1", "<script>alert(1)</script>", "x" * 5000, "../../etc"]


APPS = ("taxonomy", "wiki", "forum")


def models():
    return sorted((m for m in admin.site._registry if m._meta.app_label in APPS),
                  key=lambda m: m._meta.label)


@pytest.fixture
def content(db, admin_user):
    ensure_groups()
    default_content.load(io.StringIO())
    page = save_page(path="a", title="A", markdown="Text [[b]]", author=admin_user).page
    from taxonomy.models import TaxonomyNode

    node = TaxonomyNode.objects.exclude(parent=None).first()
    thread = actions.start_thread(node=node, author=admin_user, title="T", body="B @admin")
    post = actions.reply(thread_id=thread.pk, author=admin_user, body="Reply")
    actions.flag_post(post=post, user=_other(), reason="spam")
    actions.moderate_thread(thread_id=thread.pk, moderator=admin_user, action="pin")
    return page


def _other():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(username="flagger")[0]


def form_data(response):
    """What the browser would post back for the admin page as rendered."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms += list(formset.forms)
        for name in formset.management_form.fields:
            value = formset.management_form[name].value()
            data[formset.management_form.add_prefix(name)] = "" if value is None else value
    for form in forms:
        for name in form.fields:
            key, value = form.add_prefix(name), form[name].value()
            if form.fields[name].disabled or value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[key] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    return data


def urls_for(model):
    opts = model._meta
    obj = model._default_manager.order_by("pk").first()
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_add")]
    if obj is not None:
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("model", models(), ids=lambda m: m._meta.label)
def test_every_admin_form_posts_without_a_server_error(content, admin_client, model):
    for url in urls_for(model):
        shown = admin_client.get(url)
        assert shown.status_code in (200, 403), (url, shown.status_code)
        if shown.status_code == 403 or "adminform" not in shown.context:
            continue
        data = form_data(shown)
        response = admin_client.post(url, data)
        assert response.status_code in (200, 302, 403), (url, response.status_code)
        for hostile in HOSTILE:
            bad = {key: hostile for key in data if not key.endswith(MANAGEMENT)}
            response = admin_client.post(url, {**data, **bad})
            assert response.status_code in (200, 302, 403), (url, hostile[:20], response)
