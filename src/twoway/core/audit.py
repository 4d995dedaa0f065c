"""Recording audit events. Services call ``record()`` inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import models

from twoway.core import clock
from twoway.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``instance`` as JSON-friendly values (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            data[name] = getattr(instance, field.attname)
        else:
            data[name] = _jsonable(getattr(instance, name))
    return data


def _event(
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
) -> AuditEvent:
    return AuditEvent(
        actor_id=getattr(actor, "pk", None) if actor is not None else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        before=before,
        after=after,
        created_at=at,
    )


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = _event(actor, action, target, before, after, clock.now())
    event.save(force_insert=True)
    return event


def record_each(
    *,
    actor: Any,
    action: str,
    changes: Iterable[tuple[models.Model, dict[str, Any] | None, dict[str, Any] | None]],
) -> list[AuditEvent]:
    """``record()`` for several targets of one action at once, as (target, before, after), in
    one INSERT."""
    at = clock.now()
    return AuditEvent.objects.bulk_create(
        _event(actor, action, target, before, after, at) for target, before, after in changes
    )
