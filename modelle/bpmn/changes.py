"""The result of `diff`: typed and frozen, with `as_dict()` for the JSON form stored and served."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ElementSummary:
    """An added or removed element."""

    id: str
    type: str
    name: str

    def as_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One property of an element, before and after (a list of ids for incoming/outgoing)."""

    old: str | list[str] | None
    new: str | list[str] | None

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Change:
    """A matched element whose properties differ; `changes` by property name."""

    id: str
    old_id: str
    type: str
    name: str
    changes: dict[str, FieldChange]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "old_id": self.old_id,
            "type": self.type,
            "name": self.name,
            "changes": {what: change.as_dict() for what, change in self.changes.items()},
        }


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where an element is drawn in the first diagram: a shape's bounds or an edge's waypoints."""

    bounds: tuple[float, float, float, float] | None = None
    waypoints: tuple[tuple[float, float], ...] | None = None

    def as_dict(self) -> dict:
        if self.bounds is not None:
            return dict(zip(("x", "y", "width", "height"), self.bounds, strict=True))
        return {"waypoints": [list(p) for p in self.waypoints or ()]}


@dataclass(frozen=True, slots=True)
class Move:
    """A matched element drawn somewhere else."""

    id: str
    old_id: str
    type: str
    name: str
    old: Geometry
    new: Geometry

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "old_id": self.old_id,
            "type": self.type,
            "name": self.name,
            "old": self.old.as_dict(),
            "new": self.new.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Summary:
    added: int
    removed: int
    changed: int
    moved: int
    unchanged: int
    matched_by_id: int
    matched_by_fallback: int

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "moved": self.moved,
            "unchanged": self.unchanged,
            "matched_by_id": self.matched_by_id,
            "matched_by_fallback": self.matched_by_fallback,
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed between two versions; `as_dict()` gives the JSON form."""

    summary: Summary
    added: tuple[ElementSummary, ...]
    removed: tuple[ElementSummary, ...]
    changed: tuple[Change, ...]
    moved: tuple[Move, ...]
    # False when matching renewed ids stopped at DIFF_ROUNDS (not part of the JSON form)
    complete: bool = True

    def as_dict(self) -> dict:
        return {
            "summary": self.summary.as_dict(),
            "added": [e.as_dict() for e in self.added],
            "removed": [e.as_dict() for e in self.removed],
            "changed": [e.as_dict() for e in self.changed],
            "moved": [e.as_dict() for e in self.moved],
        }
