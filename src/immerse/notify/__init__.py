"""Messages to people: the outbox (e-mail sent in the background) and the in-app list."""
