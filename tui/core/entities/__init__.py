"""Named entities: offline extraction, normalisation to canonical actors, the analyst's aliases."""

from tui.core.entities.model import Entity, EntityType, Mention

__all__ = ["Entity", "EntityType", "Mention"]
