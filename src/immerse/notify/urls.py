from django.urls import path

from immerse.notify.views import inbox, mail, outbox, waiting, wording

urlpatterns = [
    path("mail/unsubscribe/<str:token>/", mail.unsubscribe, name="notify-unsubscribe"),
    path("me/messages/", inbox.inbox, name="notify-inbox"),
    path("me/messages/read/", inbox.inbox_read, name="notify-inbox-read"),
    path("me/messages/preferences/", inbox.preferences, name="notify-preferences"),
    path("me/messages/<int:message_id>/", inbox.inbox_message, name="notify-message"),
    path("events/<slug:slug>/organize/messages/", outbox.outbox, name="notify-outbox"),
    path("events/<slug:slug>/organize/messages/<int:message_id>/", outbox.outbox_message,
         name="notify-outbox-message"),
    path("events/<slug:slug>/organize/messages/<int:message_id>/resend/",
         outbox.outbox_resend, name="notify-outbox-resend"),
    path("events/<slug:slug>/organize/messages/waiting/<str:kind>/", waiting.waiting,
         name="notify-waiting"),
    path("events/<slug:slug>/organize/messages/wording/", wording.templates,
         name="notify-templates"),
    path("events/<slug:slug>/organize/messages/wording/<str:kind>/", wording.template_edit,
         name="notify-template-edit"),
]
