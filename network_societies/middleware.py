"""Refuse a request whose path or query string carries a NUL byte, with a 400.

No page, slug or search has one; PostgreSQL cannot even compare text containing one (a lookup
fails with a DataError, a server error), and views should not each have to check. Form fields
already refuse NUL bytes in POSTed text (Django's ProhibitNullCharactersValidator).
"""

from urllib.parse import unquote

from django.core.exceptions import BadRequest


def reject_nul_bytes(get_response):
    def middleware(request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            raise BadRequest("A NUL byte in the address.")
        return get_response(request)

    return middleware
