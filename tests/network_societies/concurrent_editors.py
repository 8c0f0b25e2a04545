"""Editors in a separate OS process, for test_concurrent_editors: each opens the edit forms of one
category, one example and one wiki page, waits until every Editor (in every process) has, then
saves its change to each through the site's forms, all at once.

    python -m tests.network_societies.concurrent_editors setup RUN N
    python -m tests.network_societies.concurrent_editors edit RUN FIRST COUNT GO_FILE
    python -m tests.network_societies.concurrent_editors state RUN

Editor ``i`` changes, in each of the three: one line of the long text when ``i`` is even (every
such Editor a different line, so all of them merge), otherwise one short field shared with other
odd Editors (so the first save wins and the rest must get the conflict screen). Each prints JSON.
"""

import json
import os
import re
import sys
import threading

import django

from tests.scratch import editor_client, ready_then_wait

TARGETS = ("node", "example", "page")
SHARED_FIELDS = {"node": ("summary", "name"), "example": ("summary", "place"),
                 "page": ("title", "tags")}
TEXT_FIELD = {"node": "description", "example": "description", "page": "markdown"}


def change_for(target, editor):
    """(field, value) that Editor ``editor`` sets on ``target``; a text line is ("line", n)."""
    if editor % 2 == 0:
        return "line", editor
    field = SHARED_FIELDS[target][(editor // 2) % 2]
    value = ["t", f"tag-{editor}"] if field == "tags" else f"{field} by editor {editor}"
    return field, value


def long_text(lines):
    return "".join(f"line {n}\n" for n in range(lines))


def line_value(editor):
    return f"line {editor} by editor {editor}"


# --- setup --------------------------------------------------------------------------------------


def setup(run, count):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from taxonomy import editing
    from taxonomy.models import Example, TaxonomyNode
    from wiki.editing import save_page

    editors = Group.objects.get_or_create(name="Editors")[0]
    for i in range(count):
        user = get_user_model().objects.create_user(f"ed{run}-{i}", f"ed{run}-{i}@example.org")
        user.groups.add(editors)
    admin = get_user_model().objects.get(username=f"ed{run}-0")
    root = TaxonomyNode.objects.filter(parent=None).first() or editing.create_node(
        user=admin, parent=None, name="Network societies", slug="network-societies")
    scale = root.get_children().filter(slug="small").first() or editing.create_node(
        user=admin, parent=root, name="Small", slug="small")
    text = long_text(2 * count + 2)
    node = editing.create_node(user=admin, parent=scale, name=f"Category {run}",
                               slug=f"category-{run}", description=text)
    example = editing.save_example(Example(), user=admin, name=f"Example {run}",
                                   slug=f"example-{run}", description=text, nodes=[node])
    save_page(path=f"run-{run}", title=f"Page {run}", markdown=text, author=admin, tags=["t"])
    return {"node": node.pk, "example": example.slug}


# --- edit ---------------------------------------------------------------------------------------


def form_data(target, run):
    """What the edit form holds as read now (all Editors read before anyone saves)."""
    from taxonomy.models import Example, TaxonomyNode
    from wiki.models import Page

    if target == "node":
        node = TaxonomyNode.objects.get(slug=f"category-{run}")
        url = f"/taxonomy/-/{node.pk}/edit/"
        data = {name: getattr(node, name) for name in (
            "name", "slug", "summary", "description", "permanence", "page_path", "order")}
        data.update(parent=node.parent_id, size_min="", size_max="", reason="")
    elif target == "example":
        example = Example.objects.get(slug=f"example-{run}")
        url = f"/examples/{example.slug}/edit/"
        data = {name: getattr(example, name) or "" for name in (
            "name", "slug", "summary", "description", "website", "place", "status", "page_path")}
        data.update(nodes=[n.pk for n in example.nodes.all()], start_date="", end_date="",
                    size="", reason="")
    else:
        page = Page.objects.select_related("current_revision").get(path=f"run-{run}")
        revision = page.current_revision
        url = f"/wiki/edit/{page.path}"
        data = {"title": revision.title, "description": revision.description,
                "markdown": revision.markdown, "tags": revision.tags, "published": "on",
                "summary": "", "save": "1"}
    return url, data


def version_in(html, target):
    name = "base_revision" if target == "page" else "version"
    return re.search(rf'name="{name}" value="(\d+)"', html).group(1)


def edit(run, first, count, go_file):
    editors = []
    for i in range(first, first + count):
        client = editor_client(run, i)
        forms = {}
        for target in TARGETS:
            url, data = form_data(target, run)
            html = client.get(url).content.decode()
            data["base_revision" if target == "page" else "version"] = version_in(html, target)
            field, value = change_for(target, i)
            text = TEXT_FIELD[target]
            if field == "line":
                data[text] = data[text].replace(f"line {value}\n", line_value(value) + "\n")
            else:
                data[field] = ", ".join(value) if field == "tags" else value
            forms[target] = (url, data, field, value)
        editors.append((i, client, forms))
    ready_then_wait(go_file, first)

    outcomes, lock = [], threading.Lock()

    def save(i, client, forms):
        order = TARGETS[i % 3:] + TARGETS[: i % 3]  # Editors start on different targets
        for target in order:
            url, data, field, value = forms[target]
            response = client.post(url, data)
            html = response.content.decode()
            shown = line_value(value) if field == "line" else (
                ", ".join(value) if field == "tags" else value)
            with lock:
                outcomes.append({
                    "editor": i, "target": target, "field": field, "value": value,
                    "status": response.status_code,
                    # On the conflict screen, the Editor's own input is still in the form.
                    "input_kept": response.status_code != 409 or shown in html,
                })

    threads = [threading.Thread(target=save, args=editor) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


# --- state --------------------------------------------------------------------------------------


def state(run):
    from taxonomy.models import Example, TaxonomyNode
    from wiki.models import Page

    node = TaxonomyNode.objects.get(slug=f"category-{run}")
    example = Example.objects.get(slug=f"example-{run}")
    page = Page.objects.select_related("current_revision").get(path=f"run-{run}")
    revision = page.current_revision
    return {
        "node": {"summary": node.summary, "name": node.name, "description": node.description,
                 "history": node.changes.count() - 1},
        "example": {"summary": example.summary, "place": example.place,
                    "description": example.description, "history": example.changes.count() - 1},
        "page": {"title": revision.title, "tags": sorted(revision.tag_list()),
                 "markdown": revision.markdown, "history": page.revisions.count() - 1},
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_societies.settings")
    django.setup()
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":  # setup RUN COUNT [RUN COUNT …]
        pairs = zip(args[::2], args[1::2], strict=True)
        print(json.dumps([setup(run, int(count)) for run, count in pairs]))
    elif command == "edit":  # edit RUN FIRST COUNT GO_FILE
        print(json.dumps(edit(args[0], int(args[1]), int(args[2]), args[3])))
    else:  # state RUN [RUN …]
        print(json.dumps({run: state(run) for run in args}))
