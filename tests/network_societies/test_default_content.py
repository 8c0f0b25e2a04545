"""`manage.py load_default_content` is safe to run on every `make run`."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_twice_creates_nothing_twice():
    out = StringIO()
    call_command("load_default_content", stdout=out)
    first = row_counts()
    call_command("load_default_content", stdout=out)
    assert row_counts() == first
    assert "Default content is in place." in out.getvalue()
