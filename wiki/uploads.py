"""What the wiki tells the files app: the pages whose current text shows or links an upload."""

from files.references import reference_fragment
from files.usage import LIMIT, Use, register

from .models import Page


def pages_using(upload):
    pages = (
        Page.objects.live()
        .filter(current_revision__markdown__contains=reference_fragment(upload.pk))
        .only("path", "title")[:LIMIT]
    )
    return [Use("Page", page.title, page.get_absolute_url()) for page in pages]


register(pages_using)
