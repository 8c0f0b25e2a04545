"""Searching the site: run a query on the configured backend and turn its hits into results
people may see, with a bounded number of SQL queries whatever the number of results.

One result per thing: hits that belong to one home (a thread's posts, a concept's article, see
``Indexed.search_homes``) are one result, shown as the home when it matched too, with the best
hit's snippet and how many others matched. The backend ranks a bounded set of candidates and
snippets only what a page shows, so a page costs about the same for a rare and a common word;
counts past what was ranked are estimates and say so ("about 3,400 results").

Hits are checked against the database: objects are fetched from their model's
``search_queryset()`` (one query per model), so an index that lags behind the database can
never show something unpublished, deleted or hidden.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from . import registry
from .backends import get_backend
from .index import SearchField, indexed_model, indexed_models
from .query import parse_query
from .snippets import render_snippet
from .vocabulary import MIN_WORD

RESULTS_PER_PAGE = 20
#: Hits ranked for a results page: three pages' worth, so grouping still fills the first one;
#: a later page asks for three times its depth.
CANDIDATES = 60
MAX_CANDIDATES = 2_000
#: Fewer results than this and the page offers "Did you mean …" when the vocabulary knows better.
FEW_RESULTS = 3
SUGGESTIONS = 8


@dataclass
class Result:
    object: object
    title: str
    url: str
    search_type: str
    kind: str  # "page", "category", "thread", ...
    snippet: str  # safe HTML
    extra_template: str = ""  # the type's result_template (search.registry)
    also: list = field(default_factory=list)  # ["3 matching posts"]


@dataclass
class Outcome:
    query: object  # search.query.Query
    page: Page | None  # results in page.object_list; None when there was nothing to search
    messages: list
    #: How many results, and whether that is an estimate ("about N").
    count: int = 0
    estimated: bool = False
    #: "Did you mean …": a corrected search text that finds results, or "".
    correction: str = ""


def search_site(text, *, search_type="", filters=None, page_number=1):
    """Search everything searchable; ``page`` holds Results, ``messages`` what was ignored.

    ``filters`` maps a registered filter's ``param`` to the value results must have."""
    query = parse_query(text)
    if not query:
        return Outcome(query, None, query.messages)
    filters = [
        f"{registry.get_filter(param).field}={value}"
        for param, value in (filters or {}).items() if value and registry.get_filter(param)
    ]
    types = [search_type] if search_type else []
    backend = get_backend()
    number = max(page_number, 1)
    limit = min(max(CANDIDATES, 3 * number * RESULTS_PER_PAGE), MAX_CANDIDATES)
    found = backend.candidates(query, types=types, filters=filters, limit=limit)
    groups = group_hits(found.hits)
    complete = not found.estimated and found.total <= len(found.hits)
    if complete:
        count, estimated = len(groups), False
    else:  # as many results per hit as among the candidates
        count = max(len(groups), round(found.total * len(groups) / max(len(found.hits), 1)))
        estimated = True
    paginator = Paginator(range(len(groups)), RESULTS_PER_PAGE)
    number = min(number, paginator.num_pages)
    shown = groups[(number - 1) * RESULTS_PER_PAGE:number * RESULTS_PER_PAGE]
    outcome = Outcome(
        query, Page(results_for_groups(query, shown), number, paginator), query.messages,
        count=count, estimated=estimated,
    )
    if count < FEW_RESULTS and not (count and len(query.words) == 1):  # a found word is known
        outcome.correction = did_you_mean(query, types=types, filters=filters)
    return outcome


def group_hits(hits):
    """[[hit, …], …]: hits of one home together, groups in the order of their best hit. One
    query per model among the hits."""
    pks_by_model = defaultdict(list)
    for hit in hits:
        pks_by_model[hit.model].append(hit.pk)
    homes = {}
    for label, pks in pks_by_model.items():
        model = indexed_model(label)
        if model is not None:
            for pk, url in model.search_homes(pks).items():
                homes[(label, str(pk))] = url
    groups = {}
    for hit in hits:
        groups.setdefault(homes.get((hit.model, hit.pk), hit.key), []).append(hit)
    return list(groups.values())


def results_for_groups(query, groups):
    """One Result per group: the home when it matched, else the best hit; the snippet of the
    best hit that is not the home (a thread's best post), else the home's own."""
    chosen = []
    for members in groups:
        homes = [hit for hit in members if _is_home(hit)]
        shown = homes[0] if homes else members[0]
        # What matched inside the result: "3 matching posts" counts the best post shown too.
        parts = [hit for hit in members if hit is not shown or not homes]
        parts = parts if len(parts) > 1 or homes else []
        quoted = next((hit for hit in members if hit is not shown), shown) if homes else shown
        chosen.append((shown, quoted, parts))
    snippets = get_backend().snippets(query, list({quoted.key for _, quoted, _ in chosen}))
    objects = objects_for([hit for shown, quoted, _ in chosen for hit in (shown, quoted)])
    results = []
    for shown, quoted, parts in chosen:
        obj = objects.get(shown.key) or objects.get(quoted.key)
        if obj is None:
            continue  # no longer searchable; the outbox will remove it from the index
        results.append(Result(
            object=obj, title=obj.search_title(), url=obj.get_absolute_url(),
            search_type=obj.search_type, kind=_kind(obj),
            snippet=render_snippet(snippets.get(quoted.key, "")),
            extra_template=registry.get_type(obj.search_type).result_template,
            also=_parts(parts),
        ))
    return results


