"""The stories and cases library: privacy per item, full-text search, filters, session cases."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory

from immerse.learning.models import Story
from immerse.learning.selectors.stories import stories_search
from tests.factories import make_event, make_role, make_session, make_user, session_started
from tests.learning.factories import login, make_attendee, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    event = make_event(slug="immersion")
    other_event = make_event(slug="elsewhere")
    author_user, author = make_attendee(event=event)
    make_story(title="Public listening story", privacy="public", event=event, person=author,
               body="We listened to customers on forums before posting anything.")
    make_story(title="Participants only story", privacy="participants", event=event,
               person=author, body="Our legal team approved the listening plan.")
    make_story(title="Private problem", privacy="private", event=event, person=author,
               kind="problem", body="Our listening tool leaked a customer list.")
    return {"event": event, "other_event": other_event, "author": author_user}


def _titles(client: Client, query: str = "") -> set[str]:
    response = client.get("/stories/", {"q": query} if query else {})
    assert response.status_code == 200
    return {s.title for s in response.context["stories"]}


def test_anonymous_visitors_see_only_public_stories(library) -> None:
    assert _titles(Client()) == {"Public listening story"}


def test_participants_see_participant_stories_but_not_private_ones(library) -> None:
    user, _ = make_attendee(event=library["event"])
    assert _titles(login(user)) == {"Public listening story", "Participants only story"}


def test_attendees_of_another_event_do_not_see_participant_stories(library) -> None:
    user, _ = make_attendee(event=library["other_event"])
    assert _titles(login(user)) == {"Public listening story"}


def test_cancelled_registration_loses_participant_access(library) -> None:
    user, _ = make_attendee(event=library["event"], status="cancelled")
    assert _titles(login(user)) == {"Public listening story"}


def test_author_and_organizers_see_private_items(library) -> None:
    organizer = make_user()
    make_role(event=library["event"], user=organizer)
    everything = {"Public listening story", "Participants only story", "Private problem"}
    assert _titles(login(library["author"])) == everything
    assert _titles(login(organizer)) == everything


def test_facilitators_do_not_see_private_items(library) -> None:
    facilitator = make_user()
    make_role(event=library["event"], user=facilitator, role="facilitator")
    assert _titles(login(facilitator)) == {"Public listening story", "Participants only story"}


def test_private_story_page_is_404_for_others(library) -> None:
    private = Story.objects.get(title="Private problem")
    outsider, _ = make_attendee(event=library["event"])
    assert login(outsider).get(f"/stories/{private.pk}/").status_code == 404
    assert Client().get(f"/stories/{private.pk}/").status_code == 404
    assert login(library["author"]).get(f"/stories/{private.pk}/").status_code == 200


def test_search_runs_full_text_on_the_database_in_use(library) -> None:
    organizer = make_user(staff=True)
    client = login(organizer)
    assert connection.vendor in {"sqlite", "postgresql"}
    assert _titles(client, "listening") == {
        "Public listening story", "Participants only story", "Private problem"}
    # Stemming: "listened" and "customers" match "listening" / "customer".
    assert _titles(client, "customers listened") == {"Public listening story",
                                                     "Private problem"}
    assert _titles(client, "legal approved") == {"Participants only story"}
    assert _titles(client, "nothing-like-this zebra") == set()


def test_search_respects_privacy(library) -> None:
    make_story(title="Hidden", privacy="private", topics=["secret merger"])
    assert "secret merger" not in Client().get("/stories/").context["topics"]
    assert _titles(Client(), "legal") == set()
    assert _titles(Client(), "forums") == {"Public listening story"}


def test_search_treats_operators_as_words(library) -> None:
    client = login(make_user(staff=True))
    assert _titles(client, 'forums" OR "legal') == set()  # all words required, no syntax
    assert _titles(client, 'forums* "before') == {"Public listening story"}


def test_search_finds_tools_and_topics(library) -> None:
    make_story(title="Wiki case", privacy="public", tools=("wikis",), topics=["intranet"],
               kind="case", what_was_done="Moved the handbook.")
    assert _titles(Client(), "wikis") == {"Wiki case"}
    assert _titles(Client(), "intranet") == {"Wiki case"}


def test_edited_story_is_found_by_its_new_words(library) -> None:
    story = make_story(title="Draft", privacy="public")
    assert _titles(Client(), "podcast") == set()
    from immerse.learning.services import story_save

    story_save(story=story, body="We started a podcast.")
    assert _titles(Client(), "podcast") == {"Draft"}
    story.delete()
    assert _titles(Client(), "podcast") == set()


def test_filters_by_tool_topic_level_discipline_and_kind(library) -> None:
    make_story(title="Video case", kind="case", tools=("video-sharing",), topics=["video"],
               level=2, discipline="pr")
    make_story(title="Blog story", tools=("blogging",), topics=["writing"], level=1,
               discipline="hr")
    anon = AnonymousUser()
    titles = lambda **kw: {s.title for s in stories_search(user=anon, **kw)}  # noqa: E731
    assert titles(tool="video-sharing") == {"Video case"}
    assert titles(topic="writing") == {"Blog story"}
    assert titles(level=2) == {"Video case"}
    assert titles(discipline="hr") == {"Blog story"}
    assert titles(kind="case") == {"Video case"}
    assert titles(tool="blogging", text="blog") == {"Blog story"}
    response = Client().get("/stories/", {"tool": "video-sharing", "level": "2"})
    assert [s.title for s in response.context["stories"]] == ["Video case"]


def test_attendee_shares_a_story_through_the_form(library) -> None:
    user, person = make_attendee(event=library["event"])
    client = login(user)
    response = client.post("/stories/new/", {
        "kind": "story", "title": "Our first livestream", "body": "It went well.",
        "topics": "Video, Live", "privacy": "participants", "event": library["event"].pk,
        "tools": []})
    story = Story.objects.get(title="Our first livestream")
    assert response.status_code == 302
    assert story.person == person and story.topics == ["video", "live"]
    assert _titles(Client(), "livestream") == set()
    assert _titles(client, "livestream") == {"Our first livestream"}


def test_participants_privacy_without_event_is_refused(library) -> None:
    user, _ = make_attendee(event=library["event"])
    response = login(user).post("/stories/new/", {
        "kind": "story", "title": "Floating", "privacy": "participants"})
    assert response.status_code == 200
    assert "choose the event" in response.content.decode()
    assert not Story.objects.filter(title="Floating").exists()


def test_session_cases_tag_shows_visible_cases_and_feedback_link(library) -> None:
    # Started: feedback opens when the session starts.
    session = session_started(make_session(event=library["event"], title="Listening lab"))
    case = make_story(title="Listening case", kind="case", privacy="public")
    hidden = make_story(title="Hidden case", kind="case", privacy="private")
    case.sessions.add(session)
    hidden.sessions.add(session)
    template = Template("{% load learning_tags %}{% session_cases session %}")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = template.render(Context({"request": request, "session": session}))
    assert "Listening case" in html and "Hidden case" not in html
    assert "Give feedback" not in html
    request.user = library["author"]
    html = template.render(Context({"request": request, "session": session}))
    assert f"/events/immersion/sessions/{session.pk}/feedback/" in html


def test_story_list_queries_do_not_grow_with_stories(django_assert_max_num_queries) -> None:
    event = make_event()
    for n in range(3):
        make_story(title=f"Story {n}", event=event, tools=("wikis", "blogging"))
    client = Client()
    with django_assert_max_num_queries(12) as few:
        client.get("/stories/")
    for n in range(12):
        make_story(title=f"More {n}", event=event, tools=("wikis",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/stories/")


def test_story_saved_in_the_admin_is_searchable() -> None:
    from django.contrib.auth import get_user_model

    from immerse.people.services.tools import tools_sync

    admin = get_user_model().objects.create_superuser("boss", "boss@test.example", "pw-12345")
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/learning/story/add/", {
        "kind": "case", "title": "Admin case", "body": "A hackathon story",
        "topics": "[]", "privacy": "public", "tools": [tools_sync()["wikis"].pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _titles(Client(), "hackathon wikis") == {"Admin case"}


# --- the author changes or deletes their story ---------------------------------------------

def _story(title: str) -> Story:
    return Story.objects.get(title=title)


def test_the_author_changes_their_story_and_it_is_found_by_its_new_words(library) -> None:
    story = _story("Public listening story")
    client = login(library["author"])
    page = client.get(f"/stories/{story.pk}/").content.decode()
    assert f'href="/stories/{story.pk}/edit/"' in page
    assert f'href="/stories/{story.pk}/delete/"' in page
    form = client.get(f"/stories/{story.pk}/edit/").content.decode()
    assert 'value="Public listening story"' in form
    response = client.post(f"/stories/{story.pk}/edit/", {
        "kind": "story", "title": "Listening on forums", "body": "Kazoo orchestra.",
        "topics": "listening", "privacy": "public", "event": library["event"].pk,
        "tools": []})
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.topics, story.privacy) == ("Listening on forums",
                                                          ["listening"], "public")
    assert _titles(Client(), "kazoo") == {"Listening on forums"}


def test_the_author_deletes_their_story_after_a_question(library) -> None:
    story = _story("Private problem")
    client = login(library["author"])
    question = client.get(f"/stories/{story.pk}/delete/")
    assert question.status_code == 200
    assert "Delete your story?" in question.content.decode()
    assert Story.objects.filter(pk=story.pk).exists()  # asking deletes nothing
    assert client.post(f"/stories/{story.pk}/delete/").status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()


def test_others_cannot_change_or_delete_a_story(library) -> None:
    public, private = _story("Public listening story"), _story("Private problem")
    reader, _ = make_attendee(event=library["event"])
    client = login(reader)
    for action in ("edit", "delete"):
        assert client.get(f"/stories/{public.pk}/{action}/").status_code == 403
        assert client.post(f"/stories/{public.pk}/{action}/",
                           {"title": "Hijacked", "kind": "story",
                            "privacy": "public"}).status_code == 403
        assert client.get(f"/stories/{private.pk}/{action}/").status_code == 404
        assert Client().get(f"/stories/{public.pk}/{action}/").status_code == 302  # log in
    assert 'href="/stories/' + str(public.pk) + '/edit/"' not in \
        client.get(f"/stories/{public.pk}/").content.decode()
    assert Story.objects.filter(title="Public listening story").exists()


def test_a_new_story_is_private_unless_chosen_and_the_form_says_who_sees_it(library) -> None:
    user, _ = make_attendee(event=library["event"])
    html = login(user).get("/stories/new/").content.decode()
    assert '<option value="private" selected>' in html
    assert "Only me and the organizers: you and the event&#x27;s organizers." in html
    signup = Client().get(f"/events/{library['event'].slug}/signup/").content.decode()
    assert '<option value="private" selected>' in signup
    assert "Public: anyone, also without logging in." in signup
