"""Pages benchmark: the main pages at scale, timed through Django's test Client (median ms and
SQL queries per request). Not part of the test suite.

    .venv/bin/python -m bench.pages_bench                    # SQLite scratch database
    .venv/bin/python -m bench.pages_bench --database postgres --repeat 30

The scratch database gets the default content, 1,000 more wiki pages (indexed for search), a
page with 200 revisions, 300 threads over the taxonomy and one thread of 1,000 posts. Production
settings (DEBUG off, cached templates); an anonymous visitor, then a signed-in one.
"""

import argparse
import io
import time

from bench.common import analyze, start_django, time_page

REVISIONS = 200
THREADS = 300
POSTS = 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    start_django(args.database)
    started = time.perf_counter()
    pages = build_data()
    analyze()
    print(f"\nPages benchmark on {args.database}: data built in "
          f"{time.perf_counter() - started:.0f} s; median of {args.repeat} requests\n")
    from django.contrib.auth import get_user_model
    from django.test import Client

    member = Client()
    member.force_login(get_user_model().objects.get(username="member0"))
    print(f"{'page':<34} {'anonymous ms':>12} {'queries':>8} {'signed in ms':>13} {'queries':>8}")
    for label, url in pages:
        anonymous = time_page(Client(), url, args.repeat)
        signed_in = time_page(member, url, args.repeat)
        print(f"{label:<34} {anonymous['median_ms']:>12} {anonymous['queries']:>8} "
              f"{signed_in['median_ms']:>13} {signed_in['queries']:>8}")


def build_data():
    """Fill the scratch database; returns (label, url) of each page to time."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.search_bench import generate_pages
    from search.maintenance import rebuild

    call_command("load_default_content", stdout=io.StringIO())
    people = [get_user_model().objects.create_user(f"member{n}", f"m{n}@example.org", "x")
              for n in range(5)]
    generate_pages(1000)
    page_url = long_history_page(people)
    thread_url = long_thread(people)
    many_threads(people)
    rebuild(chunk_size=1000)
    return [
        ("home", "/"),
        (f"wiki page, {REVISIONS} revisions", page_url),
        ("its history", page_url.replace("/", "/wiki/history/", 1)),
        ("recent changes", "/recent/"),
        ("wiki page list", "/wiki/pages/"),
        ("taxonomy", "/taxonomy/"),
        ("forum index", "/forum/"),
        (f"thread, {POSTS} posts: page 1", thread_url),
        (f"thread, {POSTS} posts: last page", f"{thread_url}?page={POSTS // 20}"),
        ("search 'village'", "/search/?q=village"),
        ("search 'network state' page 3", "/search/?q=network+state&page=3"),
    ]


def long_history_page(people):
    from wiki.editing import save_page

    path = "network-societies/long-history"
    for n in range(REVISIONS):
        save_page(path=path, title="A page with a long history", author=people[n % 5],
                  markdown=f"# Revision {n}\n\nA [[Pop-up villages]] paragraph, edit {n}.\n\n"
                           + "- a list item\n" * (n % 7),
                  summary=f"Edit {n}")
    return f"/{path}"


def long_thread(people):
    """A thread of POSTS posts: the first through the forum's own action, the rest inserted in
    bulk with the same rendered HTML (rendering 1,000 posts one by one adds nothing here)."""
    from django.utils import timezone

    from forum import actions
    from forum.models import Post, Thread
    from taxonomy.models import TaxonomyNode

    node = TaxonomyNode.objects.get(path="small/pop-up-villages")
    body = ("A **pop-up village** gathers about 150 people for a month. Is that the right size "
            "for the *small* scale?\n\n> quoted text\n\n- cost\n- time\n")
    thread = actions.start_thread(node=node, author=people[0], title="Where do hubs go?",
                                  body=body)
    first = thread.posts.get()
    now = timezone.now()
    Post.objects.bulk_create([
        Post(thread=thread, number=n, author=people[n % 5], body=first.body, html=first.html,
             renderer_version=first.renderer_version, created_at=now)
        for n in range(2, POSTS + 1)
    ], batch_size=500)
    Thread.objects.filter(pk=thread.pk).update(post_count=POSTS, last_activity_at=now,
                                               last_poster=people[POSTS % 5])
    return thread.get_absolute_url()


def many_threads(people):
    from django.utils import timezone

    from forum.models import Thread
    from taxonomy.models import TaxonomyNode

    nodes = list(TaxonomyNode.objects.filter(level__gte=1))
    now = timezone.now()
    Thread.objects.bulk_create([
        Thread(node=nodes[n % len(nodes)], title=f"Discussion {n}", author=people[n % 5],
               last_poster=people[(n + 1) % 5], post_count=1, created_at=now,
               last_activity_at=now)
        for n in range(THREADS)
    ])


if __name__ == "__main__":
    main()
