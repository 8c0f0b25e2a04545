"""What the API answers, as pydantic schemas: django-ninja turns them into the OpenAPI schema,
and every answer is checked against them (schemathesis checks the same from outside)."""

from datetime import date, datetime

from ninja import Field, Schema


class CategoryRef(Schema):
    name: str
    path: str = Field(description="Slugs from the scale down, joined by /; empty for the root.")
    url: str


class Category(Schema):
    name: str
    slug: str
    path: str = Field(description="Slugs from the scale down, joined by /; empty for the root.")
    kind: str = Field(description="root, scale or category.")
    url: str = Field(description="The category's page on the site.")
    api_url: str
    summary: str
    size_min: int | None = Field(description="Smallest typical size, in people.")
    size_max: int | None = Field(description="Largest typical size, in people.")
    permanence: str | None = Field(description="temporary, permanent or evolving.")
    wiki_page: str | None = Field(description="Path of its wiki article, when set.")
    example_count: int = Field(description="Active examples in it and its sub-categories.")
    retired: bool


class CategoryTree(Category):
    children: list["CategoryTree"]


class CategoryDetail(Category):
    ancestors: list[CategoryRef]
    children: list[Category]
    examples_url: str = Field(description="The API list of its examples (and its descendants').")


class FacetValue(Schema):
    facet: str
    value: str
    key: str = Field(description='"facet-slug:value-slug", as the facet filter takes it.')


class Example(Schema):
    name: str
    slug: str
    url: str = Field(description="The example's page on the site.")
    api_url: str
    summary: str
    status: str = Field(description="active, past or planned.")
    place: str
    website: str
    start_date: date | None
    end_date: date | None
    size: int | None = Field(description="People, roughly.")
    country: str = Field(description='ISO 3166-1 alpha-2 code, or "" when not known.')
    country_name: str
    latitude: float | None
    longitude: float | None
    categories: list[CategoryRef]
    facets: list[FacetValue]
    citation_count: int = Field(description="Sources cited for its facts.")
    wiki_page: str | None
    retired: bool
    updated_at: datetime


class Citation(Schema):
    fact: str = Field(description="What it supports: place, dates, size, status, facets, "
                                  "website.")
    url: str
    title: str
    accessed: date | None
    quote: str


class ExampleDetail(Example):
    description_html: str = Field(description="The description, rendered and sanitised.")
    citations: list[Citation]


class PageSummary(Schema):
    title: str
    path: str
    url: str
    api_url: str
    description: str
    locale: str
    tags: list[str]
    updated_at: datetime


class PageDetail(PageSummary):
    html: str = Field(description="The current revision, rendered and sanitised.")
    markdown: str = Field(description="The current revision's source.")
    revision: int | None


class Thread(Schema):
    id: int
    title: str
    url: str
    api_url: str
    category: CategoryRef = Field(description="The board it was started on.")
    subject_kind: str = Field(description="What it is about: node, example or page.")
    author: str | None
    created_at: datetime
    last_activity_at: datetime
    post_count: int
    pinned: bool
    locked: bool


class Post(Schema):
    number: int
    author: str | None
    created_at: datetime
    edited_at: datetime | None
    html: str | None = Field(description="Sanitised HTML; null when deleted or hidden.")


class SearchHit(Schema):
    title: str
    url: str
    type: str = Field(description="The search type (see the search page's filters).")
    kind: str
    snippet_html: str = Field(description="An extract with the matching words in <mark>.")


class SearchPage(Schema):
    query: str
    messages: list[str] = Field(description="What in the query was ignored, and why.")
    count: int
    page: int
    pages: int
    previous: str | None
    next: str | None
    results: list[SearchHit]


class Error(Schema):
    detail: str
