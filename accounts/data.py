"""A person's data in their own hands: the archive of everything the site holds about them, and
deleting their account.

Deleting keeps what they contributed to shared work (page revisions, proposals, votes, forum posts
unless they chose to remove them) under an anonymised account, "former-member-<id>", so histories
stay readable; it erases what is only personal (email addresses, profile, second factors, linked
accounts, devices, watches, notifications) and ends every session. Apps say what they hold
through ``accounts.personal_data``.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.utils import timezone

from . import personal_data
from .models import KnownDevice, Profile
from .signins import describe

FORMER_MEMBER = "former-member-{pk}"


def archive(user):
    """Everything about ``user``, as JSON values (dates as datetimes; the view encodes them)."""
    profile = Profile.objects.filter(user=user).first()
    data = {
        "format": "network-societies-archive/1",
        "generated_at": timezone.now(),
        "account": {
            "username": user.get_username(), "email": user.email,
            "first_name": user.first_name, "last_name": user.last_name,
            "date_joined": user.date_joined, "last_login": user.last_login,
            "bio": profile.bio if profile else "",
            "email_notifications": profile.email_notifications if profile else True,
            "email_addresses": list(EmailAddress.objects.filter(user=user)
                                    .values("email", "verified", "primary")),
            "linked_accounts": list(SocialAccount.objects.filter(user=user)
                                    .values("provider", "uid", "date_joined", "last_login")),
            # Which second factors, never their secrets.
            "second_factors": list(Authenticator.objects.filter(user=user)
                                   .values("type", "created_at", "last_used_at")),
            "sessions": [{
                "device": describe(session.user_agent), "ip": session.ip,
                "started_at": session.created_at, "last_seen_at": session.last_seen_at,
            } for session in UserSession.objects.filter(user=user)],
            "devices": list(KnownDevice.objects.filter(user=user)
                            .values("label", "first_seen_at", "last_seen_at")),
        },
    }
    for holding in personal_data.holdings():
        data[holding.name] = holding.export(user)
    return data


@transaction.atomic
def delete_account(user, *, remove_posts=False):
    """Erase ``user``'s personal data, anonymise the account and end its sessions."""
    for holding in personal_data.holdings():
        holding.erase(user, remove_posts)
    for model in (EmailAddress, SocialAccount, Authenticator, KnownDevice, Profile):
        model.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.username = FORMER_MEMBER.format(pk=user.pk)
    user.email = user.first_name = user.last_name = ""
    user.set_unusable_password()  # also voids every session Django did not list
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return user
