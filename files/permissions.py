"""Who may do what with uploads: the app's one permission policy.

Everyone sees live uploads; Moderators also see the recycle bin. Signed-in people upload. The
uploader, Editors and Moderators describe an upload and add versions; Moderators delete and
restore. Each object check has a matching queryset filter, and the tests check that they agree.
"""

from accounts.roles import is_editor, is_moderator

from .models import Upload


def can_upload(user):
    return user.is_authenticated and user.is_active


def can_view(user, upload):
    return not upload.is_deleted or is_moderator(user)


def viewable_uploads(user):
    uploads = Upload.objects.all()
    return uploads if is_moderator(user) else uploads.live()


def can_change(user, upload):
    """Describe it and upload new versions."""
    if not can_upload(user) or upload.is_deleted:
        return False
    return upload.uploaded_by_id == user.pk or is_editor(user)


def can_delete(user):
    return is_moderator(user)
