"""Refuse a request whose path carries a NUL byte, with a 400.

No page, slug or username has one; PostgreSQL cannot even compare text containing one (a lookup
fails with a DataError, a server error), and views should not each have to check. Query strings
are left to forms, which refuse NUL bytes with a message (ProhibitNullCharactersValidator), as
the search page does.
"""

from django.core.exceptions import BadRequest


def reject_nul_bytes(get_response):
    def middleware(request):
        if "\x00" in request.path:
            raise BadRequest("A NUL byte in the address.")
        return get_response(request)

    return middleware
