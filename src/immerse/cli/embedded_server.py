"""The embedded web server of `immerse serve` (no `--workers`): Django's threaded server,
with replies sent at once on kept connections.

Python's WSGI server writes a reply in several small pieces (status line, headers, body).
On a connection the browser keeps open, Nagle's algorithm holds each piece after the first
until the browser acknowledges it, and browsers delay that acknowledgement by up to 40 ms:
every live poll (docs/architecture.md, "Live pages") waited 40 ms for nothing.
``TCP_NODELAY`` sends each piece at once.
"""

from __future__ import annotations

import socket
from typing import Any

from django.core.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIServer


class NoDelayWSGIServer(WSGIServer):
    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


class EmbeddedServerCommand(RunserverCommand):
    """`runserver` on :class:`NoDelayWSGIServer`."""

    server_cls = NoDelayWSGIServer
