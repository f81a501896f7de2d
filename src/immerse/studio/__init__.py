"""The organizer's studio: making and running one's own event on the web."""
