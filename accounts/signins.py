"""Signed-in sessions: what the sessions page lists and ends, and what a sign-in tells the person.

- Every sign-in is a session row (allauth's ``UserSession``: device, address, started, last seen),
  its last-seen time refreshed at most every ``SEEN_EVERY`` seconds by ``track_sessions``
  (middleware), so an ordinary page view writes nothing.
- Ending a session deletes it from the session store: that browser is signed out at its next
  request. Changing or resetting the password ends every other session ("sign out everywhere").
- A sign-in from a browser the account was never used from (browser and system, ``describe``)
  sends an email (``ACCOUNTS_NEW_DEVICE_EMAIL``); the first sign-in of an account does not.
"""

import hashlib
import re
import time

from allauth.core.internal.httpkit import get_client_ip
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import KnownDevice

SEEN_EVERY = 300
SEEN_KEY = "ns_seen_at"

BROWSERS = [  # order matters: Edge and Opera say "Chrome", Chrome says "Safari"
    ("Edge", r"Edg(?:e|A|iOS)?/"), ("Opera", r"OPR/|Opera"),
    ("Samsung Internet", r"SamsungBrowser"),
    ("Firefox", r"Firefox/|FxiOS"), ("Chrome", r"Chrome/|CriOS|Chromium"), ("Safari", r"Safari/"),
]
SYSTEMS = [
    ("iOS", r"iPhone|iPad|iPod"), ("Android", r"Android"), ("ChromeOS", r"CrOS"),
    ("Windows", r"Windows"), ("macOS", r"Mac OS X|Macintosh"), ("Linux", r"Linux|X11"),
]


def describe(user_agent):
    """A person's words for a browser: "Firefox on Windows" (or "Unknown browser")."""
    browser = next((name for name, pattern in BROWSERS if re.search(pattern, user_agent)), "")
    system = next((name for name, pattern in SYSTEMS if re.search(pattern, user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "Unknown browser")


def sessions_of(user):
    """The person's live sessions, newest activity first, each with ``device`` set; sessions
    that have already ended in the store are dropped on the way."""
    live = UserSession.objects.purge_and_list(user)
    for session in live:
        session.device = describe(session.user_agent)
    return sorted(live, key=lambda s: s.last_seen_at, reverse=True)


def end_session(user, pk):
    """End one of ``user``'s sessions (never someone else's); True if there was one."""
    session = UserSession.objects.filter(user=user, pk=pk).first()
    if session is None:
        return False
    session.end()
    return True


def end_other_sessions(user, keep_key):
    """End every session of ``user`` but the one with ``keep_key``; returns how many ended."""
    others = UserSession.objects.filter(user=user).exclude(session_key=keep_key or "")
    count = 0
    for session in others:
        session.end()
        count += 1
    return count


def _record_session(request, user):
    if not request.META.get("REMOTE_ADDR") or not request.session.session_key:
        return  # a test client's force_login: no browser to describe
    UserSession.objects.create_from_request(request, user=user)


# --- Receivers -------------------------------------------------------------------------------


def on_signed_in(sender, request, user, **kwargs):
    """Django's ``user_logged_in``: record the session and tell the person about a new device."""
    if request is None or not hasattr(request, "session"):
        return
    _record_session(request, user)
    request.session[SEEN_KEY] = int(time.time())
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if request.META.get("REMOTE_ADDR"):
        note_device(request, user, user_agent)


def note_device(request, user, user_agent):
    device = describe(user_agent)
    fingerprint = hashlib.sha256(device.encode()).hexdigest()
    known = KnownDevice.objects.filter(user=user)
    first_sign_in = not known.exists()
    now = timezone.now()
    updated = known.filter(fingerprint=fingerprint).update(last_seen_at=now)
    if updated:
        return
    KnownDevice.objects.create(user=user, fingerprint=fingerprint, label=device,
                               first_seen_at=now, last_seen_at=now)
    if not first_sign_in and settings.ACCOUNTS_NEW_DEVICE_EMAIL and user.email:
        from allauth.account.adapter import get_adapter

        get_adapter().send_mail("account/email/new_sign_in", user.email, {
            "user": user, "device": device, "ip": get_client_ip(request) or "unknown",
            "when": now, "sessions_url": request.build_absolute_uri(reverse("accounts:sessions")),
            "password_url": request.build_absolute_uri(reverse("account_change_password")),
        })


def on_password_changed(sender, request, user, **kwargs):
    """allauth's ``password_changed`` / ``password_reset``: sign out everywhere else."""
    keep = request.session.session_key if request.user.is_authenticated else None
    end_other_sessions(user, keep)


def seen_lately(request, user_id):
    """``personalcache``'s hook: a stored page may be served while this session's last-seen
    time needs no refresh (when it does, the page is rendered and ``track_sessions`` runs)."""
    return int(time.time()) - request.session.get(SEEN_KEY, 0) < SEEN_EVERY


def track_sessions(get_response):
    """Middleware: refresh the session's last-seen time (and address) every ``SEEN_EVERY``
    seconds at most; in between, a request costs nothing here."""

    def middleware(request):
        response = get_response(request)
        user, session = getattr(request, "user", None), getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return response
        now = int(time.time())
        if now - session.get(SEEN_KEY, 0) < SEEN_EVERY or not session.session_key:
            return response
        session[SEEN_KEY] = now
        updated = UserSession.objects.filter(session_key=session.session_key, user=user).update(
            last_seen_at=timezone.now(), ip=get_client_ip(request) or "0.0.0.0")  # noqa: S104
        if not updated and request.META.get("REMOTE_ADDR"):
            UserSession.objects.create_from_request(request, user=user)
        session.save()
        return response

    return middleware
