"""Which channels suit a category, and when the urgent step (freeze the account) comes first."""

from __future__ import annotations

from .settings import Channel, ContactSettings, UrgentRoute


def channels_for(settings: ContactSettings, category: str | None) -> list[Channel]:
    """The ways to reach a person that suit `category`, in their configured order (every one when no category
    is known). Official accounts are not among them: nobody there answers a reader."""
    return [c for c in settings.channels
            if c.reaches_person and (category is None or not c.categories or category in c.categories)]


def official_channels(settings: ContactSettings) -> list[Channel]:
    """Official accounts (announcements, how to recognise impostors), shown apart from the channels."""
    return [c for c in settings.channels if not c.reaches_person]


def is_urgent(urgent: UrgentRoute | None, category: str | None = None, priority: str | None = None) -> bool:
    """True when the freeze step must come before any channel: an urgent category or an urgent article."""
    if urgent is None:
        return False
    return (category is not None and category in urgent.categories) or (priority is not None and priority in urgent.priorities)
