"""Issue 29: the program builder's notes, titles and reasons in every shipped language,
each sentence whole (``BuilderWords``), held to ``wording_problems`` in its language."""

from __future__ import annotations

import itertools
from datetime import time

import pytest

from immerse.engine.catalogue import FORMATS, TOOLS, formats_to_look_for
from immerse.engine.languages import LANGUAGES, UnknownLanguageError, grammar_for
from immerse.engine.program_builder import (
    IntakeSummary,
    ProgramProposal,
    RoomFrame,
    SlotFrame,
    build_program,
)
from immerse.engine.themes import Theme
from immerse.engine.wording import wording_problems

SLOTS = tuple(SlotFrame(time(h), time(h, 50)) for h in (9, 10, 11, 14, 15))
ROOMS = (RoomFrame("Hall", 40), RoomFrame("B", 15))
#: a named theme, a theme named by its quote, and an organizer's own topic
THEMES: tuple[Theme | str, ...] = (
    Theme("Approval, policy and risk", ("approval",), (0, 1, 2),
          quote="“Legal must approve every post”"),
    Theme("“Kunden lesen selten Blogs”", ("clients",), (3,),
          quote="“Kunden lesen selten Blogs”"),
    "Podcasts 2030",
)


def _build(language: str, *, levels: dict[int, int], tools: dict[str, int],
           themes: tuple[Theme | str, ...] = (), rooms: tuple[RoomFrame, ...] = ROOMS,
           days: int = 1, slots: tuple[SlotFrame, ...] = SLOTS[:3],
           provocations: int | None = None) -> ProgramProposal:
    return build_program(
        intake=IntakeSummary(attendees=sum(levels.values()), levels=levels, tool_users=tools,
                             themes=themes),
        days=days, slots_per_day=slots, rooms=rooms, provocations=provocations,
        language=language)


def _texts(proposal: ProgramProposal) -> list[str]:
    return [*proposal.notes, *(s.title for s in proposal.sessions),
            *(s.reason for s in proposal.sessions)]


ONE_DAY = {"levels": {1: 12, 2: 10, 3: 6, 4: 2},
           "tools": {"social-networking": 25, "video-sharing": 4}}


def test_english_is_as_it_always_was() -> None:
    sessions = _build("en", **ONE_DAY).sessions
    assert [s.title for s in sessions[:3]] == [
        "Listening: what people already say about you and your sector",
        "Stories: how others started with social networking",
        "Context & strategy: the business case for social networking, with time to reflect"]
    assert sessions[1].reason == ("12 of 30 are at Eye-opener; 5 of 30 do not use social "
                                  "networking yet: story & case sharing on day 1.")


@pytest.mark.parametrize(("language", "titles", "reason"), [
    ("de", ["Zuhören: Was die Leute schon über dich und deine Branche sagen",
            "Geschichten: wie andere mit sozialen Netzwerken angefangen haben",
            "Kontext und Strategie: der Nutzen von sozialen Netzwerken, mit Zeit zum "
            "Nachdenken"],
     "12 von 30 sind auf Stufe Augenöffner; 5 von 30 nutzen soziale Netzwerke noch nicht: "
     "Geschichten und Praxisbeispiele an Tag 1."),
    ("nl", ["Luisteren: wat mensen nu al over jou en je sector zeggen",
            "Verhalen: hoe anderen begonnen met sociale netwerken",
            "Context en strategie: de waarde van sociale netwerken, met tijd om na te denken"],
     "12 van 30 zitten op niveau Eyeopener; 5 van 30 gebruiken sociale netwerken nog niet: "
     "verhalen en praktijkvoorbeelden op dag 1."),
    ("fr", ["Écoute\u00a0: ce que l'on dit déjà de vous et de votre secteur",
            "Récits\u00a0: comment d'autres ont commencé avec les réseaux sociaux",
            "Contexte et stratégie\u00a0: l'intérêt des réseaux sociaux pour votre "
            "organisation, avec du temps pour réfléchir"],
     "12 sur 30 sont au niveau Déclic\u00a0; 5 sur 30 n'utilisent pas encore les réseaux "
     "sociaux\u00a0: récits et retours d'expérience, jour 1."),
    ("es", ["Escucha: lo que la gente ya dice de ti y de tu sector",
            "Historias: cómo empezaron otros con las redes sociales",
            "Contexto y estrategia: el valor de las redes sociales para tu organización, con "
            "tiempo para reflexionar"],
     "12 de 30 están en el nivel Descubrimiento; 5 de 30 aún no usan las redes sociales: "
     "historias y casos compartidos el día 1."),
])
def test_titles_and_reasons_in_each_language(language: str, titles: list[str],
                                             reason: str) -> None:
    sessions = _build(language, **ONE_DAY).sessions
    assert [s.title for s in sessions[:3]] == titles
    assert sessions[1].reason == reason


CROWDED = {"levels": {1: 60, 2: 20, 3: 20, 4: 0}, "tools": {"wikis": 5}, "days": 2,
           "slots": SLOTS[:2], "rooms": ROOMS[:1], "provocations": 4}


