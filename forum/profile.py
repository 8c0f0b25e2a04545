"""The forum's section of a person's profile: their latest threads and posts (four queries)."""

from .models import Post, Thread

SHOWN = 5


def section(profile_user, request):
    threads = Thread.objects.visible().filter(author=profile_user).select_related("node")
    posts = Post.objects.visible().filter(author=profile_user).select_related("thread")
    return {
        "title": "Forum",
        "template": "forum/profile_section.html",
        "context": {
            "threads": list(threads.order_by("-created_at", "-pk")[:SHOWN]),
            "posts": list(posts.order_by("-created_at", "-pk")[:SHOWN]),
            "thread_count": threads.count(),
            "post_count": posts.count(),
        },
    }


def drafts_section(profile_user, request):
    """The person's unposted drafts, on their own profile only (one query)."""
    from . import drafts

    if request.user != profile_user:
        return None
    found = drafts.listed(profile_user)
    if not found:
        return None
    return {"title": "Your drafts", "template": "forum/drafts_section.html",
            "context": {"drafts": found}}
