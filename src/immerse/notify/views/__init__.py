"""Pages of messages: unsubscribe, the in-app list and preferences, the organizer's outbox
and wording."""
