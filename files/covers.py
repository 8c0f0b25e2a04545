"""Cover images: models register as coverable (examples, categories), with who may set one.

    from files import covers
    covers.register(Example, kind="Example", can_set=taxonomy.permissions.can_edit)

Templates show a cover with ``{% load files %}{% cover_for example as cover %}``; the form to set
one posts to ``files:cover`` with the object's content type and id.
"""

from dataclasses import dataclass

from .models import Cover

_registry = {}


@dataclass(frozen=True)
class Coverable:
    model: type
    kind: str
    can_set: object  # can_set(user) -> bool


def register(model, *, kind, can_set):
    _registry[model._meta.label_lower] = Coverable(model, kind, can_set)


def coverable(model):
    return _registry.get(model._meta.label_lower)


def coverable_for_content_type(content_type):
    model = content_type.model_class()
    return coverable(model) if model is not None else None


def cover_of(obj):
    """The live cover upload of ``obj`` or None: one query."""
    meta = obj._meta
    cover = (
        Cover.objects.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name,
            object_id=obj.pk, upload__deleted_at__isnull=True,
        ).select_related("upload__current_version").first()
    )
    return cover.upload if cover else None


def cover_uses(upload):
    from .usage import Use

    uses = []
    rows = Cover.objects.filter(upload=upload).select_related("content_type")
    for cover in rows.prefetch_related("target")[:50]:
        entry = coverable_for_content_type(cover.content_type)
        target = cover.target
        if entry is None or target is None:
            continue
        uses.append(Use(f"{entry.kind} cover", str(target), target.get_absolute_url()))
    return uses
