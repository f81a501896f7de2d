"""The organizer's studio: creating an event, setting it up, the schedule grid."""

from django.urls import path

from immerse.studio.views import audit, events, grid, setup, setup_channels, team

SETUP = "events/<slug:slug>/organize/setup/"
TEAM = "events/<slug:slug>/organize/team/"

urlpatterns = [
    path("organize/events/new/", events.event_new, name="studio-event-new"),
    path("events/<slug:slug>/organize/settings/", events.event_settings,
         name="studio-event-settings"),
    path("events/<slug:slug>/organize/publish/", events.event_publish,
         name="studio-event-publish"),
    path("events/<slug:slug>/organize/export/schedule.<str:fmt>", events.event_export,
         name="studio-event-export"),
    path("events/<slug:slug>/organize/setup/grid/", grid.grid_page, name="studio-grid"),
    path("events/<slug:slug>/organize/setup/grid/move/", grid.grid_move,
         name="studio-grid-move"),
    path(SETUP, setup.setup_index, name="studio-setup"),
    path(f"{SETUP}slots/", setup.slots, name="studio-slots"),
    path(f"{SETUP}slots/<int:slot_id>/", setup.slot_edit, name="studio-slot-edit"),
    path(f"{SETUP}slots/<int:slot_id>/delete/", setup.slot_delete, name="studio-slot-delete"),
    path(f"{SETUP}rooms/", setup.rooms, name="studio-rooms"),
    path(f"{SETUP}rooms/<int:room_id>/", setup.room_edit, name="studio-room-edit"),
    path(f"{SETUP}rooms/<int:room_id>/delete/", setup.room_delete, name="studio-room-delete"),
    path(f"{SETUP}sessions/", setup.sessions, name="studio-sessions"),
    path(f"{SETUP}sessions/new/", setup.session_edit, name="studio-session-new"),
    path(f"{SETUP}sessions/<int:session_id>/", setup.session_edit, name="studio-session-edit"),
    path(f"{SETUP}sessions/<int:session_id>/delete/", setup.session_delete,
         name="studio-session-delete"),
    path(f"{SETUP}hub/", setup_channels.hub, name="studio-hub"),
    path(f"{SETUP}signup/", setup_channels.signup, name="studio-signup"),
    path(f"{SETUP}signup/questions/", setup_channels.questions, name="studio-questions"),
    path(f"{SETUP}signup/questions/<int:question_id>/", setup_channels.questions,
         name="studio-question-edit"),
    path(f"{SETUP}signup/questions/<int:question_id>/delete/", setup_channels.question_remove,
         name="studio-question-delete"),
    path(TEAM, team.team_page, name="studio-team"),
    path(f"{TEAM}members/<int:user_id>/", team.team_member, name="studio-team-member"),
    path(f"{TEAM}invitations/<int:invitation_id>/", team.team_invitation,
         name="studio-team-invitation"),
    path("organize/team/join/<str:token>/", team.team_accept, name="studio-team-accept"),
    path("events/<slug:slug>/organize/audit/", audit.audit_page, name="studio-audit"),
]
