"""The bytes of an upload: current original, a given version, or a thumbnail."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .. import permissions
from ..models import Upload, UploadVersion
from ..serving import serve


def _upload(request, pk):
    upload = get_object_or_404(Upload.objects.select_related("current_version"), pk=pk)
    if not permissions.can_view(request.user, upload) or upload.current_version is None:
        raise Http404("No such file.")
    return upload


@require_safe
def current(request, pk, name):
    upload = _upload(request, pk)
    return serve(request, upload.current_version, filename=upload.name)


@require_safe
def version(request, pk, number, name):
    upload = _upload(request, pk)
    version = get_object_or_404(UploadVersion, upload=upload, number=number)
    return serve(request, version, filename=upload.name, immutable=True)


@require_safe
def thumbnail(request, pk, width, name):
    """The current version's thumbnail of ``width``. Stored HTML may ask for a width an older
    version had: it gets the next larger thumbnail, or the original, never a broken image."""
    upload = _upload(request, pk)
    version = upload.current_version
    if not version.width or width <= 0:
        raise Http404("No thumbnail of that width.")
    available = [w for w in version.thumbnail_widths if w >= width]
    if not available:
        return serve(request, version, filename=upload.name)
    chosen = min(available)
    return serve(
        request, version, filename=upload.name, storage_name=version.thumbnail_name(chosen),
        etag_suffix=f"-w{chosen}",
    )
