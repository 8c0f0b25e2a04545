"""/api/search/: the site search (search.results), with the search page's query syntax."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from search import registry
from search.backends import SearchUnavailable
from search.results import RESULTS_PER_PAGE, search_site

from .pagination import MAX_PAGE, page_of
from .schemas import Error, SearchPage

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200,
                   description='Words (all must match), "a phrase", -word to leave out, OR.')
    type: str | None = Field(None, max_length=40, description="A search type, e.g. page, example, "
                                                              "forum.")
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get("/search/", response={200: SearchPage, 400: Error, 503: Error}, url_name="search",
            summary="Search the whole site")
def search(request, params: Query[SearchParams]):
    """Twenty results a page, the best first; ``messages`` says what in the query was ignored."""
    types = {t.name for t in registry.types()}
    if params.type and params.type not in types:
        raise HttpError(400, f"Unknown type; one of: {', '.join(sorted(types))}.")
    try:
        outcome = search_site(params.q, search_type=params.type or "", page_number=params.page)
    except SearchUnavailable as error:
        raise HttpError(503, "Search is unavailable for a moment; try again.") from error
    results, total, number = [], 0, 1
    if outcome.page is not None:
        total, number = outcome.page.paginator.count, outcome.page.number
        results = [
            {"title": r.title, "url": request.build_absolute_uri(r.url), "type": r.search_type,
             "kind": str(r.kind), "snippet_html": str(r.snippet)}
            for r in outcome.page.object_list
        ]
    return {"query": params.q, "messages": list(outcome.messages),
            **page_of(request, results, total, number, RESULTS_PER_PAGE)}
