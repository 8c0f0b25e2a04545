"""The default taxonomy, as the founding page (/network-societies) lays it out by scale.

Summaries and descriptions are the page's own words. Sizes are typical ranges in people: the page
gives ~150 for a pop-up village and "much larger" for nations; the rest are reasonable estimates
that editors refine. Loading is idempotent: a node or example that exists (or was moved or renamed:
its old path redirects) is left exactly as people changed it.
"""

from . import editing, facets
from .models import Example, Facet, FacetValue, NodeRedirect, Permanence, Status, TaxonomyNode

ROOT = {
    "name": "Network societies",
    "slug": "network-societies",
    "summary": (
        "Decentralized, digitally-native communities bound by shared values, protocols, and "
        "governance systems rather than geographic borders."
    ),
    "description": (
        "There is emerging a logical taxonomy of network-societies organized by scale; pop-up "
        "villages on one end are ~150 people while nations are obviously much larger.\n\n"
        "These classifications are mostly hypothetical and evolving. Please contribute your "
        "insights and discuss them here."
    ),
    "page_path": "network-societies",
    "size_min": 10,
    "size_max": 300_000_000,
    "permanence": Permanence.EVOLVING,
}

# (path, fields); a parent always comes before its children.
NODES = [
    (
        "small",
        {
            "name": "Small",
            "order": 10,
            "size_min": 10,
            "size_max": 1_000,
            "summary": "Pop-up villages of ~150 people, and hubs.",
            "description": "Pop-up villages on one end are ~150 people.",
        },
    ),
    (
        "small/pop-up-villages",
        {
            "name": "Pop-up villages",
            "order": 10,
            "size_min": 50,
            "size_max": 300,
            "permanence": Permanence.TEMPORARY,
            "page_path": "network-societies/pop-ups",
            "summary": "Temporary villages/towns/cities for incubating novel social technologies.",
            "description": (
                "Temporary villages/towns/cities for incubating novel social technologies, of "
                "~150 people."
            ),
        },
    ),
    (
        "small/hubs",
        {
            "name": "Hubs",
            "order": 20,
            "size_min": 10,
            "size_max": 500,
            "permanence": Permanence.PERMANENT,
            "page_path": "network-societies/hubs",
            "summary": "More permanent settlements.",
            "description": "More permanent settlements.",
        },
    ),
    (
        "medium",
        {
            "name": "Medium",
            "order": 20,
            "size_min": 300,
            "size_max": 100_000,
            "summary": "Pop-up cities, startup cities and intentional communities.",
        },
    ),
    (
        "medium/pop-up-cities",
        {
            "name": "Pop-up cities",
            "order": 10,
            "size_min": 300,
            "size_max": 5_000,
            "permanence": Permanence.TEMPORARY,
            "summary": "Multiple villages gathering as neighbors.",
            "description": (
                "- Multiple villages gathering as neighbors\n"
                "- Cross-coordination between communities\n"
                "- Shared resources and learning"
            ),
        },
    ),
    (
        "medium/startup-cities",
        {
            "name": "Startup cities",
            "order": 20,
            "size_min": 1_000,
            "size_max": 100_000,
            "permanence": Permanence.PERMANENT,
            "summary": "Cities founded from a tech-startup, venture capital frame of reference.",
            "description": (
                "These are cities founded from a tech-startup, venture capital frame of reference. "
                "While they aim to increase human agency in some ways, it is in the context of "
                "allowing novel economic experiments and pathways for profit. "
                'Often they are set in "special economic zones" allowing more experimental '
                "frameworks for pursuing things like medicine that may not fit in the legal "
                "framework of existing cities/states."
            ),
        },
    ),
    (
        "medium/intentional-communities",
        {
            "name": "Intentional communities",
            "order": 30,
            "size_min": 20,
            "size_max": 2_000,
            "permanence": Permanence.PERMANENT,
            "page_path": "network-societies/ic",
            "summary": (
                "Share many of the communal, decentralized values of other network-societies."
            ),
            "description": (
                "These are their own category outside of the specific scope of this wiki, "
                "but share many of the communal, decentralized values of other network-societies."
            ),
        },
    ),
    (
        "large",
        {
            "name": "Large",
            "order": 30,
            "size_min": 1_000,
            "size_max": 300_000_000,
            "summary": "Archipelagos, confederacies, network states and nations.",
            "description": (
                "- Networks of aligned communities\n"
                "- Shared manifestos/social contracts\n"
                "- Decentralized governance\n"
                "- May evolve from temporary to permanent communities\n"
                "- Multi-generational communities\n"
                "- May innovate as charter cities"
            ),
        },
    ),
    (
        "large/archipelagos",
        {
            "name": "Archipelagos",
            "order": 10,
            "size_min": 1_000,
            "size_max": 50_000,
            "permanence": Permanence.EVOLVING,
            "summary": "Networks of aligned communities.",
            "description": (
                "Networks of aligned communities that may evolve from temporary to permanent "
                "communities."
            ),
        },
    ),
    (
        "large/confederacies",
        {
            "name": "Confederacies",
            "order": 20,
            "size_min": 10_000,
            "size_max": 1_000_000,
            "permanence": Permanence.EVOLVING,
            "summary": "Shared manifestos/social contracts and decentralized governance.",
            "description": "Shared manifestos/social contracts and decentralized governance.",
        },
    ),
    (
        "large/network-states",
        {
            "name": "Network states",
            "order": 30,
            "size_min": 10_000,
            "size_max": 10_000_000,
            "permanence": Permanence.EVOLVING,
            "summary": "Multi-generational communities that may innovate as charter cities.",
            "description": (
                "Multi-generational communities with shared manifestos/social contracts; they may "
                "innovate as charter cities."
            ),
        },
    ),
    (
        "large/nations",
        {
            "name": "Nations",
            "order": 40,
            "size_min": 1_000_000,
            "size_max": 300_000_000,
            "permanence": Permanence.PERMANENT,
            "summary": "Nations are obviously much larger.",
            "description": (
                "Pop-up villages on one end are ~150 people while nations are obviously much "
                "larger."
            ),
        },
    ),
]

