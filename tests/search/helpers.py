"""Plain documents for backend tests, without any model."""

from search.index import Document


def doc(pk, title, body="", *, model="test.thing", search_type="pages", tags="",
        description="", filters=()):
    texts = {w: t for w, t in zip("ABCD", [title, tags, description, body], strict=True) if t}
    return Document(
        model=model, pk=str(pk), search_type=search_type, title=title, texts=texts,
        filters=tuple(filters),
    )
