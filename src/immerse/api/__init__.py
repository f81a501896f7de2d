"""REST API under /api/v1/ (django-ninja): one router per area, no business logic here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from immerse.api import (
    agendas,
    audience,
    checkin,
    events,
    feedback,
    inventory,
    openspace,
    people,
    posts,
    registrations,
    stories,
    studio_events,
    studio_setup,  # noqa: F401 (its operations join the events router's paths)
    studio_team,  # noqa: F401 (the same)
    tables,
)
from immerse.api.errors import install_error_handlers
from immerse.api.inputs import StrictJsonParser, exclude_nul_from_strings


class ImmerseAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        exclude_nul_from_strings(schema)  # the server refuses them (see api.inputs)
        return schema


#: Adds the organizers' write operations to the events router (imported for that).
_ = studio_events


def build_api() -> NinjaAPI:
    api = ImmerseAPI(
        title="immerse API",
        version="1",
        description="Events, programs, sign-ups, levels, agendas, tables and listening. "
        "Authenticate with `Authorization: Bearer <token>` (`immerse token create`) or the "
        'web session. Errors are `{"detail": …, "errors": [{"field": …, "message": …}]}`.',
        urls_namespace="api",
        parser=StrictJsonParser(),
        throttle=[AnonRateThrottle(settings.API_RATE_ANON),
                  AuthRateThrottle(settings.API_RATE_USER)],
    )
    install_error_handlers(api)
    for module in (events, registrations, people, inventory, agendas, tables, posts, stories,
                   feedback, audience, checkin,
                   openspace):
        api.add_router("/", module.router)
    return api


api = build_api()
