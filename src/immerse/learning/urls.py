"""URLs of the learning cycle: feedback, plans, stories, progression, community, reports."""

from django.urls import path

from immerse.learning.views import community, feedback, links, me, organizer, plans, stories

urlpatterns = [
    path("events/<slug:slug>/sessions/<int:session_id>/feedback/", feedback.feedback_give,
         name="feedback-give"),
    path("events/<slug:slug>/organize/feedback/", feedback.feedback_overview,
         name="feedback-overview"),
    path("events/<slug:slug>/organize/report/", organizer.report_page, name="learning-report"),
    path("events/<slug:slug>/organize/report.csv", organizer.report_csv,
         name="learning-report-csv"),
    path("events/<slug:slug>/organize/report.pdf", organizer.report_pdf_download,
         name="learning-report-pdf"),
    path("events/<slug:slug>/organize/report.json", organizer.report_json,
         name="learning-report-json"),
    path("events/<slug:slug>/organize/hosts/", organizer.hosts, name="learning-hosts"),
    path("events/<slug:slug>/organize/hosts/add/", organizer.host_add,
         name="learning-host-add"),
    path("events/<slug:slug>/organize/mentors/", organizer.mentors, name="learning-mentors"),
    path("events/<slug:slug>/plans/new/", plans.plan_new, name="plan-new"),
    path("me/plans/<int:plan_id>/", plans.plan_detail, name="plan-detail"),
    path("me/plans/<int:plan_id>/edit/", plans.plan_edit, name="plan-edit"),
    path("me/plans/<int:plan_id>/history/", plans.plan_history, name="plan-history"),
    path("me/plans/<int:plan_id>/plan.pdf", plans.plan_pdf_download, name="plan-pdf"),
    path("me/plans/<int:plan_id>/invite/", plans.plan_invite, name="plan-invite"),
    path("me/plans/<int:plan_id>/comment/", plans.plan_comment, name="plan-comment"),
    path("me/plans/<int:plan_id>/checkin/", plans.plan_checkin, name="plan-checkin"),
    path("me/path/", me.learning_path, name="learning-path"),
    path("me/reassess/", me.reassess, name="reassess"),
    path("stories/", stories.story_list, name="story-list"),
    path("stories/new/", stories.story_new, name="story-new"),
    path("stories/<int:story_id>/", stories.story_detail, name="story-detail"),
    path("stories/<int:story_id>/edit/", stories.story_edit, name="story-edit"),
    path("stories/<int:story_id>/delete/", stories.story_delete, name="story-delete"),
    path("community/", community.community_home, name="community"),
    path("community/chapters/", community.chapters, name="chapters"),
    path("feedback/<str:token>/", links.feedback_link, name="feedback-link"),
    path("plans/checkin/<str:token>/", links.plan_checkin_link, name="plan-checkin-link"),
]
