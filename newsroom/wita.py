"""The newsroom's clock: Central Indonesia Time (WITA, UTC+8, no daylight saving).

Times are stored in UTC; readers, feeds and structured data see them in WITA.
"""

import datetime
import zoneinfo

from django.utils import timezone

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def in_wita(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, WITA)


def iso_wita(moment: datetime.datetime) -> str:
    """ISO 8601 to the second with the offset, e.g. 2025-11-17T17:00:00+08:00."""
    return in_wita(moment).replace(microsecond=0).isoformat()


def format_wita(moment: datetime.datetime) -> str:
    """``21/11/2026 14:30 WITA``: unambiguous in both languages."""
    return in_wita(moment).strftime("%d/%m/%Y %H:%M") + " WITA"
