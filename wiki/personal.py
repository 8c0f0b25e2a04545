"""The wiki's part of a person's data (archive, account deletion) and of their trust record.

Revisions are published under the wiki's licence and make up other people's pages: deleting an
account keeps them, under the anonymised account ("a former member"), so history stays readable.
"""

from .models import Page, Revision, Watch


def contributions(user_ids):
    return Revision.objects.filter(author_id__in=user_ids).values_list("author_id", "created_at")


def export(user):
    revisions = Revision.objects.filter(author=user).select_related("page").order_by("created_at")
    return {
        "pages_created": list(Page.objects.filter(created_by=user).values("path", "title")),
        "revisions": [{
            "page": revision.page.path, "title": revision.page.title,
            "url": revision.page.get_absolute_url(), "summary": revision.summary,
            "created_at": revision.created_at, "markdown": revision.markdown,
        } for revision in revisions],
        "watching_pages": list(
            Watch.objects.filter(user=user).values_list("page__path", flat=True)),
    }


def erase(user, remove_contributions):
    Watch.objects.filter(user=user).delete()
