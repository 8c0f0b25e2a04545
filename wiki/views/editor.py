"""The page editor (which also creates pages) and the "New page" form.

A save carries the revision the editor started from; if someone saved since, ``save_page``
merges the two edits or raises ``EditConflict``, and then the person sees the other change with
their own text still in the editor.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ..diff import diff_texts
from ..editing import EditConflict, save_page
from ..forms import NewPageForm, PageForm
from ..models import Page
from ..permissions import can_create, can_edit, can_read, can_unpublish
from . import breadcrumbs, valid_path_or_404


def edit(request, path):
    """``/wiki/edit/<path>``: GET shows the editor, POST previews or saves."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = _editable_page(request.user, valid_path_or_404(path))
    label = page.title if page else path.rsplit("/", 1)[-1]
    context = {"path": path, "page": page, "crumbs": breadcrumbs(path) + [(label, "/" + path)]}
    initial = PageForm.initial_for(page)
    locked = page is not None and page.published and not can_unpublish(request.user, page)
    if request.method != "POST":
        if page is None:
            initial["title"] = request.GET.get("title", "")[:200] or _title_from(path)
        form = PageForm(initial=initial, published_locked=locked, page_path=path)
        if page is None:
            form.fields["title"].widget.attrs["autofocus"] = True  # a new page starts at its title
        return render(request, "wiki/edit.html", {**context, "form": form})

    form = PageForm(request.POST, initial=initial, published_locked=locked, page_path=path)
    if not form.is_valid():
        return render(request, "wiki/edit.html", {**context, "form": form}, status=400)
    if "preview" in request.POST:
        # The editor widget renders the posted text in its preview pane; nothing is saved.
        context.update(form=form, preview=True)
        return render(request, "wiki/edit.html", context)
    try:
        result = _save(form, path, request.user)
    except EditConflict as conflict:
        return _conflict(request, context, form, conflict)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "wiki/edit.html", {**context, "form": form}, status=400)
    _say_what_happened(request, result)
    return redirect(result.page.get_absolute_url())


def _editable_page(user, path):
    page = Page.objects.select_related("current_revision").at(path).first()
    if page is None:
        if not can_create(user):
            raise PermissionDenied(
                "Starting a page is open to people who have taken part for a while (your trust "
                "level, on your profile); you can already edit the pages that exist.")
        return None
    if not can_read(user, page):
        raise Http404("No such page.")
    if not can_edit(user, page):
        reason = "This page is protected: only Editors change it." if page.protected else (
            "You may not edit this page.")
        raise PermissionDenied(reason)
    return page


def _save(form, path, author):
    data = form.cleaned_data
    return save_page(
        path=path, title=data["title"], markdown=data["markdown"], author=author,
        summary=data["summary"], description=data["description"], tags=data["tags"],
        published=data["published"], base_revision=data["base_revision"],
    )


def _conflict(request, context, form, conflict):
    """Show what the other person changed; keep this person's input, now based on theirs."""
    form.keep_after_conflict(conflict)
    context.update(form=form, conflict=conflict)
    if conflict.body_conflict:
        base_text = conflict.base.markdown if conflict.base else ""
        context.update({
            "their_diff": diff_texts(base_text, conflict.theirs.markdown),
            "my_diff": diff_texts(base_text, conflict.mine),
        })
    return render(request, "wiki/edit.html", context, status=409)


def _say_what_happened(request, result):
    if not result.created:
        messages.info(request, "Nothing changed, so nothing was saved.")
    elif result.merged:
        other = result.revision.parent.author if result.revision.parent else None
        who = other.get_username() if other else "someone else"
        messages.success(
            request, f"Your edit was merged with changes made by {who} meanwhile. "
            "Check the page reads as you meant it."
        )
    else:
        messages.success(request, "Saved.")


def _title_from(path):
    return path.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()


def new_page(request):
    """``/wiki/new/``: choose a path and title, then continue in the editor (changes nothing)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = NewPageForm(request.GET if "path" in request.GET else None)
    if form.is_valid():
        url = reverse("wiki:edit", args=[form.cleaned_data["path"]])
        title = form.cleaned_data["title"]
        return redirect(url + (f"?{_query(title=title)}" if title else ""))
    return render(request, "wiki/new.html", {"form": form})


def _query(**params):
    from urllib.parse import urlencode

    return urlencode(params)
