"""The default taxonomy, as the founding page (/network-societies) lays it out by scale.

Summaries and descriptions are the page's own words. Sizes are typical ranges in people: the page
gives ~150 for a pop-up village and "much larger" for nations; the rest are reasonable estimates
that editors refine. Loading is idempotent: a node or example that exists (or was moved or renamed:
its old path redirects) is left exactly as people changed it.
"""

from . import editing
from .models import Example, NodeRedirect, Permanence, Status, TaxonomyNode

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


def _exists(path):
    return (
        TaxonomyNode.objects.filter(path=path).exists()
        or NodeRedirect.objects.filter(old_path=path).exists()
    )


def load(stdout):
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


def _count(number, one, many):
    return f"{number} {one if number == 1 else many}"
