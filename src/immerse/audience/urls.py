from django.urls import path

from immerse.audience import views

S = "events/<slug:slug>/sessions/<str:session_id>"
urlpatterns = [
    path(f"{S}/questions/", views.questions, name="audience-questions"),
    path(f"{S}/questions/live/", views.questions_live, name="audience-questions-live"),
    path(f"{S}/questions/projector/", views.projector, name="audience-projector"),
    path(f"{S}/questions/projector/live/", views.projector_live,
         name="audience-projector-live"),
    path("events/<slug:slug>/questions/<str:question_id>/vote/", views.question_vote,
         name="audience-question-vote"),
    path("events/<slug:slug>/questions/<str:question_id>/moderate/", views.question_moderate,
         name="audience-question-moderate"),
    path("events/<slug:slug>/questions/", views.queue, name="audience-queue"),
    path(f"{S}/polls/", views.polls, name="audience-polls"),
    path(f"{S}/polls/live/", views.polls_live, name="audience-polls-live"),
    path("events/<slug:slug>/polls/<str:poll_id>/vote/", views.poll_vote,
         name="audience-poll-vote"),
    path("events/<slug:slug>/polls/<str:poll_id>/action/", views.poll_action,
         name="audience-poll-action"),
]
