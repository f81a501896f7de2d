"""The level explanation in every shipped language: the same answers, the same rung, the
language's own sentence."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.catalogue import TOOLS
from immerse.engine.languages import LANGUAGES
from immerse.engine.levels import QUESTION_BY_KEY, ToolUse, assess, explanation, look_for
from immerse.engine.wording import wording_problems

ANSWERS = [
    dict(zip(("work_use", "plan", "led", "teach"), combo, strict=True))
    for combo in itertools.product(
        [c.key for c in QUESTION_BY_KEY["work_use"].choices],
        [c.key for c in QUESTION_BY_KEY["plan"].choices],
        ["no", "led"], ["no", "yes"])
]
TOOL_CASES = [{}, *({t.key: ToolUse(f, c)} for t in TOOLS
                    for f, c in (("tried", 2), ("weekly", 4), ("daily", 5)))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_explanation_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    for answers, tools in itertools.product(ANSWERS, TOOL_CASES):
        text = explanation(answers=answers, tool_uses=tools, language=language)
        found = wording_problems(text, language=language)
        if found:
            problems[(tuple(answers.values()), tuple(tools))] = (found, text)
    assert problems == {}


def test_english_explanation_is_the_one_assess_stores() -> None:
    for answers, tools in itertools.product(ANSWERS, TOOL_CASES[:6]):
        assert explanation(answers=answers, tool_uses=tools) == assess(
            answers=answers, tool_uses=tools).explanation


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", "Je gebruikt wiki's wekelijks voor je werk en hebt een plan, maar Gewoon doen "
           "vraagt ook een initiatief dat je zelf leidde: workshops op het niveau "
           "Voorbereiding geven je feedback van anderen, begeleiding van experts en een plan "
           "om mee naar huis te nemen."),
    ("de", "Du nutzt Wikis wöchentlich für die Arbeit und hast einen Plan, aber für Einfach "
           "machen fehlt noch eine Initiative, die du geleitet hast: Workshops der Stufe "
           "Vorbereitung geben dir Rückmeldung von anderen, Anleitung von Fachleuten und "
           "einen Plan zum Mitnehmen."),
    ("fr", "Vous utilisez les wikis chaque semaine pour le travail et avez un plan, mais "
           "Passer à l'action demande aussi une initiative que vous avez menée\u00a0: les "
           "ateliers Préparation vous apportent la relecture de vos pairs, les conseils d'un "
           "expert et un plan à emporter."),
    ("es", "Usas las wikis cada semana para el trabajo y tienes un plan, pero Manos a la obra "
           "también pide una iniciativa que hayas dirigido: los talleres de Preparación te "
           "dan la revisión de tus colegas, la guía de personas expertas y un plan para "
           "llevarte."),
])
def test_a_written_plan_without_an_initiative_in_each_language(language: str,
                                                               expected: str) -> None:
    answers = {"work_use": "job", "plan": "written", "led": "no", "teach": "yes"}
    tools = {"wikis": ToolUse("weekly", 4)}
    assert assess(answers=answers, tool_uses=tools).level == 3
    assert explanation(answers=answers, tool_uses=tools, language=language) == expected


def test_private_use_in_german_and_spanish() -> None:
    answers = {"work_use": "private"}
    tools = {"social-networking": ToolUse("tried", 2)}
    assert explanation(answers=answers, tool_uses=tools, language="de") == (
        "Du hast soziale Netzwerke ausprobiert, privat, noch nicht für die Arbeit: Sessions "
        "der Stufe Erste Schritte geben dir Kontext, Strategie und den Nutzen fürs Geschäft, "
        "mit Zeit zum Nachdenken.")
    assert explanation(answers=answers, tool_uses=tools, language="es") == (
        "Has probado las redes sociales, en privado, aún no para el trabajo: las sesiones de "
        "Primeros pasos te dan el contexto, la estrategia y los beneficios para el negocio, "
        "con tiempo para reflexionar.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_to_look_for_reads_cleanly_at_every_level(language: str) -> None:
    advice = [look_for(level, language=language) for level in (1, 2, 3, 4)]
    assert [wording_problems(a, language=language) for a in advice] == [[]] * 4
    assert len(set(advice)) == 4


def test_what_to_look_for_names_the_glossarys_formats() -> None:
    assert look_for(4) == (
        "Share what you learned with other practitioners, and host tables for levels 1-3. "
        "Formats to look for: Community space, Table discussion, Expert provocation.")
    assert look_for(4, language="fr") == (
        "Partagez ce que vous avez appris avec d'autres praticiens, et animez des tables pour "
        "les niveaux 1 à 3. Formats à privilégier\u00a0: Espace communauté, Discussion à "
        "table, Regard d'expert qui bouscule.")
    assert look_for(1, language="nl").endswith(
        "Vormen die bij je passen: Verhalen en praktijkvoorbeelden, Praktijklab, "
        "Luisteroefening, Tafelgesprek.")
