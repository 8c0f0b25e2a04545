"""The forum's starting content: one pinned thread in the general discussion (the root node),
where the founding page sends readers to argue about the taxonomy (``founding_page``).

Idempotent: the thread is created once, and never again once it exists anywhere (moved, edited
or hidden by people), so nothing people changed is overwritten.
"""

from django.db import transaction
from django.utils import timezone

from taxonomy.models import TaxonomyNode

from .founding_page import tell_one_story
from .markup import render_post
from .models import Post, Thread

TITLE = "Taxonomy of network societies"
BODY = """\
These classifications are mostly hypothetical and evolving. Please contribute your insights here.

The taxonomy sorts network societies by scale:

- **Small**: pop-up villages of about 150 people, and hubs, more permanent settlements.
- **Medium**: pop-up cities made of several villages, startup cities, and intentional communities.
- **Large**: archipelagos, confederacies, network states and nations: networks of aligned
  communities with shared manifestos and decentralized governance.

Is a category missing? Does an example sit at the wrong scale? Say so below, or start a thread
on the node you want to discuss: every node of the [taxonomy](/taxonomy/) has its own forum.
"""


def load(stdout):
    root = TaxonomyNode.objects.filter(path="").first()
    if root is None:
        stdout.write("forum: no taxonomy root yet; skipped the welcome thread\n")
        return
    existing = Thread.objects.filter(title=TITLE).order_by("pk").first()
    if existing is not None:
        stdout.write("forum: welcome thread already there\n")
        tell_one_story(existing, stdout)
        return
    with transaction.atomic():
        now = timezone.now()
        thread = Thread.objects.create(
            node=root, title=TITLE, created_at=now, last_activity_at=now, post_count=1,
            pinned=True,
        )
        post = Post(thread=thread, number=1, body=BODY, created_at=now)
        post.refresh_html(render_post(BODY, mentions=None))
        post.save()
    stdout.write(f"forum: created the pinned thread “{TITLE}”\n")
    tell_one_story(thread, stdout)
