"""Bodies of ``/api/plans/{id}/versions`` and of the import preview."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from chiiki_common.schemas import OutputModel
from plans_api.models import PlanType


class ChangeKind(StrEnum):
    added = "added"
    changed = "changed"
    removed = "removed"


class DescribedChange(OutputModel):
    """One difference between two contents, named as the forms name it (Japanese labels and
    values, never field paths): ``area_label`` 「KGI」, ``item`` 「KGI「計画での付加価値増加額」」,
    ``field`` 「目標値」 (None when the whole item was added or removed)."""

    kind: ChangeKind
    area: str
    area_label: str
    item: str
    field: str | None = None
    before: str | None = None
    after: str | None = None
    path: str


class VersionSource(StrEnum):
    created = "created"
    edited = "edited"
    imported = "imported"
    restored = "restored"


class VersionSummary(OutputModel):
    """One entry of the history: when, who, how and what changed from the version before it."""

    version: int
    revision: int
    written_at: datetime
    actor_name: str
    organisation: str
    source: VersionSource
    source_label: str
    restored_from: int | None
    changed_areas: list[str]
    """Japanese area labels (記載項目, KGI, …) changed from the previous version."""
    change_count: int
    current: bool
    """True when this version's content is the plan's content now."""


class VersionOut(VersionSummary):
    """One version: its content as the forms label it, and what restoring it would change."""

    items: list[DescribedChange]
    """Everything the version holds, each item with its label (``kind`` is ``added``)."""
    changes_to_current: list[DescribedChange]
    """From the current content to this version's: what「この版に戻す」would change."""


class ImportPreview(OutputModel):
    """What importing the workbook would change, without writing; apply with ``If-Match: version``."""

    plan_id: int
    plan_type: PlanType
    version: int
    workbook_version: int | None
    changes: list[DescribedChange]
