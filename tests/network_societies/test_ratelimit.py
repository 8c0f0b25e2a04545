"""The site's rate limiter: a sliding window, fair at window boundaries, with a clock the tests
set; it fails open when the cache cannot count."""

import logging

import pytest
from django.test import RequestFactory, override_settings

from network_societies import ratelimit

LIMITS = {"post": {"default": "3/60", "new_account": "1/60"}}


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand: ``clock.now = …``."""

    class Clock:
        now = 6_000.0  # a window boundary (a multiple of 60)

        def __call__(self):
            return self.now

    fake = Clock()
    monkeypatch.setattr(ratelimit, "clock", fake)
    return fake


@pytest.fixture
def old_user(make_user):
    from datetime import timedelta

    from django.utils import timezone

    return make_user("old", date_joined=timezone.now() - timedelta(days=30))


def attempts(user, times, action="post"):
    """How many of ``times`` consecutive actions were allowed."""
    allowed = 0
    for _ in range(times):
        try:
            ratelimit.consume(user, action)
        except ratelimit.RateLimited:
            continue
        allowed += 1
    return allowed


@override_settings(NS_RATE_LIMITS=LIMITS)
@pytest.mark.parametrize("start", [6_000.0 - 1, 6_000.0 + 29, 6_000.0 + 58.5])
def test_straddling_a_window_boundary_counts_like_inside_one(clock, old_user, start):
    """Three actions, then a fourth a second later: refused wherever the boundary falls (a fixed
    window let the fourth through when the boundary was between them)."""
    clock.now = start
    assert attempts(old_user, 3) == 3
    clock.now = start + 1.0
    assert attempts(old_user, 1) == 0


@override_settings(NS_RATE_LIMITS=LIMITS)
def test_the_window_slides_and_refusals_do_not_count(clock, old_user):
    clock.now = 6_050.0  # late in a window: the three fall in its last ten seconds
    assert attempts(old_user, 5) == 3  # two refused, and not counted
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.consume(old_user, "post")
    retry_after = refused.value.retry_after
    assert 1 <= retry_after <= 60
    clock.now += retry_after - 2
    assert attempts(old_user, 1) == 0  # still too soon
    clock.now += 2
    assert attempts(old_user, 1) == 1  # the promised time was enough
    clock.now += 120  # two windows on: everything has slid out
    assert attempts(old_user, 3) == 3


@override_settings(NS_RATE_LIMITS=LIMITS, NS_NEW_ACCOUNT_DAYS=3)
def test_new_accounts_get_the_stricter_limit_and_moderators_none(clock, make_user, moderator):
    newcomer = make_user("newcomer")
    assert attempts(newcomer, 3) == 1
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.consume(newcomer, "post")
    assert refused.value.new_account
    assert attempts(moderator, 10) == 10


@override_settings(NS_RATE_LIMITS=LIMITS)
def test_people_and_actions_are_counted_apart(clock, old_user, make_user):
    other = make_user("other", date_joined=old_user.date_joined)
    assert attempts(old_user, 3) == 3
    assert attempts(other, 3) == 3
    with override_settings(NS_RATE_LIMITS={**LIMITS, "thread": LIMITS["post"]}):
        assert attempts(old_user, 1, "thread") == 1


@override_settings(NS_RATE_LIMITS=LIMITS)
def test_the_limiter_fails_open_with_a_warning(clock, old_user, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratelimit.cache, "add", broken)
    with caplog.at_level(logging.WARNING, logger="network_societies.ratelimit"):
        assert attempts(old_user, 10) == 10
    assert "allowing it" in caplog.text


@override_settings(NS_RATE_LIMITS={"preview": LIMITS["post"]})
def test_the_view_decorator_answers_429_to_posts_over_the_limit(clock, old_user):
    from django.http import HttpResponse

    @ratelimit.limit("preview")
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()

    def post():
        request = factory.post("/x/")
        request.user = old_user
        return view(request)

    assert [post().status_code for _ in range(4)] == [200, 200, 200, 429]
    response = post()
    assert b"try again in about 1 minute" in response.content
    get = factory.get("/x/")
    get.user = old_user
    assert view(get).status_code == 200  # reading is never limited
