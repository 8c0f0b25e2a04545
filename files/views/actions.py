"""Changes to files: upload (from a form or the editors' fetch), new version, description,
delete, restore, cover. Each is a POST with CSRF and a permission check."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from network_societies.http import redirect_back

from .. import covers, permissions, services
from ..forms import DescriptionForm, UploadForm, VersionForm
from ..models import Upload
from ..services import UploadRefused
from ..usage import uses_of


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def refuse_large_bodies(view):
    """Answer 413 before reading a body far larger than the person's file limit, so a huge
    upload is not first written to a temporary file (the proxy should cut it off earlier)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            limit = services.limits_for(request.user)["max_bytes"] + 64 * 1024
            try:
                length = int(request.headers.get("Content-Length") or 0)
            except ValueError:
                length = 0
            if length > limit:
                error = services.too_big(limit - 64 * 1024)
                if _wants_json(request):
                    return JsonResponse({"error": error.messages[0]}, status=413)
                messages.error(request, error.messages[0])
                return render(request, "files/upload.html", {"form": UploadForm()}, status=413)
        return view(request, *args, **kwargs)

    return wrapper


@login_required
@refuse_large_bodies
def upload(request):
    """The upload form; with ``Accept: application/json`` (the editors), a JSON answer."""
    if not permissions.can_upload(request.user):
        raise PermissionDenied("Your account cannot upload files.")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.ingest(
                    form.cleaned_data["file"], name=form.cleaned_data["file"].name,
                    user=request.user, description=form.cleaned_data["description"],
                )
            except UploadRefused as error:
                form.add_error("file", error)
            else:
                if _wants_json(request):
                    return JsonResponse(upload_json(created), status=201)
                messages.success(request, "Uploaded. Use the markdown below to show it.")
                return redirect(created)
        if _wants_json(request):
            errors = [str(e) for field in form.errors.values() for e in field]
            return JsonResponse({"error": " ".join(errors) or "Upload failed."}, status=400)
    return render(request, "files/upload.html", {"form": form},
                  status=400 if form.errors else 200)


def upload_json(upload):
    version = upload.current_version
    return {
        "id": upload.pk, "name": upload.name, "description": upload.description,
        "is_image": upload.is_image, "url": upload.file_url(),
        "page": upload.get_absolute_url(), "markdown": upload.markdown(),
        "width": version.width, "height": version.height, "size": version.size,
    }


def _changeable(request, pk):
    upload = get_object_or_404(Upload.objects.with_current(), pk=pk)
    if not permissions.can_change(request.user, upload):
        raise PermissionDenied("You cannot change this file.")
    return upload


@require_POST
@login_required
@refuse_large_bodies
def new_version(request, pk):
    upload = _changeable(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.add_version(
                upload, form.cleaned_data["file"], user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except UploadRefused as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Version {version.number} is now the current one.")
    else:
        messages.error(request, "Choose a file to upload as the new version.")
    return redirect(upload)


@require_POST
@login_required
def describe(request, pk):
    upload = _changeable(request, pk)
    form = DescriptionForm(request.POST)
    if form.is_valid():
        services.update_description(upload, form.cleaned_data["description"])
        messages.success(request, "Description saved.")
    else:
        messages.error(request, " ".join(form.errors.get("description", [])))
    return redirect(upload)


@login_required
def delete(request, pk):
    """Confirm, then move to the recycle bin. In use, the confirmation lists where."""
    if not permissions.can_delete(request.user):
        raise PermissionDenied("Only Moderators delete files.")
    upload = get_object_or_404(Upload.objects.live().with_current(), pk=pk)
    if request.method == "POST":
        services.delete(upload, user=request.user)
        messages.success(request, f"“{upload.name}” is in the recycle bin; it can be restored.")
        return redirect("files:recycle_bin")
    return render(request, "files/delete.html", {"upload": upload, "uses": uses_of(upload)})


@require_POST
@login_required
def restore(request, pk):
    if not permissions.can_delete(request.user):
        raise PermissionDenied("Only Moderators restore files.")
    upload = get_object_or_404(Upload, pk=pk, deleted_at__isnull=False)
    services.restore(upload)
    messages.success(request, f"“{upload.name}” is restored.")
    return redirect(upload)


@require_POST
@login_required
@refuse_large_bodies
def set_cover(request, content_type_id, object_id):
    """Upload a cover image for a coverable object, or remove its cover (``remove=1``)."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    entry = covers.coverable_for_content_type(content_type)
    if entry is None:
        raise Http404("That cannot have a cover.")
    target = get_object_or_404(entry.model, pk=object_id)
    if not entry.can_set(request.user):
        raise PermissionDenied("You cannot change this cover.")
    if request.POST.get("remove"):
        services.set_cover(target, None, user=request.user)
        messages.success(request, "Cover image removed.")
        return redirect_back(request, target)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose an image to use as the cover.")
        return redirect_back(request, target)
    try:
        image = services.ingest(
            form.cleaned_data["file"], name=form.cleaned_data["file"].name, user=request.user,
            description=form.cleaned_data["description"] or str(target),
        )
        services.set_cover(target, image, user=request.user)
    except UploadRefused as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Cover image set.")
    return redirect_back(request, target)
