"""What the wiki tells the files app: the pages whose current text shows or links an upload."""

from files.references import reference_fragment
from files.usage import LIMIT, Use, register

from .models import Page, Revision


def _pages(upload):
    return Page.objects.live().filter(
        current_revision__markdown__contains=reference_fragment(upload.pk)
    )


def pages_using(upload):
    pages = _pages(upload).only("path", "title")[:LIMIT]
    return [Use("Page", page.title, page.get_absolute_url()) for page in pages]


def refresh_pages(upload):
    """The stored HTML is a cache: renderer version 0 has the markup task render it again."""
    Revision.objects.filter(pk__in=_pages(upload).values("current_revision")).update(
        renderer_version=0
    )


register(pages_using, refresh=refresh_pages)
