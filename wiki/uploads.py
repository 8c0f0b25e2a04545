"""What the wiki tells the files app: the pages whose current text shows or links an upload.

A page written here names an upload by its URL (``/files/42/...``) in its text; an imported
page names it by the path it had in Wiki.js, which only its rendered HTML turns into the URL,
so both are looked in.
"""

from django.db.models import Q

from files.references import reference_fragment
from files.usage import LIMIT, Use, register

from .models import Page, Revision


def _pages(upload):
    fragment = reference_fragment(upload.pk)
    return Page.objects.live().filter(
        Q(current_revision__markdown__contains=fragment)
        | Q(current_revision__html__contains=fragment)
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
