"""The queue's machinery: retries with backoff, giving up loudly, and queueing from the command
line (how periodic jobs run)."""

import logging

import pytest
from django.core.management import CommandError, call_command
from django_tasks import task

from network_societies.background import backoff_delay, retrying

calls = []


@retrying(attempts=3, backoff=10, on=(OSError,))
def flaky(fail_times):
    calls.append(fail_times)
    if len(calls) <= fail_times:
        raise ConnectionRefusedError("down")
    return "done"


@task
def record(value):
    calls.append(value)


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


def test_a_failing_task_is_retried_until_it_succeeds():
    flaky.enqueue(2)
    assert calls == [2, 2, 2]


def test_after_the_last_attempt_the_error_is_logged_and_the_run_fails(caplog):
    with caplog.at_level(logging.WARNING):
        result = flaky.enqueue(5)
    assert calls == [5, 5, 5]  # the immediate backend runs the retries at once
    assert result.status == "SUCCESSFUL"  # the first run only queued the next
    assert "giving up" in caplog.text


@retrying(attempts=3, on=(OSError,))
def buggy():
    calls.append(1)
    raise ValueError("a bug, not an outage")


def test_other_errors_are_not_retried():
    result = buggy.enqueue()
    assert result.status == "FAILED"
    assert calls == [1]


def test_backoff_doubles_with_a_little_jitter():
    delays = [backoff_delay(attempt, 60) for attempt in (1, 2, 3)]
    assert 54 <= delays[0] <= 66 and 108 <= delays[1] <= 132 and 216 <= delays[2] <= 264


def test_enqueue_task_queues_a_task_with_json_arguments(capsys):
    call_command("enqueue_task", "tests.network_societies.test_background.record", '{"a": 1}')
    assert calls == [{"a": 1}]
    assert "Queued" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not a task"):
        call_command("enqueue_task", "network_societies.background.retrying")
    with pytest.raises(CommandError, match="JSON"):
        call_command("enqueue_task", "tests.network_societies.test_background.record", "{x")
