"""Two app servers (separate gunicorn processes with separate VAR_DIRs) on one PostgreSQL and one
Redis, with a task worker: an edit, a reply, a search, a login session and a login rate limit
are seen the same on both. Runs where CI runs it: PostgreSQL (DATABASE_URL) and REDIS_TEST_URL."""

import html
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.conftest import spare_port
from tests.scratch import ROOT, run, scratch_database

PASSWORD = "two servers, one site"

pytestmark = pytest.mark.postgres


class Browser:
    """A visitor with cookies; cookies belong to the host, so one session spans both ports."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data):
        page = self.get(url)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": url}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def site(tmp_path):
    redis_url = os.environ.get("REDIS_TEST_URL", "")
    if not redis_url:
        pytest.skip("needs REDIS_TEST_URL")
    name = f"ns_two_servers_{os.getpid()}_{int(time.time())}"
    with scratch_database("postgres", tmp_path, name) as database_url:
        base = {**os.environ, "DJANGO_SETTINGS_MODULE": "network_societies.settings",
                "DEBUG": "1", "DATABASE_URL": database_url, "REDIS_URL": redis_url,
                "SEARCH_BACKEND": "postgres", "TASKS_BACKEND": "database", "LOG_LEVEL": "ERROR",
                "REDIS_KEY_PREFIX": name,  # this run's keys only; the Redis db is shared
                "MFA_REQUIRED_FOR": ""}  # its Editor signs in with a password alone
        setup_env = {**base, "VAR_DIR": str(tmp_path / "setup")}
        run(["manage.py", "load_default_content", "-v0"], setup_env)
        run(["manage.py", "shell", "-c",
             "from django.contrib.auth import get_user_model;"
             "from django.contrib.auth.models import Group;"
             f"u = get_user_model().objects.create_user('edna', 'e@example.org', '{PASSWORD}');"
             "u.groups.add(Group.objects.get(name='Editors'))"], setup_env)
        processes = []
        try:
            ports = [spare_port(), spare_port()]
            for n, port in enumerate(ports):
                processes.append(subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "network_societies.wsgi:application",
                     "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "error"],
                    cwd=ROOT, env={**base, "VAR_DIR": str(tmp_path / f"server{n}"),
                                   "ALLOWED_HOSTS": "127.0.0.1"},
                ))
            processes.append(subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload",
                 "--no-startup-delay", "-v0"],
                cwd=ROOT, env={**base, "VAR_DIR": str(tmp_path / "worker")},
            ))
            for port in ports:
                wait_for(port)
            yield [f"http://127.0.0.1:{port}" for port in ports]
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)


def wait_for(port):
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.1)
    raise AssertionError(f"server on {port} did not start")


def eventually(check, seconds=60):
    """The worker indexes after the save; wait for it, as a person would re-run a search."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.2)


def test_two_servers_show_one_site(site):
    a, b = site
    reader = Browser()
    for server in (a, b):  # both cache the page for anonymous readers
        assert reader.get(f"{server}/network-societies")[0] == 200

    # A login session made on A is valid on B (sessions in the database).
    editor = Browser()
    status, _ = editor.post(f"{a}/accounts/login/", {"login": "edna", "password": PASSWORD})
    assert status == 302
    assert "edna" in editor.get(f"{b}/")[1]

    # An edit saved on A is seen on B at once, by signed-in and anonymous readers.
    form = editor.get(f"{a}/wiki/edit/network-societies")[1]
    fields = {name: html.unescape(value) for name, value in re.findall(
        r'name="(title|base_revision)"[^>]*value="([^"]*)"', form)}
    status, _ = editor.post(f"{a}/wiki/edit/network-societies", {
        **fields, "markdown": "Edited on server A: zebracorn.", "published": "on",
        "summary": "two servers",
    })
    assert status == 302
    assert "zebracorn" in editor.get(f"{b}/network-societies")[1]
    assert "zebracorn" in reader.get(f"{b}/network-societies")[1]

    # A search on either server finds it once the worker has indexed it.
    eventually(lambda: "Edited on server A" in reader.get(f"{b}/search/?q=zebracorn")[1])
    assert "Edited on server A" in reader.get(f"{a}/search/?q=zebracorn")[1]

    # A reply posted on B is on the thread page served by A.
    thread_path = re.search(r'href="(/forum/t/\d+/)[^"]*"', reader.get(f"{a}/forum/")[1]).group(1)
    thread_id = thread_path.split("/")[3]
    assert editor.post(f"{b}/forum/t/{thread_id}/reply/", {"body": "Replied on B: okapi."})[0] \
        == 302
    assert "okapi" in reader.get(f"{a}{thread_path}")[1]

    # Failed logins count once across both servers (the limiter's counts are in Redis).
    guesser = Browser()
    for n in range(5):
        server = (a, b)[n % 2]
        guesser.post(f"{server}/accounts/login/", {"login": "edna", "password": "wrong"})
    for server in (a, b):
        page = guesser.post(f"{server}/accounts/login/", {"login": "edna", "password": PASSWORD})
        assert page[0] != 302 and "Too many failed login attempts" in page[1], server
