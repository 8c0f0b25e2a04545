"""Page actions: watch, move, delete into the recycle bin, restore, protect.

Every change is a POST, CSRF-protected, with a permission check; move and delete show a
confirmation form on GET.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import is_moderator
from network_societies.http import redirect_back

from ..editing import delete_page, move_page, protect_page, restore_page
from ..forms import MoveForm
from ..models import Page, Watch
from ..permissions import can_delete, can_move, can_protect, can_restore, can_watch
from . import breadcrumbs, page_for


@require_POST
@login_required
def watch(request, path):
    """Start (``watch=on``) or stop watching a page."""
    page = page_for(request, path, check=can_watch)
    if request.POST.get("watch") == "on":
        Watch.objects.get_or_create(user=request.user, page=page)
        messages.success(request, "You will be notified when this page changes.")
    else:
        Watch.objects.filter(user=request.user, page=page).delete()
        messages.info(request, f"You no longer watch “{page.title}”.")
    return redirect_back(request, page)


@login_required
def move(request, path):
    page = page_for(request, path, check=can_move)
    form = MoveForm(request.POST or None, page=page, initial={"new_path": page.path})
    if request.method == "POST" and form.is_valid():
        try:
            page = move_page(page, form.cleaned_data["new_path"], by=request.user)
        except ValidationError as error:
            form.add_error("new_path", error)
        else:
            messages.success(request, f"Moved. /{path} now redirects here.")
            return redirect(page.get_absolute_url())
    context = {"page": page, "form": form, "crumbs": _crumbs(page)}
    return render(request, "wiki/move.html", context, status=400 if form.errors else 200)


@login_required
def delete(request, path):
    page = page_for(request, path, check=can_delete)
    if request.method == "POST":
        delete_page(page, by=request.user)
        messages.success(request, f"“{page.title}” is in the recycle bin; it can be restored.")
        return redirect("wiki:recycle_bin")
    return render(request, "wiki/delete.html", {"page": page, "crumbs": _crumbs(page)})


@require_POST
@login_required
def restore(request, path):
    page = page_for(request, path, check=can_restore)
    restore_page(page, by=request.user)
    messages.success(request, f"“{page.title}” is restored.")
    return redirect(page.get_absolute_url())


@require_POST
@login_required
def protect(request, path):
    """Protect (``protect=on``) or unprotect a page."""
    page = page_for(request, path, check=can_protect)
    protected = request.POST.get("protect") == "on"
    protect_page(page, protected, by=request.user)
    messages.success(request, "Protected: only Editors can change it now." if protected
                     else "Unprotected: anyone signed in can edit it.")
    return redirect(page.get_absolute_url())


@login_required
def recycle_bin(request):
    """``/wiki/recycle-bin/``: deleted pages, for Moderators to restore."""
    if not is_moderator(request.user):
        raise PermissionDenied("Only Moderators see the recycle bin.")
    pages = (
        Page.objects.filter(deleted_at__isnull=False).select_related("deleted_by")
        .order_by("-deleted_at").only("path", "title", "deleted_at", "deleted_by__username")
    )
    page_obj = Paginator(pages, 50).get_page(request.GET.get("page"))
    return render(request, "wiki/recycle_bin.html", {"page_obj": page_obj})


def _crumbs(page):
    return breadcrumbs(page.path) + [(page.title, page.get_absolute_url())]
