"""Browsing files: the list with search, a file's page, and the recycle bin."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.roles import is_moderator

from .. import app_settings, permissions
from ..forms import DescriptionForm, SearchForm, VersionForm
from ..models import Upload
from ..usage import uses_of


@require_safe
def file_list(request):
    form = SearchForm(request.GET or None)
    uploads = Upload.objects.live().with_current()
    query = kind = ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        for word in query.split()[:10]:
            uploads = uploads.filter(Q(name__icontains=word) | Q(description__icontains=word))
        if kind:
            uploads = uploads.filter(is_image=kind == "images")
    page_obj = Paginator(uploads, app_settings.get("FILES_PER_PAGE")).get_page(
        request.GET.get("page")
    )
    return render(request, "files/list.html", {
        "form": form, "page_obj": page_obj, "query": query,
        "pagination_query": urlencode({k: v for k, v in (("q", query), ("kind", kind)) if v}),
        "can_upload": permissions.can_upload(request.user),
    })


@require_safe
def detail(request, pk):
    upload = get_object_or_404(
        Upload.objects.with_current().select_related("deleted_by"), pk=pk
    )
    if not permissions.can_view(request.user, upload):
        raise Http404("No such file.")
    versions = upload.versions.select_related("uploaded_by").order_by("-number")
    can_change = permissions.can_change(request.user, upload)
    return render(request, "files/detail.html", {
        "upload": upload, "version": upload.current_version, "versions": versions,
        "uses": uses_of(upload),
        "can_change": can_change,
        "can_delete": permissions.can_delete(request.user),
        "version_form": VersionForm() if can_change else None,
        "description_form": (
            DescriptionForm(initial={"description": upload.description}) if can_change else None
        ),
    })


@require_safe
def recycle_bin(request):
    if not is_moderator(request.user):
        raise Http404("Only Moderators see the recycle bin.")
    uploads = (
        Upload.objects.filter(deleted_at__isnull=False).with_current()
        .select_related("deleted_by").order_by("-deleted_at")
    )
    page_obj = Paginator(uploads, app_settings.get("FILES_PER_PAGE")).get_page(
        request.GET.get("page")
    )
    return render(request, "files/recycle_bin.html", {"page_obj": page_obj})
