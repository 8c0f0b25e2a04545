"""What other apps contribute to the taxonomy's pages, registered in their ``AppConfig.ready()``:
sections of a concept page and counts shown beside each node.

The taxonomy never imports its neighbours: the forum puts its threads on the Discussion tab and
its thread counts beside nodes through here, and a proposals app can add its cards the same way.

- ``register_section(Section(...))``: ``build(request, concept)`` returns a dict (or None to
  show nothing) that ``template`` reads as ``section`` (``{{ section.cards }}``); it may name
  another ``template`` and a ``stylesheet`` (a static path) the page should load. Sections of a
  tab are shown in ``order`` (the forum's threads are ``discussion`` at 10), e.g.::

      register_section(Section(key="proposals", tab="discussion", order=20,
                               template="proposals/includes/cards.html", build=cards_for))

  ``concept`` is a ``TaxonomyNode`` or an ``Example``; ``build`` runs a fixed number of queries.
  A section's dict may carry ``suggest_url``: the page's "suggest an example" link then goes
  there (the proposals' add-example form) rather than to a new discussion.
- ``register_node_count(name, expression)``: ``expression()`` returns a query expression (a
  correlated subquery on the node row) that ``TaxonomyNode.objects.with_counts()`` annotates as
  ``name``, so every node list gets the count in its one query.
"""

from collections.abc import Callable
from dataclasses import dataclass

TABS = ("article", "examples", "discussion", "history")

_sections = {}
_node_counts = {}


@dataclass(frozen=True)
class Section:
    key: str
    tab: str
    template: str
    build: Callable
    order: int = 100

    def __post_init__(self):
        if self.tab not in TABS:
            raise ValueError(f"A concept page has no tab {self.tab!r}; it has {', '.join(TABS)}.")


def register_section(section):
    _sections[section.key] = section


def sections(tab):
    return sorted((s for s in _sections.values() if s.tab == tab), key=lambda s: (s.order, s.key))


def build_sections(request, concept):
    """{tab: [(section, context)]} for the concept page; a section whose build returns None is
    left out."""
    built = {tab: [] for tab in TABS}
    for tab in TABS:
        for section in sections(tab):
            context = section.build(request, concept)
            if context is not None:
                built[tab].append({"template": section.template, "key": section.key, **context})
    return built


def register_node_count(name, expression):
    _node_counts[name] = expression


def node_counts():
    """{name: expression} to annotate on a node queryset."""
    return {name: build() for name, build in _node_counts.items()}
