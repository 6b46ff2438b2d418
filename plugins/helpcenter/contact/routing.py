"""Which channels suit a category, and when the urgent step (freeze the account) comes first."""

from __future__ import annotations

from .settings import Channel, ContactSettings, UrgentRoute


def channels_for(settings: ContactSettings, category: str | None) -> list[Channel]:
    """The channels that suit `category`, in their configured order (every channel when no category is known)."""
    return [c for c in settings.channels if category is None or not c.categories or category in c.categories]


def is_urgent(urgent: UrgentRoute | None, category: str | None = None, priority: str | None = None) -> bool:
    """True when the freeze step must come before any channel: an urgent category or an urgent article."""
    if urgent is None:
        return False
    return (category is not None and category in urgent.categories) or (priority is not None and priority in urgent.priorities)
