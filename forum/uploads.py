"""What the forum tells the files app: the visible posts that show or link an upload."""

from files.references import reference_fragment
from files.usage import LIMIT, Use, register

from .models import Post


def posts_using(upload):
    posts = (
        Post.objects.visible()
        .filter(body__contains=reference_fragment(upload.pk))
        .select_related("thread").order_by("pk")[:LIMIT]
    )
    return [Use("Post", f"#{post.number} in “{post.thread.title}”", post.get_absolute_url())
            for post in posts]


def refresh_posts(upload):
    """A post's stored HTML is a cache: renderer version 0 has the markup task render it again."""
    Post.objects.filter(body__contains=reference_fragment(upload.pk)).update(renderer_version=0)


register(posts_using, refresh=refresh_posts)
