from django.db import models


class PagePurge(models.Model):
    """When the pages showing ``key`` last went stale, as a purge number.

    Purges are numbered in the order they commit (the row ``PURGE_COUNTER``
    holds the latest number), so a cached page rendered after purge *n* began
    is stale exactly when one of its keys has a number above *n*. The table
    lives in the site's database so that every worker and every app server
    reads the same answer, and no cache restart or snapshot can roll it back.
    """

    key = models.CharField(max_length=200, primary_key=True)
    version = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.key}@{self.version}"


PURGE_COUNTER = "*"
