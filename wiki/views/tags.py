"""Tags: the index of all tags with page counts, and the pages of one tag or several combined.

Several tags combine in the URL with "+" (``/tags/pop-ups+hubs/``) and narrow the list to pages
that have all of them. A tag typed any other way (``/tags/Pop Ups/``, ``/tags/Économie/``)
redirects to its canonical slug, so spaces, case and accents never break a link.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render

from wiki.models import Tag, normalise_tag
from wiki.permissions import readable_pages

PAGES_PER_PAGE = 30
MAX_COMBINED_TAGS = 6


def tag_index(request):
    readable = readable_pages(request.user).values("pk")
    tags = (
        Tag.objects.annotate(page_count=Count("pages", filter=Q(pages__in=readable)))
        .filter(page_count__gt=0)
        .order_by("name")
    )
    return render(request, "wiki/tags/index.html", {"tags": tags})


def tag_pages(request, slugs):
    wanted = _canonical_slugs(slugs)
    if "+".join(wanted) != slugs:
        return redirect("wiki:tag_pages", slugs="+".join(wanted), permanent=True)
    tags = list(Tag.objects.filter(slug__in=wanted))
    if len(tags) != len(wanted):
        raise Http404("No such tag.")
    tags.sort(key=lambda tag: wanted.index(tag.slug))

    pages = readable_pages(request.user)
    for tag in tags:
        pages = pages.filter(tags=tag)
    page_obj = Paginator(
        pages.select_related("current_revision__author").prefetch_related("tags").defer(
            "current_revision__markdown", "current_revision__html"
        ).order_by("title", "path"),
        PAGES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(request, "wiki/tags/pages.html", {
        "tags": [{"tag": tag, "without": _without(wanted, tag.slug)} for tag in tags],
        "page_obj": page_obj,
        "related": _related_tags(pages, wanted) if len(wanted) < MAX_COMBINED_TAGS else [],
        "wanted": "+".join(wanted),
    })


def _canonical_slugs(slugs):
    """Slugs from the URL, normalised, without repeats; Http404 when one is not a tag at all."""
    wanted = []
    for part in slugs.split("+"):
        try:
            _, slug = normalise_tag(part)
        except ValidationError:
            raise Http404("Not a tag.") from None
        if slug not in wanted:
            wanted.append(slug)
    if len(wanted) > MAX_COMBINED_TAGS:
        raise Http404(f"Combine at most {MAX_COMBINED_TAGS} tags.")
    return wanted


def _without(wanted, slug):
    """The URL slugs with ``slug`` taken out, or "" when it was the only one."""
    return "+".join(s for s in wanted if s != slug)


def _related_tags(pages, wanted):
    """Other tags of the listed pages, with how many of them each would leave: one query."""
    return (
        Tag.objects.filter(pages__in=pages.values("pk"))
        .exclude(slug__in=wanted)
        .annotate(page_count=Count("pages"))
        .order_by("-page_count", "name")[:30]
    )
