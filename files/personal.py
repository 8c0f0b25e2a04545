"""The files a person uploaded, in their data archive. Uploads stay when the account is deleted:
pages and posts show them (under "a former member", like the rest of their contributions)."""

from .models import Upload


def export(user):
    return [{
        "name": upload.name, "description": upload.description, "url": upload.get_absolute_url(),
        "created_at": upload.created_at, "deleted": upload.deleted_at is not None,
    } for upload in Upload.objects.filter(uploaded_by=user)]
