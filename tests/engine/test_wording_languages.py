"""Generated wording in every shipped language: pitches read cleanly by each language's own
rules, the sentences are the ones a native speaker wrote, and English stays as it was."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from immerse.engine.catalogue import FORMATS, LEVEL_LABELS, TOOLS
from immerse.engine.languages import LANGUAGES, UnknownLanguageError, grammar_for
from immerse.engine.pitch import session_pitch
from immerse.engine.wording import count, join_words, levels_phrase, wording_problems

OTHERS = [code for code in LANGUAGES if code != "en"]
# Each single level, the adjacent pairs and all four (the sets a program actually uses).
LEVEL_SETS = [(1,), (2,), (3,), (4,), (1, 2), (2, 3), (3, 4), (1, 2, 3, 4)]
TOOL_SETS = [(), *((t.key,) for t in TOOLS), ("wikis", "live-video"),
             ("social-networking", "podcasts", "location")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_format_level_set_and_tool_reads_cleanly_in_each_language(language: str) -> None:
    problems = {}
    for fmt, levels, tools in itertools.product(FORMATS, LEVEL_SETS, TOOL_SETS):
        for topics in ((), ("crisis communication",)):
            pitch = session_pitch(format_key=fmt.key, levels=levels, tools=tools,
                                  topics=topics, language=language)
            found = wording_problems(pitch, language=language)
            if found:
                problems[(fmt.key, levels, tools, topics)] = (found, pitch)
    assert problems == {}


@pytest.mark.parametrize("language", OTHERS)
def test_no_pitch_in_another_language_shares_a_sentence_with_the_english(
        language: str) -> None:
    for fmt, levels in itertools.product(FORMATS, LEVEL_SETS):
        english = set(session_pitch(format_key=fmt.key, levels=levels, tools=["wikis"])
                      .split(". "))
        other = session_pitch(format_key=fmt.key, levels=levels, tools=["wikis"],
                              language=language)
        assert english.isdisjoint(other.split(". ")), (fmt.key, levels)


def test_german_pitch_inflects_the_dative_and_the_verb() -> None:
    assert session_pitch(format_key="story", levels=[1], tools=["social-networking"],
                         language="de") == (
        "Menschen, die mit sozialen Netzwerken angefangen haben, erzählen, was sie getan "
        "haben, was daraus wurde und was sie wieder so machen würden. Noch nie mit sozialen "
        "Netzwerken gearbeitet? Du erfährst, wie andere angefangen haben und welcher erste "
        "Schritt deiner sein könnte. Du nutzt soziale Netzwerke schon? Ein Vortrag zu Kontext "
        "und Strategie oder ein Praxislabor bringt dich weiter.")


def test_german_strategy_agrees_with_one_tool_and_with_two() -> None:
    one = session_pitch(format_key="strategy", levels=[2], tools=["microblogging"],
                        language="de")
    two = session_pitch(format_key="strategy", levels=[2], tools=["microblogging", "wikis"],
                        language="de")
    assert one.startswith("Warum Microblogging fürs Geschäft zählt: wo es passt, was es "
                          "kostet und was es bringt,")
    assert two.startswith("Warum Microblogging und Wikis fürs Geschäft zählen: wo sie passen, "
                          "was sie kosten und was sie bringen,")


def test_french_pitch_contracts_articles() -> None:
    assert session_pitch(format_key="workshop", levels=[3], tools=["live-video"],
                         language="fr") == (
        "En petit groupe, avec un animateur, chacun travaille sur son propre cas autour de la "
        "vidéo en direct. Vous savez où la vidéo en direct a sa place dans votre travail\u00a0? "
        "Vous repartez avec votre propre plan, relu par vos pairs et par un expert. Vous "
        "utilisez déjà la vidéo en direct au quotidien dans votre travail et pourriez y former "
        "d'autres\u00a0? L'espace communauté est pour vous. Vous débutez et cherchez "
        "encore l'intérêt pour l'entreprise\u00a0? Un exposé sur le contexte et la stratégie "
        "passe avant.")


def test_french_lists_contract_each_noun() -> None:
    pitch = session_pitch(format_key="community", levels=[4],
                          tools=["microblogging", "wikis", "live-video"], language="fr")
    assert pitch.startswith("Les praticiens du microblogging, des wikis et de la vidéo en "
                            "direct comparent leurs expériences")


def test_spanish_pitch_uses_del_and_the_pronoun_of_the_noun() -> None:
    assert session_pitch(format_key="lab", levels=[1], tools=["social-networking"],
                         language="es") == (
        "Saca el móvil y el portátil: configuras las redes sociales y las pruebas con alguien "
        "a tu lado para ayudarte. ¿Nunca has usado las redes sociales? Te vas con todo "
        "configurado y una primera prueba hecha. ¿Ya usas las redes sociales? Una charla "
        "sobre contexto y estrategia o un laboratorio práctico te lleva más lejos.")


def test_dutch_pitch_for_everyone() -> None:
    assert session_pitch(format_key="table", levels=[1, 2, 3, 4], tools=["podcasts"],
                         language="nl") == (
        "Gemengde ronde tafels, elk geleid door een ervaringsdeskundige: iedereen brengt een "
        "casus over podcasts mee. Open voor elk niveau: beginners horen hoe mensen zoals zij "
        "begonnen, ervaringsdeskundigen leiden een tafel en ontmoeten de mensen die ze gaan "
        "begeleiden.")


def test_a_plenary_names_its_theme_in_each_language() -> None:
    pitches = {code: session_pitch(format_key="plenary", levels=[1, 2, 3, 4],
                                   topics=["Employer branding"], language=code).split(". ")[0]
               for code in LANGUAGES}
    assert pitches == {
        "en": "Everyone together, for a shared moment on Employer branding",
        "nl": "Iedereen samen, voor een gedeeld moment over Employer branding",
        "de": "Alle zusammen, für einen gemeinsamen Moment rund um Employer branding",
        "fr": "Tout le monde ensemble, pour un moment partagé autour du thème "
              "«\u00a0Employer branding\u00a0»",
        "es": "Todos juntos, para un momento compartido sobre el tema «Employer branding»",
    }


@pytest.mark.parametrize(("language", "two", "three", "either"), [
    ("en", "a and b", "a, b and c", "a or b"),
    ("nl", "a en b", "a, b en c", "a of b"),
    ("de", "a und b", "a, b und c", "a oder b"),
    ("fr", "a et b", "a, b et c", "a ou b"),
    ("es", "a y b", "a, b y c", "a o b"),
])
def test_lists_join_in_each_language(language: str, two: str, three: str,
                                     either: str) -> None:
    join = grammar_for(language).join
    assert (join(["a"], False), join(["a", "b"], False), join(["a", "b", "c"], False),
            join(["a", "b"], True)) == ("a", two, three, either)


def test_spanish_and_becomes_e_before_an_i_sound_and_or_becomes_u_before_o() -> None:
    join = grammar_for("es").join
    assert join(["padres", "hijos"], False) == "padres e hijos"
    assert join(["Francia", "Inglaterra"], False) == "Francia e Inglaterra"
    assert join(["agua", "hielo"], False) == "agua y hielo"
    assert join(["siete", "ocho"], True) == "siete u ocho"
    assert join(["siete", "nueve"], True) == "siete o nueve"


@pytest.mark.parametrize(("language", "counts"), [
    ("en", ("0 sessions", "1 session", "2 sessions")),
    ("nl", ("0 sessies", "1 sessie", "2 sessies")),
    ("de", ("0 Sessions", "1 Session", "2 Sessions")),
    ("fr", ("0 session", "1 session", "2 sessions")),
    ("es", ("0 sesiones", "1 sesión", "2 sesiones")),
])
def test_counts_follow_each_languages_plural_rule(language: str,
                                                   counts: tuple[str, ...]) -> None:
    words = {"en": ("session", "sessions"), "nl": ("sessie", "sessies"),
             "de": ("Session", "Sessions"), "fr": ("session", "sessions"),
             "es": ("sesión", "sesiones")}[language]
    assert tuple(grammar_for(language).count(n, *words) for n in (0, 1, 2)) == counts


def test_level_names_are_the_glossarys() -> None:
    assert {code: tuple(grammar_for(code).level_names.values()) for code in LANGUAGES} == {
        "en": tuple(LEVEL_LABELS.values()),
        "nl": ("Eyeopener", "Babystapjes", "Voorbereiding", "Gewoon doen"),
        "de": ("Augenöffner", "Erste Schritte", "Vorbereitung", "Einfach machen"),
        "fr": ("Déclic", "Premiers pas", "Préparation", "Passer à l'action"),
        "es": ("Descubrimiento", "Primeros pasos", "Preparación", "Manos a la obra"),
    }


def test_an_unknown_language_is_named() -> None:
    with pytest.raises(UnknownLanguageError, match=r"'pt'.*known: en, nl, de, fr, es"):
        session_pitch(format_key="story", levels=[1], language="pt")


def test_a_regional_code_takes_its_languages_grammar() -> None:
    assert session_pitch(format_key="story", levels=[1], language="de-AT") == session_pitch(
        format_key="story", levels=[1], language="de")


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("nl", "Voor niveaus 3 is er de de lijst.",
     ["doubled word: 'de de'", "grammatical number: 'niveaus 3'"]),
    ("nl", "Ik weet dat dat klopt, voor de niveaus 1 tot en met 3.", []),
    ("fr", "Pour les niveaux 1 à 3, vous vous inscrivez\u00a0: c'est simple.", []),
    ("fr", "Pourquoi :", ["empty label: '...Pourquoi :'",
                          "placeholder or stray space: 'Pourquoi :'"]),
    ("fr", "Vous pourriez la enseigner autour de le thème.",
     ["missing elision: 'la e'", "missing contraction: 'de le'"]),
    ("es", "Hablamos de el tema.", ["missing contraction: 'de el'"]),
    ("es", "Para los niveles 2 y 3: Oficina / meta / ayuda.",
     ["keyword triple: 'Oficina / meta / ayuda'"]),
    ("de", "Du nutzt the Wikis [es|sie].",
     ["placeholder or stray space: 'Du nutzt the Wikis [es|sie].'", "English word: 'the'"]),
])
def test_wording_problems_reads_each_languages_words(language: str, text: str,
                                                     expected: list[str]) -> None:
    assert wording_problems(text, language=language) == expected


@pytest.mark.parametrize(("language", "one", "two", "every"), [
    ("en", "Preparation (level 3)", "Baby steps and Preparation (levels 2 and 3)",
     "every level"),
    ("nl", "Voorbereiding (niveau 3)", "Babystapjes en Voorbereiding (niveaus 2 en 3)",
     "elk niveau"),
    ("de", "Vorbereitung (Stufe 3)", "Erste Schritte und Vorbereitung (Stufen 2 und 3)",
     "alle Stufen"),
    ("fr", "Préparation (niveau 3)", "Premiers pas et Préparation (niveaux 2 et 3)",
     "tous les niveaux"),
    ("es", "Preparación (nivel 3)", "Primeros pasos y Preparación (niveles 2 y 3)",
     "todos los niveles"),
])
def test_levels_phrase_in_each_language_passes_its_check(language: str, one: str, two: str,
                                                         every: str) -> None:
    phrases = (levels_phrase([3], language=language),
               levels_phrase([3, 2], language=language),
               levels_phrase([1, 2, 3, 4], language=language))
    assert phrases == (one, two, every)
    assert all(wording_problems(p, language=language) == [] for p in phrases)


def test_the_shared_helpers_take_the_language() -> None:
    assert join_words(["a", "b", "c"], language="nl") == "a, b en c"
    assert join_words(["a", "b"], "or", language="de") == "a oder b"
    assert count(1, "person", "people") == "1 person"
    assert (count(0, "personne", "personnes", language="fr"),
            count(0, "persona", "personas", language="es")) == ("0 personne", "0 personas")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_covers_the_catalogue(language: str) -> None:
    grammar = grammar_for(language)
    missing = [f"format {f.key}: sentences" for f in FORMATS if f.key not in grammar.pitch]
    missing += [f"format {f.key}: name" for f in FORMATS if f.key not in grammar.format_names]
    for tool in TOOLS:
        try:
            grammar.subject([tool.key], None)
        except KeyError:
            missing.append(f"tool {tool.key}: noun")
    missing += [f"level {n}" for n in LEVEL_LABELS
                if n not in grammar.level_names or n not in grammar.look_for_lead]
    assert missing == []


def test_german_points_back_at_a_free_topic_with_das_whatever_its_gender() -> None:
    pitch = session_pitch(format_key="strategy", levels=[2], topics=["Krisenkommunikation"],
                          language="de")
    assert pitch.startswith("Warum Krisenkommunikation fürs Geschäft zählt: wo das passt, "
                            "was das kostet und was das bringt,")


@settings(max_examples=200, deadline=None)
@given(language=st.sampled_from(OTHERS), fmt=st.sampled_from([f.key for f in FORMATS]),
       levels=st.sampled_from(LEVEL_SETS),
       tools=st.lists(st.sampled_from([t.key for t in TOOLS]), max_size=4, unique=True),
       topics=st.lists(st.sampled_from(["Inclusión", "économie locale", "Hiring",
                                        "Onboarding", "iPhone video", "Krisen"]), max_size=2))
def test_any_tools_and_topics_read_cleanly_in_every_language(
        language: str, fmt: str, levels: tuple[int, ...], tools: list[str],
        topics: list[str]) -> None:
    pitch = session_pitch(format_key=fmt, levels=levels, topics=topics, tools=tools,
                          language=language)
    assert wording_problems(pitch, language=language) == [], pitch
    assert pitch[:1].isupper() and pitch.endswith(".")
    assert pitch == session_pitch(format_key=fmt, levels=levels, topics=topics, tools=tools,
                                  language=language)


def test_french_pronouns_agree_with_the_nouns_gender_and_number() -> None:
    def first(*tools: str) -> str:
        return session_pitch(format_key="lab", levels=[1], tools=list(tools),
                             language="fr").split("\u00a0: ")[1].split(",")[0]
    assert (first("live-video"), first("microblogging"), first("wikis")) == (
        "vous configurez la vidéo en direct et vous la testez",
        "vous configurez le microblogging et vous le testez",
        "vous configurez les wikis et vous les testez")
    strategy = session_pitch(format_key="strategy", levels=[2], tools=["live-video"],
                             language="fr")
    assert "où elle a sa place, ce qu'elle coûte et ce qu'elle rapporte" in strategy
