"""The API against its own OpenAPI schema, from outside: schemathesis generates requests from the
schema (valid and invalid parameters) and checks every answer: never a server error, and always
the body the schema describes. A bounded number of examples per operation keeps it to seconds,
so it runs with the rest of the suite in `make test` and in CI.

The operations are walked in one test (not schemathesis's pytest plugin, whose lazy fixture
loader reaches into pytest internals that pytest 9 no longer has), so the sample content is
made once.
"""

from contextlib import contextmanager

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from .data import sample_content

EXAMPLES_PER_OPERATION = 20


@contextmanager
def connection_kept():
    """As Django's test client does: a request must not close the database connection at its
    end, which holds the test's transaction (on PostgreSQL it would, CONN_MAX_AGE being 0)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_answers_as_its_schema_says(db, settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    unlimited = {"default": "100000/600", "new_account": "100000/600"}
    settings.NS_RATE_LIMITS = {**settings.NS_RATE_LIMITS, "api": unlimited}
    sample_content()
    with connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 10
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
                                 database=None, suppress_health_check=list(HealthCheck))
            def answers_as_documented(case):
                case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

            answers_as_documented()
