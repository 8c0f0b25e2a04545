"""What a model declares to be searchable: the model side of the search layer.

A model mixes in ``Indexed`` and lists its fields once; the backends decide how to store them
(Wagtail's design). Nothing here knows about Whoosh or PostgreSQL.

    class Page(Indexed, models.Model):
        search_type = "pages"
        search_fields = [
            SearchField("title", boost=4),
            SearchField("tag_names", boost=3),   # attribute or zero-argument method
            SearchField("body_text"),
            FilterField("tag_slugs"),             # str or list of str, exact-match filter
        ]

        @classmethod
        def search_queryset(cls):
            return cls.objects.filter(published=True, deleted_at__isnull=True)
"""

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchField:
    """Text that is matched against a query; ``boost`` weighs a match in this field."""

    name: str
    boost: float = 1.0


@dataclass(frozen=True)
class FilterField:
    """A value (or list of values) results can be narrowed by, such as tags or a scale."""

    name: str


class Indexed:
    """Mixin for models whose rows are found by /search/.

    Only what everyone may read is indexed: ``search_queryset`` must leave out unpublished,
    deleted and hidden rows, so they are never found and never appear in a snippet.
    """

    #: The result type shown and filtered on /search/, registered by its app (search.registry).
    search_type = ""
    #: What one result is called in its label ("category", "thread"); else the verbose name.
    search_kind = ""
    #: True when ``search_homes`` names this model's own objects: a group of hits is shown as
    #: its home (the thread, the concept) when the home is among them.
    search_home = False
    #: How a result mentions this model's other hits in it ({n}: how many, {noun}: the name).
    search_part = "{n} matching {noun}"
    search_fields: list = []

    @classmethod
    def search_homes(cls, pks):
        """{pk: URL of the one result these objects belong to}, for objects shown as part of
        another result (a post in its thread, an article in its concept), and for the homes
        themselves: a search shows one result per home URL. One query at most; objects not in
        the answer are results of their own."""
        return {}

    @classmethod
    def search_queryset(cls):
        return cls._default_manager.all()

    def search_value(self, name):
        value = getattr(self, name)
        return value() if callable(value) else value

    def search_title(self):
        return str(self)


# --- From a model instance to a document the backends store -----------------------------------

# Snippets are highlighted by the backends with these two private-use characters (never HTML),
# then escaped and turned into <mark> by search.snippets. They are stripped from indexed text so
# content can never fake a highlight.
MARK_START = "\ue000"
MARK_END = "\ue001"
WEIGHTS = "ABCD"
_UNWANTED = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xE000, 0xE001])


@dataclass(frozen=True)
class Document:
    """One indexed row, in plain values: what every backend stores and what tests feed them.

    ``texts`` maps a weight ("A" strongest … "D") to the text indexed with it; ``filters`` are
    "name=value" tokens matched exactly.
    """

    model: str
    pk: str
    search_type: str
    title: str
    texts: dict
    filters: tuple = ()

    @property
    def key(self):
        return document_key(self.model, self.pk)

    @property
    def snippet_text(self):
        """Text a snippet is cut from: everything but the title-weight text."""
        parts = [self.texts.get(weight, "") for weight in WEIGHTS[1:]]
        return " · ".join(part for part in parts if part)

    @property
    def digest(self):
        """A fingerprint of the content, so search_check notices a stale entry."""
        payload = json.dumps(
            [self.search_type, self.title, self.texts, sorted(self.filters)], sort_keys=True
        )
        return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


def document_key(model_label, pk):
    return f"{model_label}:{pk}"


def clean_text(value):
    """Plain text from an attribute value: lists are joined, control characters dropped."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(clean_text(item) for item in value if item is not None)
    return str(value).translate(_UNWANTED).strip()


def field_weights(model):
    """Weight letter of each SearchField: the highest boost gets "A", the next "B", and so on.

    Ranking by order rather than by value keeps "title above tags above description above body"
    whatever numbers a model picked.
    """
    fields = [f for f in model.search_fields if isinstance(f, SearchField)]
    boosts = sorted({f.boost for f in fields}, reverse=True)
    letter = {boost: WEIGHTS[min(i, len(WEIGHTS) - 1)] for i, boost in enumerate(boosts)}
    return {f.name: letter[f.boost] for f in fields}


def filter_tokens(name, value):
    values = value if isinstance(value, list | tuple | set | frozenset) else [value]
    return [f"{name}={clean_text(v)}" for v in values if v not in (None, "")]


def document_for(obj):
    """The Document of one model instance (which must be in its ``search_queryset``)."""
    model = type(obj)
    texts = {}
    for name, weight in field_weights(model).items():
        text = clean_text(obj.search_value(name))
        if text:
            texts[weight] = f"{texts[weight]} · {text}" if weight in texts else text
    filters = []
    for field in model.search_fields:
        if isinstance(field, FilterField):
            filters += filter_tokens(field.name, obj.search_value(field.name))
    return Document(
        model=model._meta.label_lower,
        pk=str(obj.pk),
        search_type=model.search_type,
        title=clean_text(obj.search_title()),
        texts=texts,
        filters=tuple(sorted(set(filters))),
    )


def indexed_models():
    """Every installed concrete model that mixes in Indexed, in INSTALLED_APPS order."""
    from django.apps import apps

    return [
        model for model in apps.get_models()
        if issubclass(model, Indexed) and model.search_type and not model._meta.abstract
    ]


def indexed_model(label):
    """The Indexed model for a label such as "wiki.page", or None if it is not (any longer) one."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if issubclass(model, Indexed) and model.search_type else None
