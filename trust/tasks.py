"""The scheduled promotion: ``manage.py enqueue_task trust.tasks.promote`` from cron (README)."""

import logging

from django_tasks import task

from .promotion import promote_all

logger = logging.getLogger(__name__)


@task()
def promote():
    promoted = promote_all()
    if promoted:
        logger.info("Trust levels: promoted %s", promoted)
    return promoted
