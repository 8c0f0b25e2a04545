"""What happens around signing in, for the person's safety.

- A sign-in counts as a recent authentication: for ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds
  after it, pages that need one (second factors, your data, deleting the account) do not ask for
  the password again; later they do (allauth's reauthentication).
"""

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY


def sign_in_counts_as_recent(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: mark this sign-in's authentication records as recent
    reauthentications (allauth keeps them in the session and only asks for them again after
    the timeout)."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list) and records:
        for record in records:
            record["reauthenticated"] = True
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