@pytest.mark.parametrize(("language", "notes", "lab"), [
    ("en", ["4 provocations over 2 days: some days have two.",
            "No Just do it practitioners registered: invite practitioners or facilitators to "
            "host the tables and labs."],
     "Hands-on every day: 100 at Eye-opener and Baby steps and Preparation try wikis (5 of "
     "100 use it already)."),
    ("nl", ["4 prikkels over 2 dagen: sommige dagen hebben er twee.",
            "Niemand op niveau Gewoon doen aangemeld: nodig ervaringsdeskundigen of "
            "begeleiders uit om de tafels en labs te leiden."],
     "Elke dag praktijk: 100 deelnemers (Eyeopener, Babystapjes en Voorbereiding) proberen "
     "wiki's uit (5 van 100 gebruiken ze al)."),
    ("de", ["4 Impulse an 2 Tagen: An manchen Tagen gibt es zwei.",
            "Niemand auf Stufe Einfach machen angemeldet: Lade Praktikerinnen und Praktiker "
            "oder Moderierende ein, die Tische und Labore zu leiten."],
     "Jeden Tag praktisch: 100 Personen (Augenöffner, Erste Schritte und Vorbereitung) testen "
     "Wikis (5 von 100 nutzen sie schon)."),
    ("fr", ["4 regards d'expert sur 2 jours\u00a0: certains jours en ont deux.",
            "Aucune personne inscrite au niveau Passer à l'action\u00a0: invitez des praticiens ou "
            "des animateurs pour animer les tables et les labos."],
     "De la pratique chaque jour\u00a0: 100 personnes (Déclic, Premiers pas et Préparation) "
     "essaient les wikis (5 sur 100 les utilisent déjà)."),
    ("es", ["4 provocaciones en 2 días: algunos días tienen dos.",
            "Nadie inscrito en el nivel Manos a la obra: invita a profesionales o "
            "a personas facilitadoras para conducir las mesas y los laboratorios."],
     "Práctica cada día: 100 personas (Descubrimiento, Primeros pasos y Preparación) prueban "
     "las wikis (5 de 100 ya las usan)."),
])
def test_notes_and_lab_reasons_in_each_language(language: str, notes: list[str],
                                                lab: str) -> None:
    proposal = _build(language, **CROWDED)
    assert [proposal.notes[1], proposal.notes[-1]] == notes
    assert proposal.sessions[1].reason == lab


def test_notes_may_be_in_another_language_than_the_proposals() -> None:
    proposal = build_program(
        intake=IntakeSummary(attendees=30, levels={1: 30}), days=1, slots_per_day=SLOTS[:1],
        rooms=ROOMS, language="de", notes_language="fr")
    assert proposal.sessions[0].title == ("Zuhören: Was die Leute schon über dich und deine "
                                          "Branche sagen")
    assert proposal.notes[0] == ("Jour 1\u00a0: pas assez de créneaux pour un labo pratique, "
                                 "une session par niveau et les discussions à table.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_covers_the_formats_that_lead_a_level(language: str) -> None:
    words = grammar_for(language).builder
    assert {formats_to_look_for(level)[0].key for level in (1, 2, 3, 4)} <= set(words.titles)
    assert set(words.formats) >= {f.key for f in FORMATS}


def test_an_unknown_language_is_named() -> None:
    with pytest.raises(UnknownLanguageError, match="'pt'"):
        _build("pt", **ONE_DAY)


LEVEL_MIXES = [dict.fromkeys(levels, 14) for n in range(1, 5)
               for levels in itertools.combinations((1, 2, 3, 4), n)]
FRAMES = [(ROOMS[:1], 1), (ROOMS, 2), ((*ROOMS, RoomFrame("C", 10), RoomFrame("D", 5)), 1)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_proposal_reads_whole_in_every_language(language: str) -> None:
    """Every format × level mix × tool × theme kind the builder writes, in every language,
    with every note (too many attendees, crowded workshops, more provocations than days,
    dropped slots, short rooms, no practitioners)."""
    problems: dict[str, list[str]] = {}
    seen_formats: set[str] = set()
    for (levels, (rooms, days)), (turn, tool) in itertools.product(
            itertools.product(LEVEL_MIXES, FRAMES), enumerate(TOOLS)):
        themes = (THEMES[turn % 3],) if turn % 4 else ()
        proposal = _build(language, levels=levels, tools={tool.key: turn % 3 * 5},
                          themes=themes, rooms=rooms, days=days, slots=SLOTS[:1 + turn % 5],
                          provocations=3 if turn % 2 else None)
        seen_formats |= {s.format_key for s in proposal.sessions}
        for text in _texts(proposal):
            if found := wording_problems(text, language=language):
                problems[text] = found
    crowded = _build(language, levels={1: 60, 2: 20, 3: 20, 4: 0}, tools={}, days=2,
                     slots=SLOTS[:2], rooms=ROOMS[:1], provocations=4)
    assert len(crowded.notes) >= 4
    for text in _texts(crowded):
        if found := wording_problems(text, language=language):
            problems[text] = found
    assert problems == {}
    assert seen_formats == {"listening", "story", "strategy", "workshop", "community", "lab",
                            "provocation", "table"}