EXAMPLES = [
    {
        "slug": "chiang-mai-archipelago-2024",
        "name": "Chiang Mai Archipelago 2024",
        "summary": "A pop-up archipelago in Chiang Mai, Thailand, in 2024.",
        "place": "Chiang Mai, Thailand",
        "country": "TH",
        "latitude": 18.79038,  # the city's, from the gazetteer
        "longitude": 98.98468,
        "status": Status.PAST,
        "page_path": "network-societies/archipelago2024",
        "nodes": ["large/archipelagos", "small/pop-up-villages"],
    },
    {
        "slug": "balajian-network-states",
        "name": "Balajian network states",
        "summary": "Balajian Network States are an example.",
        "website": "https://docs.sove.re/sheet/#/3/sheet/edit/ce2a6be7892e3bf3900f5c1677c7e2fe/",
        "status": Status.ACTIVE,
        "nodes": ["large/network-states"],
    },
]


# The dimensions the founding page names, in its own words: (slug, name, description, values),
# each value (slug, name, description). Sub-points of a layer are its value's description.
FACETS = [
    (
        "core-components",
        "Core components",
        "What a network society is made of.",
        [
            ("digital-first-coordination", "Digital-first coordination", ""),
            ("opt-in-membership", "Opt-in membership", ""),
            ("shared-economic-systems", "Shared economic systems", ""),
            ("collective-governance", "Collective governance", ""),
            ("portable-identity-reputation", "Portable identity/reputation", ""),
            ("mixed-physical-digital-presence", "Mixed physical/digital presence", ""),
        ],
    ),
    (
        "implementation-layers",
        "Implementation layers",
        "Where a network society is built.",
        [
            ("social-layer", "Social Layer",
             "Community values, cultural norms, shared narratives."),
            ("protocol-layer", "Protocol Layer",
             "Smart contracts, governance mechanisms, economic systems, identity systems."),
            ("physical-layer", "Physical Layer",
             "Pop-up gatherings, co-living spaces, temporary autonomous zones, remote work hubs."),
        ],
    ),
    (
        "economic-models",
        "Economic models",
        "How a network society shares and rewards.",
        [
            ("shared-treasury", "Shared treasury", ""),
            ("token-based-incentives", "Token-based incentives", ""),
            ("contribution-tracking", "Contribution tracking", ""),
            ("reputation-systems", "Reputation systems", ""),
            ("p2p-exchange", "P2P exchange", ""),
        ],
    ),
]

# The founding page lists pop-up gatherings and remote work hubs under the physical layer.
DEFINING_VALUES = {
    "small/pop-up-villages": ["implementation-layers:physical-layer"],
    "small/hubs": ["implementation-layers:physical-layer"],
}


def load_facets():
    """Create the founding page's facets and values that do not exist yet (by slug); a facet or
    value people renamed, re-described or retired is left as they made it. Returns the number
    of values created."""
    created = 0
    for order, (slug, name, description, values) in enumerate(FACETS):
        facet = Facet.objects.filter(slug=slug).first()
        if facet is None:
            facet = facets.create_facet(user=None, reason="Default content", slug=slug, name=name,
                                        description=description, order=order * 10)
        if facet.is_retired:
            continue
        for number, (value_slug, value_name, value_description) in enumerate(values):
            if facet.values.filter(slug=value_slug).exists():
                continue
            facets.create_value(facet, user=None, reason="Default content", slug=value_slug,
                                name=value_name, description=value_description,
                                order=number * 10)
            created += 1
    return created


def _default_defining_values(node):
    keys = DEFINING_VALUES.get(node.path, [])
    found = []
    for key in keys:
        facet, _, value = key.partition(":")
        found += list(FacetValue.objects.filter(facet__slug=facet, slug=value))
    return found


def _exists(path):
    return (
        TaxonomyNode.objects.filter(path=path).exists()
        or NodeRedirect.objects.filter(old_path=path).exists()
    )


def load(stdout):
    values = load_facets()
    created = examples = 0
    root = TaxonomyNode.objects.filter(parent__isnull=True).first()
    if root is None:
        root = editing.create_node(user=None, parent=None, reason="Default content", **ROOT)
        created += 1
    for path, fields in NODES:
        if _exists(path):
            continue
        parent_path = path.rpartition("/")[0]
        parent = root if not parent_path else TaxonomyNode.objects.filter(path=parent_path).first()
        if parent is None or parent.is_retired:
            continue  # Someone moved or retired the parent: respect that.
        editing.create_node(
            user=None,
            parent=parent,
            slug=path.rpartition("/")[2],
            reason="Default content",
            defining_values=_default_defining_values(TaxonomyNode(path=path)),
            **fields,
        )
        created += 1
    for fields in EXAMPLES:
        if Example.objects.filter(slug=fields["slug"]).exists():
            continue
        fields = dict(fields)
        nodes = [
            node
            for node in TaxonomyNode.objects.filter(path__in=fields.pop("nodes"))
            if not node.is_retired
        ]
        editing.save_example(Example(), user=None, reason="Default content", nodes=nodes, **fields)
        examples += 1
    stdout.write(f"Taxonomy: {_count(created, 'category', 'categories')} and "
                 f"{_count(examples, 'example', 'examples')} created.\n")
    stdout.write(f"Facets: {_count(values, 'value', 'values')} created.\n")


def _count(number, one, many):
    return f"{number} {one if number == 1 else many}"
