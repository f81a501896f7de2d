"""The reason a session is on an agenda, in every shipped language: the engine gives parts,
each language writes them whole; English reads as it always did, and every combination
reads cleanly by its language's rules (``wording_problems``)."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.agenda.costs import PersonFacts, SessionFacts, fit, fit_parts
from immerse.engine.agenda.reasons import (
    ReasonPart,
    reason_from_json,
    reason_shown,
    reason_text,
    reason_to_json,
)
from immerse.engine.catalogue import FORMATS, GOALS, TOOLS
from immerse.engine.languages import LANGUAGES, grammar_for
from immerse.engine.wording import wording_problems

OTHERS = [code for code in LANGUAGES if code != "en"]
LEVEL = ReasonPart("level", level=3, levels=(3,))


def person(level: int | None = 3, **facts: object) -> PersonFacts:
    defaults: dict[str, object] = {"interests": frozenset(), "wishes": frozenset()}
    return PersonFacts(level=level, **{**defaults, **facts})  # type: ignore[arg-type]


def test_fit_is_the_english_text_of_its_parts() -> None:
    someone = person(2, interests=frozenset({"wikis", "Crisis"}), goal="plan",
                     problems="Our wiki is dead. Nobody edits it.", wishes=frozenset({"s1"}))
    session = SessionFacts("s1", "Wiki clinic", (3,), ("Crisis",), ("wikis",), "workshop")

    cost, parts = fit_parts(someone, session)

    assert fit(someone, session) == (cost, reason_text(parts))
    assert reason_text(parts) == (
        "You starred it. You asked for a plan to take home: this workshop ends with yours. "
        "A step up from Baby steps, your level: a stretch.")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You asked for a plan to take home: this workshop ends with yours. Made for "
           "Preparation, your level."),
    ("nl", "Je vroeg om een plan om mee naar huis te nemen: deze workshop eindigt met jouw "
           "plan. Gemaakt voor Voorbereiding, jouw niveau."),
    ("de", "Du wolltest einen Plan zum Mitnehmen: Dieser Workshop endet mit deinem. Gemacht "
           "für Vorbereitung, deine Stufe."),
    ("fr", "Vous vouliez un plan à emporter\u00a0: cet atelier se termine avec le vôtre. "
           "Conçue pour le niveau Préparation, le vôtre."),
    ("es", "Pediste un plan para llevarte a casa: este taller termina con el tuyo. Pensada "
           "para Preparación, tu nivel."),
])
def test_a_goal_and_the_level_in_each_language(language: str, expected: str) -> None:
    reason = (ReasonPart("goal", goal="plan", format="workshop"), LEVEL)
    assert reason_text(reason, language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You asked about crisis talk, social networking and wikis. Three steps back from "
           "Just do it, your level: you can help others here."),
    ("nl", "Je wilde meer weten over sociale netwerken, wiki's en crisis talk. Drie stappen "
           "onder Gewoon doen, jouw niveau: hier kun je anderen helpen."),
    ("de", "Du interessierst dich für soziale Netzwerke, Wikis und crisis talk. Drei Stufen "
           "unter Einfach machen, deiner Stufe: Hier kannst du anderen helfen."),
    ("fr", "Vous vous intéressez aux réseaux sociaux, aux wikis et au thème «\u00a0crisis "
           "talk\u00a0». Trois niveaux en dessous du vôtre (Passer à l'action)\u00a0: vous "
           "pouvez y aider les autres."),
    ("es", "Mostraste interés por las redes sociales, las wikis y el tema «crisis talk». Tres "
           "niveles por debajo del tuyo (Manos a la obra): aquí puedes ayudar a otras "
           "personas."),
])
def test_interests_are_inflected_and_joined_in_each_language(language: str,
                                                             expected: str) -> None:
    reason = (ReasonPart("interests", tools=("social-networking", "wikis"),
                         topics=("crisis talk",)),
              ReasonPart("level", level=4, levels=(1,)))
    assert reason_text(reason, language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You wrote “Our LinkedIn page is silent”: it covers social networking. "
           "Open to every level."),
    ("nl", "Je schreef “Our LinkedIn page is silent”: deze sessie gaat over sociale "
           "netwerken. Open voor elk niveau."),
    ("de", "Du hast „Our LinkedIn page is silent“ geschrieben: Hier geht es um soziale "
           "Netzwerke. Offen für alle Stufen."),
    ("fr", "Vous avez écrit «\u00a0Our LinkedIn page is silent\u00a0»\u00a0: la session "
           "parle des réseaux sociaux. Ouverte à tous les niveaux."),
    ("es", "Escribiste «Our LinkedIn page is silent»: la sesión trata de las redes sociales. "
           "Abierta a todos los niveles."),
])
def test_the_persons_own_words_stand_in_the_languages_quotation_marks(
        language: str, expected: str) -> None:
    reason = (ReasonPart("problem", text="Our LinkedIn page is silent",
                         tools=("social-networking",)),
              ReasonPart("level", level=2, levels=(1, 2, 3, 4)))
    assert reason_text(reason, language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You chose it. You starred it. Your level card puts hands-on labs first. Made for "
           "Eye-opener, your level."),
    ("de", "Du hast diese Session selbst gewählt. Du hast diese Session markiert. Deine "
           "Stufenkarte nennt Praxislabore zuerst. Gemacht für Augenöffner, deine Stufe."),
])
def test_a_session_the_person_chose_says_so_first(language: str, expected: str) -> None:
    reason = (ReasonPart("chosen"), ReasonPart("starred"), ReasonPart("look_for", format="lab"),
              ReasonPart("level", level=1, levels=(1,)))
    assert reason_text(reason, language) == expected


def test_every_language_covers_the_catalogue() -> None:
    for language in LANGUAGES:
        words = grammar_for(language).reasons
        assert set(words.wishes) == {goal.key for goal in GOALS}, language
        assert set(words.answers) == {f for goal in GOALS for f in goal.answers}, language
        assert set(words.look_for_first) == {f.key for f in FORMATS}, language
        assert set(words.tools) >= {tool.key for tool in TOOLS}, language


# Every kind of match the fit function reports, with one, two and three tools or topics.
PERSONS = [
    person(level, goal=goal, interests=frozenset(interests), problems=problems,
           wishes=frozenset(wishes))
    for level, goal, interests, problems, wishes in itertools.product(
        (None, 1, 2, 3, 4), (None, *(g.key for g in GOALS)),
        ((), ("wikis",), ("podcasts", "live-video", "Krisen")),
        ("", "LinkedIn, Slack, Mastodon: Krisen"), ((), ("s",)))
]
SESSIONS = [
    SessionFacts("s", "Session", levels, topics, tools, fmt.key)
    for fmt in FORMATS
    for levels in ((1,), (2,), (3,), (4,), (1, 2), (3, 4), (1, 2, 3, 4))
    for topics, tools in (((), ()), (("Krisen",), ("wikis",)),
                          (("Krisen",), ("podcasts", "live-video", "social-networking")))
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    texts = set()
    for someone, session in itertools.product(PERSONS, SESSIONS):
        _cost, reason = fit_parts(someone, session)
        texts.add(reason_text(reason, language))
    for text in texts:
        found = wording_problems(text, language=language)
        if found:
            problems[text] = found
    assert len(texts) > 500
    assert problems == {}


@pytest.mark.parametrize("language", OTHERS)
def test_no_reason_in_another_language_shares_a_sentence_with_the_english(
        language: str) -> None:
    for someone, session in itertools.product(PERSONS[::7], SESSIONS[::5]):
        _cost, reason = fit_parts(someone, session)
        english = set(reason_text(reason).split(". "))
        assert english.isdisjoint(reason_text(reason, language).split(". ")), reason


def test_parts_survive_json_and_unknown_data_falls_back_to_the_stored_text() -> None:
    reason = (ReasonPart("problem", text="Slack", tools=("microblogging",), topics=("x",)),
              ReasonPart("level", level=2, levels=(1, 2)))
    assert reason_from_json(reason_to_json(reason)) == reason
    assert reason_shown("Stored.", reason_to_json(reason), "de-AT") == reason_text(reason, "de")
    assert reason_shown("Stored.", reason_to_json(reason), "en") == "Stored."
    assert reason_shown("Stored.", [], "de") == "Stored."  # a row from before parts
    assert reason_shown("Stored.", [{"kind": "teleport"}], "de") == "Stored."
    assert reason_shown("Stored.", [{"kind": "look_for", "format": "gone"}], "nl") == "Stored."
    assert reason_shown("Stored.", reason_to_json(reason), "pt") == "Stored."


def test_a_topic_the_problem_matched_keeps_its_capitals_outside_english() -> None:
    someone = person(2, problems="Krisenkommunikation frisst unsere Zeit")
    session = SessionFacts("s", "Krisen", (2,), ("Krisenkommunikation",), (), "lab")

    _cost, reason = fit_parts(someone, session)

    assert reason_text(reason) == (
        "You wrote “Krisenkommunikation frisst unsere Zeit”: it covers krisenkommunikation. "
        "Made for Baby steps, your level.")
    assert reason_text(reason, "de") == (
        "Du hast „Krisenkommunikation frisst unsere Zeit“ geschrieben: Hier geht es um "
        "Krisenkommunikation. Gemacht für Erste Schritte, deine Stufe.")
