"""System checks: the site's copy of mermaid is present (``manage.py fetch_mermaid``); a model
that declares stored markup (``StoredMarkup.markup_fields``) names fields it has, so a typo is
reported by ``manage.py check``, not by the first save or re-render."""

from django.core.checks import Error, Warning, register
from django.core.exceptions import FieldDoesNotExist

from .vendor import mermaid_present


@register()
def markup_fields_exist(app_configs, **kwargs):
    from .rerender import markup_models

    errors = []
    for model in markup_models():
        for name in model.markup_fields:
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                errors.append(Error(
                    f"{model._meta.label}.markup_fields names {name!r}, which is not a field.",
                    hint="markup_fields is (source field, HTML field, renderer version field).",
                    obj=model, id="markup.E001",
                ))
    return errors


@register()
def mermaid_copy(app_configs, **kwargs):
    if mermaid_present():
        return []
    return [Warning(
        "The site's copy of mermaid is missing: mermaid diagrams show as source.",
        hint="Run `python manage.py fetch_mermaid` (needs npm), or `make install`.",
        id="markup.W001",
    )]