def _is_home(hit):
    model = indexed_model(hit.model)
    return model is not None and model.search_home


def _kind(obj):
    return obj.search_kind or obj._meta.verbose_name


def _parts(parts):
    """["3 matching posts"]: what else matched inside a result, by model."""
    notes = []
    for label, n in Counter(hit.model for hit in parts).items():
        model = indexed_model(label)
        if model is None:
            continue
        noun = model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural
        notes.append(model.search_part.format(n=n, noun=noun))
    return notes


def objects_for(hits):
    """{hit key: object} for the hits still searchable: one query per model, none per hit."""
    pks_by_model = defaultdict(set)
    for hit in hits:
        pks_by_model[hit.model].add(hit.pk)
    objects = {}
    for label, pks in pks_by_model.items():
        model = indexed_model(label)
        if model is None:
            continue
        for obj in model.search_queryset().filter(pk__in=pks):
            objects[f"{label}:{obj.pk}"] = obj
    return objects


# --- Typo tolerance ----------------------------------------------------------------------------


def did_you_mean(query, *, types=(), filters=()):
    """The search text with unknown words replaced by the closest words of the index's
    vocabulary, if that finds something; else ""."""
    backend = get_backend()
    changed = False

    def corrected(words):
        nonlocal changed
        fixed = []
        for word in words:
            better = _correction(backend, word)
            changed |= better != word
            fixed.append(better)
        return tuple(fixed)

    groups = [[corrected(term) for term in group] for group in query.groups]
    if not changed:
        return ""
    text = query_text(groups, query.excluded)
    found = backend.candidates(parse_query(text), types=types, filters=filters, limit=1)
    return text if found.total else ""


def _correction(backend, word):
    """``word``, or the vocabulary's closest word when ``word`` alone finds nothing."""
    if len(word) < MIN_WORD or word.isdigit():
        return word
    if backend.candidates(parse_query(word), limit=1).total:
        return word
    return next(iter(backend.corrections(word, limit=1)), word)


def query_text(groups, excluded=()):
    """Search text for parsed terms: the inverse of search.query.parse_query."""
    def term(words):
        return words[0] if len(words) == 1 else '"' + " ".join(words) + '"'

    parts = [" OR ".join(term(t) for t in group) for group in groups]
    parts += ["-" + term(t) for t in excluded]
    return " ".join(parts)


# --- The header's suggestions ------------------------------------------------------------------


def suggest_titles(text, limit=SUGGESTIONS):
    """Titles of suggestible types containing ``text`` (or, when none does, ``text`` with a typo
    corrected), for the header's search box: [{"title", "label", "kind", "detail", "url",
    "type", "corrected"}].

    Nothing that looks the same twice: an article and its concept are one suggestion (the
    concept), each says what it is, and equal titles of one kind also say where they are."""
    text = " ".join(text.replace("\x00", "").split())[:100]
    if len(text) < 2:
        return []
    found = _titles_containing(text, limit)
    if not found:
        fixed = " ".join(
            next(iter(get_backend().corrections(word, limit=1)), word)
            if len(word) >= MIN_WORD else word
            for word in text.lower().split()
        )
        if fixed != text.lower():
            found = [{**item, "corrected": True} for item in _titles_containing(fixed, limit)]
    return _distinct(found)[:limit]


def _titles_containing(text, limit):
    suggestible = {t.name for t in registry.types() if t.suggest}
    found = []
    for model in indexed_models():
        if model.search_type not in suggestible or len(found) >= limit:
            continue
        name = title_field(model)
        rows = list(
            model.search_queryset().filter(**{f"{name}__icontains": text})
            .order_by(name)[: limit - len(found)]
        )
        homes = model.search_homes([str(obj.pk) for obj in rows])
        for obj in rows:
            url = obj.get_absolute_url()
            found.append({
                "title": obj.search_title(), "url": url, "type": model.search_type,
                "kind": _kind(obj).capitalize(), "home": homes.get(str(obj.pk), url),
            })
    return found


def _distinct(found):
    by_home = {}
    for item in found:  # a home (the concept) wins over what belongs to it (its article)
        seen = by_home.get(item["home"])
        if seen is None or (seen["url"] != seen["home"] and item["url"] == item["home"]):
            by_home[item["home"]] = item
    # A to Z; among equal titles a concept (its own home) before a page.
    items = sorted(by_home.values(), key=lambda i: (i["title"].casefold(), i["url"] != i["home"],
                                                    i["kind"] != "Category"))
    shared = Counter(item["title"].casefold() for item in items)
    same_kind = Counter((item["title"].casefold(), item["kind"]) for item in items)
    suggestions = []
    for item in items:
        label, detail = item["title"], ""
        if shared[label.casefold()] > 1:
            label += f" ({item['kind'].lower()}"
            if same_kind[(item["title"].casefold(), item["kind"])] > 1:
                detail = item["url"]
                label += f", {detail}"
            label += ")"
        suggestions.append({
            "title": item["title"], "label": label, "kind": item["kind"], "detail": detail,
            "url": item["home"], "type": item["type"],
            "corrected": item.get("corrected", False),
        })
    return suggestions


def title_field(model):
    """The model's most boosted search field (its title or name)."""
    fields = [f for f in model.search_fields if isinstance(f, SearchField)]
    return max(fields, key=lambda f: f.boost).name


def about(count):
    """A round number for an estimated count: 3,417 → 3,400."""
    if count < 100:
        return count
    digits = 10 ** (int(math.log10(count)) - 1)
    return round(count / digits) * digits
