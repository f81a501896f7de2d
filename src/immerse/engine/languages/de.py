"""Deutsch: the pitch and the level explanation as a German speaker writes them (du).

Level names (glossary, docs/languages.md): Augenöffner, Erste Schritte, Vorbereitung,
Einfach machen. The tools are named without an article, as German names a practice
("mit Microblogging", "in sozialen Netzwerken"); each noun carries its dative, since an
adjective and a plural change with the case. A free topic counts as neuter, as most loan
words in German do ("das Employer Branding"). Slots: ``{s}`` (nominative/accusative),
``{s_dat}``; ``[sg|pl]`` chooses the verb and ``{es}`` the pronoun.
"""

from __future__ import annotations

from collections.abc import Sequence

from immerse.engine.catalogue import TOOL_BY_KEY
from immerse.engine.languages.de_builder import builder_words
from immerse.engine.languages.grammar import (
    Explained,
    FormatWords,
    Grammar,
    InventoryWords,
    NextStepWords,
    Noun,
    ReasonWords,
    Subject,
    SummaryWords,
    TableWords,
    WordingRules,
    subject_of,
)

LEVEL_NAMES = {1: "Augenöffner", 2: "Erste Schritte", 3: "Vorbereitung", 4: "Einfach machen"}


def join(items: Sequence[str], alternative: bool = False) -> str:
    """'a, b und c' (German sets no comma before "und")."""
    parts = [p for p in items if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" oder " if alternative else " und ") + parts[-1]


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _noun(text: str, dat: str | None = None, *, plural: bool = False) -> Noun:
    # Every singular tool word here is neuter (das Microblogging, das Live-Video).
    return Noun(text, "n", plural, {"dat": dat or text})


TOOLS: dict[str, Noun] = {
    "microblogging": _noun("Microblogging"),
    "social-networking": _noun("soziale Netzwerke", "sozialen Netzwerken", plural=True),
    "blogging": _noun("Blogs", plural=True),
    "social-bookmarking": _noun("Social Bookmarking"),
    "video-sharing": _noun("Videoplattformen", plural=True),
    "live-video": _noun("Live-Video"),
    "photo-sharing": _noun("Fotoplattformen", plural=True),
    "wikis": _noun("Wikis", plural=True),
    "podcasts": _noun("Podcasts", plural=True),
    "location": _noun("Geodienste", "Geodiensten", plural=True),
    "forums": _noun("Foren", plural=True),
    "enterprise-social": _noun("interne soziale Netzwerke", "internen sozialen Netzwerken",
                               plural=True),
}
SOCIAL_MEDIA = _noun("soziale Medien", "sozialen Medien", plural=True)


_PRONOUNS = {"es": ("er", "sie", "es", "sie", "sie")}


def subject(tools: Sequence[str], topic: str | None) -> Subject:
    nouns = [TOOLS[key] for key in dict.fromkeys(tools)][:3]
    if nouns or not topic:
        return subject_of(nouns or [SOCIAL_MEDIA], join=join, forms=("dat",),
                          pronouns=_PRONOUNS)
    # A free topic's gender is unknown ("die Krisenkommunikation", "das Branding"): its
    # sentences point back at it with "das", which fits any of them.
    found = subject_of([_noun(topic)], join=join, forms=("dat",), pronouns=_PRONOUNS)
    return Subject(slots={**found.slots, "es": "das"}, plural=False, gender="n")


PITCH: dict[str, FormatWords] = {
    "story": FormatWords(
        "Menschen, die mit {s_dat} angefangen haben, erzählen, was sie getan haben, was "
        "daraus wurde und was sie wieder so machen würden.",
        {1: "Noch nie mit {s_dat} gearbeitet? Du erfährst, wie andere angefangen haben und "
            "welcher erste Schritt deiner sein könnte.",
         2: "Du nutzt {s} ab und zu? Du hörst, was bei anderen funktioniert hat und was "
            "nicht."}),
    "strategy": FormatWords(
        "Warum {s} fürs Geschäft [zählt|zählen]: wo {es} [passt|passen], was {es} "
        "[kostet|kosten] und was {es} [bringt|bringen], mit Zeit, um über deine eigene "
        "Organisation nachzudenken.",
        {2: "Du nutzt {s}, weißt aber nicht genau, wo {es} in deine Arbeit "
            "[passt|passen]? Du nimmst die Argumente mit, die dein Team überzeugen.",
         3: "Du bereitest einen Plan für {s} vor? Du bekommst einen Rahmen, um ihn zu "
            "prüfen."}),
    "workshop": FormatWords(
        "Eine kleine, moderierte Gruppe: Alle arbeiten am eigenen Fall mit {s_dat}.",
        {3: "Du weißt, wo {s} in deine Arbeit [passt|passen]? Du gehst mit deinem eigenen "
            "Plan nach Hause, geprüft von anderen Teilnehmenden und von Fachleuten."}),
    "lab": FormatWords(
        "Handy und Laptop raus: Du richtest {s} ein und probierst {es} aus, mit einer "
        "Hilfe an deiner Seite.",
        {1: "Noch nie mit {s_dat} gearbeitet? Du gehst mit einem fertig "
            "eingerichteten Zugang und deinem ersten Versuch nach Hause.",
         2: "Du nutzt {s} ein wenig? Du probierst die Funktionen aus, an die du dich bisher "
            "nicht herangewagt hast.",
         3: "Du bereitest einen Plan vor? Du probierst aus, was er braucht, bevor du dich "
            "festlegst."}),
    "listening": FormatWords(
        "Erst zuhören: was über dich, dein Thema und deine Branche schon gesagt wird, in "
        "{s_dat}.",
        everyone="Offen für alle Stufen: Wer neu ist, sieht, was möglich ist, und wer "
        "Erfahrung hat, entdeckt Themen, die bisher gefehlt haben."),
    "table": FormatWords(
        "Gemischte runde Tische, jeweils von jemandem aus der Praxis geleitet: Alle bringen "
        "einen Fall zu {s_dat} mit.",
        {3: "Du bereitest einen Plan vor? Dein Tisch bespricht deinen Fall."},
        everyone="Offen für alle Stufen: Wer neu ist, hört, wie andere angefangen haben, und "
        "wer Erfahrung hat, leitet einen Tisch und lernt künftige Mentees kennen."),
    "provocation": FormatWords(
        "Jemand aus der Praxis stellt eine steile These zu {s_dat} auf und stellt sich den "
        "Fragen aus dem Publikum.",
        {2: "Noch unschlüssig bei {s_dat}? Eine steile These hilft dir, dich zu entscheiden.",
         3: "Du bereitest einen Plan vor? Du prüfst ihn an den Einwänden aus der Praxis.",
         4: "Du arbeitest selbst längst mit {s_dat}? Hier darfst du widersprechen."}),
    "community": FormatWords(
        "Leute aus der Praxis tauschen Erfahrungen mit {s_dat} aus und bereiten die Tische "
        "vor, die sie leiten, und die Menschen, die sie begleiten werden.",
        {4: "Du setzt {s} bei der Arbeit ein und könntest {es} anderen beibringen? Du "
            "tauschst Erfahrungen aus und bereitest dich aufs Leiten und Begleiten vor."}),
    "plenary": FormatWords(
        "Alle zusammen, für einen gemeinsamen Moment rund um {s}.",
        everyone="Offen für alle Stufen: Egal, wer du bist, das gehört zu deinem Tag."),
}

LEVEL_GAIN = {
    1: "Noch nie mit {s_dat} gearbeitet? Du siehst, was möglich ist und welcher erste "
       "Schritt zu dir passt.",
    2: "Du nutzt {s} ab und zu? Du siehst, wo {es} in deine Arbeit [passt|passen] und "
       "was {es} [bringt|bringen].",
    3: "Du weißt, wo {s} in deine Arbeit [passt|passen]? Du nimmst Schritte für deinen "
       "eigenen Plan mit.",
    4: "Du setzt {s} schon bei der Arbeit ein? Du teilst, was du gelernt hast, und triffst "
       "Menschen, die du begleiten kannst.",
}
NOT_FOR = {
    1: "Noch nie mit {s_dat} gearbeitet? Fang mit Geschichten und Praxisbeispielen oder "
       "einem Praxislabor an.",
    2: "Du fängst gerade an und suchst noch den Nutzen fürs Geschäft? Ein Vortrag zu Kontext "
       "und Strategie kommt zuerst.",
    3: "Bereit für deinen eigenen Plan? Ein moderierter Workshop passt besser zu dir.",
    4: "Du setzt {s} schon bei der Arbeit ein und könntest {es} anderen beibringen? Der "
       "Community-Raum gehört dir.",
}

_FREQUENCY = {"monthly": "monatlich", "weekly": "wöchentlich", "daily": "täglich"}
_MISSING = {
    "plan": "ein schriftlicher Plan (ohne ihn bleibst du bei Vorbereitung)",
    "led": "eine Initiative, die du geleitet hast",
    "teach": "die Sicherheit, es Kolleginnen und Kollegen beizubringen",
    "tool": "ein Werkzeug, das du wöchentlich oder täglich mit Zuversicht 4 oder mehr nutzt",
}
_LEVEL_2 = ("Sessions der Stufe Erste Schritte geben dir Kontext, Strategie und den Nutzen "
            "fürs Geschäft, mit Zeit zum Nachdenken.")
_LEVEL_3 = ("Workshops der Stufe Vorbereitung geben dir Rückmeldung von anderen, Anleitung "
            "von Fachleuten und einen Plan zum Mitnehmen.")


def explain(facts: Explained) -> str:
    usage = _usage(facts)
    if facts.level == 1:
        return ("Du hast soziale Medien noch nicht für die Arbeit ausprobiert: Sessions der "
                "Stufe Augenöffner erzählen, was andere getan haben, damit du siehst, was "
                "möglich ist.")
    if facts.level == 2:
        gap = (", privat, noch nicht für die Arbeit" if not facts.for_work
               else ", aber noch ist nicht klar, wo das hinpasst")
        return f"{usage}{gap}: {_LEVEL_2}"
    if facts.level == 3:
        if facts.plan == "none":
            return (f"{usage}, hast aber noch keinen Plan: Sessions der Stufe Vorbereitung "
                    "geben dir einen Plan zum Mitnehmen.")
        gap = ("hast Ideen für einen Plan, aber noch nichts Schriftliches"
               if facts.plan == "informal" else
               f"hast einen Plan, aber für Einfach machen fehlt noch {_MISSING[facts.missing]}")
        return f"{usage} und {gap}: {_LEVEL_3}"
    return (f"{usage}, hast einen schriftlichen Plan, hast eine Initiative geleitet und "
            "würdest es Kolleginnen und Kollegen beibringen: In Sessions der Stufe Einfach "
            "machen teilst du, was du gelernt hast, und du kannst Tische für die Stufen 1–3 "
            "leiten.")


def _usage(facts: Explained) -> str:
    context = " für die Arbeit" if facts.for_work else ""
    if facts.tool is None:
        return f"Du nutzt soziale Medien{context}"
    name = TOOLS[facts.tool].text if facts.tool in TOOLS else TOOL_BY_KEY[facts.tool].label
    if facts.frequency == "tried":
        return f"Du hast {name}{context} ausprobiert"
    return f"Du nutzt {name} {_FREQUENCY[facts.frequency]}{context}"


#: The glossary's format names (docs/languages.md).
FORMAT_NAMES = {"story": "Geschichten und Praxisbeispiele",
                  "strategy": "Vortrag zu Kontext und Strategie",
                  "workshop": "Moderierter Workshop", "lab": "Praxislabor",
                  "listening": "Zuhörübung", "table": "Tischgespräch",
                  "provocation": "Impuls aus der Praxis", "community": "Community-Raum",
                  "plenary": "Plenum"}
LOOK_FOR_LEAD = {
    1: "Fang mit den Geschichten von Menschen an, die es getan haben, und probier es dann "
       "selbst aus, mit einer Hilfe an deiner Seite.",
    2: "Fang beim Nutzen fürs Geschäft und bei der Strategie an, und nimm dir Zeit zum "
       "Nachdenken.",
    3: "Geh in einen kleinen, moderierten Workshop und nimm deinen eigenen Plan mit, geprüft "
       "von anderen und von Fachleuten.",
    4: "Teile, was du gelernt hast, mit anderen aus der Praxis, und leite Tische für die "
       "Stufen 1–3.",
}


#: The agenda reason's sentences (``engine.agenda.reasons``). After a colon a whole
#: sentence starts with a capital, as German writes it.
REASONS = ReasonWords(
    starred="Du hast diese Session markiert", chosen="Du hast diese Session selbst gewählt.",
    goal="{wish}: {answer}",
    wishes={"stories": "Du wolltest Geschichten darüber, was andere getan haben",
            "context": "Du wolltest Kontext, Strategie und den Nutzen fürs Geschäft",
            "plan": "Du wolltest einen Plan zum Mitnehmen",
            "share": "Du möchtest teilen, was du gelernt hast, und andere begleiten"},
    answers={"story": "Hier erzählen Menschen, die es getan haben, was daraus wurde",
             "strategy": "Dieser Vortrag zeigt den Nutzen fürs Geschäft",
             "provocation": "Jemand aus der Praxis fragt das Publikum, warum es zählt",
             "workshop": "Dieser Workshop endet mit deinem",
             "community": "Hier tauschen Leute aus der Praxis Erfahrungen aus und bereiten "
                          "sich aufs Begleiten vor"},
    problem="Du hast {quote} geschrieben: Hier geht es um {matches}",
    interests="Du interessierst dich für {matches}",
    look_for_first={
        key: f"Deine Stufenkarte nennt {formats} zuerst" for key, formats in {
            "story": "Geschichten und Praxisbeispiele",
            "strategy": "Vorträge zu Kontext und Strategie",
            "workshop": "moderierte Workshops", "lab": "Praxislabore",
            "listening": "Zuhörübungen", "table": "Tischgespräche",
            "provocation": "Impulse aus der Praxis", "community": "den Community-Raum",
            "plenary": "das Plenum"}.items()},
    quote_marks=("\u201e", "\u201c"),
    open_to_all="Offen für alle Stufen", made_for="Gemacht für {level}, deine Stufe",
    up=("Eine Stufe über {level}, deiner Stufe: eine Herausforderung",
        "Zwei Stufen über {level}, deiner Stufe: eine Herausforderung",
        "Drei Stufen über {level}, deiner Stufe: eine Herausforderung"),
    back=("Eine Stufe unter {level}, deiner Stufe: Hier kannst du anderen helfen",
          "Zwei Stufen unter {level}, deiner Stufe: Hier kannst du anderen helfen",
          "Drei Stufen unter {level}, deiner Stufe: Hier kannst du anderen helfen"),
    tools=TOOLS, topic=_noun, forms=("dat",),
)

#: A planning run's outcome (``engine.agenda.summary``), to the organizer (du).
SUMMARIES = SummaryWords(
    nobody="Niemand wurde eingeplant: keine bestätigten Teilnehmenden oder keine Sessions "
    "mit Zeitfenster.",
    people=("Person", "Personen"), time_slots=("Zeitfenster", "Zeitfenster"),
    # "in 3 von 4 Zeitfenstern": the slots the level sentence counts stand in the dative
    slots=("Zeitfenster", "Zeitfenstern"), sessions=("Session", "Sessions"),
    more_people=("weitere Person", "weitere Personen"),
    agendas_over=("{people} hat eine persönliche Agenda über {slots}.",
                  "{people} haben eine persönliche Agenda über {slots}."),
    agendas=("{people} hat eine persönliche Agenda.", "{people} haben eine persönliche Agenda."),
    share="{share}\u00a0% haben jede Session auf ihrer Stufe.",
    all_at_level="Alle haben in jedem Zeitfenster eine Session auf ihrer Stufe.",
    at_level_in="Alle haben in {good} von {slots} eine Session auf ihrer Stufe.",
    most_away="Die meisten abseits ihrer Stufe: {where}.",
    away_first="{people} um {slot}", away_rest="{n} um {slot}",
    worse_day=("{people} hat am {day} einen schlechteren Tag als die anderen: weniger "
               "Sessions auf der eigenen Stufe.",
               "{people} haben am {day} einen schlechteren Tag als die anderen: weniger "
               "Sessions auf der eigenen Stufe."),
    worse_any_day=("{people} hat einen schlechteren Tag als die anderen: an diesem Tag "
                   "weniger Sessions auf der eigenen Stufe.",
                   "{people} haben einen schlechteren Tag als die anderen: an diesem Tag "
                   "weniger Sessions auf der eigenen Stufe."),
    goals_all="Alle, die sich etwas gewünscht haben, das das Programm auf ihrer Stufe "
    "bietet, haben es bekommen.",
    goals_all_by="Alle, die sich etwas gewünscht haben, das das Programm auf ihrer Stufe "
    "bietet, haben es bekommen: {by_goal}.",
    goals_some=("{met} von {fitting} Personen, die sich etwas gewünscht haben, das das "
                "Programm auf ihrer Stufe bietet, hat es bekommen.",
                "{met} von {fitting} Personen, die sich etwas gewünscht haben, das das "
                "Programm auf ihrer Stufe bietet, haben es bekommen."),
    goals_some_by=("{met} von {fitting} Personen, die sich etwas gewünscht haben, das das "
                   "Programm auf ihrer Stufe bietet, hat es bekommen: {by_goal}.",
                   "{met} von {fitting} Personen, die sich etwas gewünscht haben, das das "
                   "Programm auf ihrer Stufe bietet, haben es bekommen: {by_goal}."),
    goal_item="{met} von {fitting} für {goal}",
    goal_names={"stories": "Geschichten aus der Praxis", "context": "Kontext und Strategie",
                "plan": "einen Plan zum Mitnehmen", "share": "Austausch und Mentoring"},
    goals_rest=("Für {more_people} bietet keine Session auf der eigenen Stufe, was sie sich "
                "gewünscht hat: Ergänze eine oder sag ihr, wo sie es findet.",
                "Für {more_people} bietet keine Session auf ihrer Stufe, was sie sich "
                "gewünscht haben: Ergänze eine oder sag ihnen, wo sie es finden."),
    no_seat=("{people} hat in mindestens einem Zeitfenster keine Session: Die Räume fassen "
             "dann weniger Menschen, als gekommen sind.",
             "{people} haben in mindestens einem Zeitfenster keine Session: Die Räume fassen "
             "dann weniger Menschen, als gekommen sind."),
    crowded=("{sessions} ist voll oder fast voll: {list}.",
             "{sessions} sind voll oder fast voll: {list}."),
    crowded_item="{session} ({assigned} von {seats})", crowded_more="{n} weitere",
)
#: The table-size advice (``engine.grouping.sizes``), to the organizer (du).
TABLE_SIZES = TableWords(
    nobody="Noch ist niemand da, der einen Platz braucht.",
    tables=("Tisch", "Tische"), experts=("Fachperson", "Fachleute"),
    no_host="{tables} mit etwa {size} Personen; niemand aus der Praxis hat sich angemeldet, "
    "daher hat kein Tisch eine Leitung: Lade Leute ein oder bitte die Moderation, Tische zu "
    "leiten.",
    every_table="{tables} mit {sizes} Personen, und jeder Tisch hat eine Fachperson "
    "({experts} für {tables}).",
    grown=("{tables} mit {sizes} Personen, damit jeder Tisch eine Fachperson hat "
           "({preferred} pro Tisch ergäben {wanted}, {missing} davon ohne Fachperson).",
           "{tables} mit {sizes} Personen, damit jeder Tisch eine Fachperson hat "
           "({preferred} pro Tisch ergäben {wanted}, {missing} davon ohne Fachperson)."),
    short=("{tables} mit {sizes} Personen: Es gibt nur {experts}, daher hat {short} selbst "
           "bei der größten Tischgröße keine Fachperson. Lade mehr Leute aus der Praxis ein oder "
           "bitte die Moderation, Tische zu leiten.",
           "{tables} mit {sizes} Personen: Es gibt nur {experts}, daher haben {short} selbst "
           "bei der größten Tischgröße keine Fachperson. Lade mehr Leute aus der Praxis ein oder "
           "bitte die Moderation, Tische zu leiten."),
    sizes_or="{low} oder {high}",
)
#: Why an upcoming event is a good next step (``engine.next_steps``).
NEXT_STEPS = NextStepWords(
    both="{sessions} auf deiner Stufe ({rung}) und {step_up} eine Stufe höher ({rung_up}).",
    step_up="Eine Stufe höher: {sessions} für {rung_up}, die Stufe nach deiner ({rung}).",
    same_practitioners="{sessions} auf deiner Stufe ({rung}), für Leute aus der Praxis wie "
    "dich.",
    same_deeper="{sessions} auf deiner Stufe ({rung}), um tiefer einzusteigen.",
    declared="Gedacht für die Stufen {low}–{high}, also auch für deine ({rung}).",
    open="Offen für alle Stufen.",
)
#: The room's public summary (``engine.inventory``).
INVENTORY = InventoryWords(
    too_few="Bisher haben sich weniger als {k} Personen angemeldet; die Übersicht über den "
    "Raum erscheint ab {k}.",
    people_from=("{n} Personen aus {orgs} Organisation.",
                 "{n} Personen aus {orgs} Organisationen."),
    titled="{title}: {body}", levels="Stufen", disciplines="Fachbereiche",
    share="{pct}\u00a0% {name}", all_small="alle Gruppen sind klein",
    not_shown="nicht gezeigt, weil die Gruppen klein sind: {names}",
    tools_lead="Mindestens monatlich genutzte Werkzeuge: {parts}", none_shown="keine gezeigt",
    tool_share="{pct}\u00a0% nutzen {tool}", nobody_uses="noch niemand nutzt {tools}",
    not_assessed="noch nicht eingestuft",
    discipline_names={"marketing": "Marketing", "pr": "PR", "technology": "Technik",
                      "communications": "Kommunikation", "hr": "HR / Personal",
                      "other": "Sonstiges"},
)
#: The named themes of the problems people bring (``engine.themes``), by English label.
THEME_NAMES = {
    "Measuring results": "Ergebnisse messen",
    "Leaders in public": "Führungskräfte in der Öffentlichkeit",
    "Management buy-in": "Rückhalt im Management",
    "Approval, policy and risk": "Freigabe, Richtlinien und Risiko",
    "Blocked at work": "Am Arbeitsplatz gesperrt",
    "Customer care in public": "Kundenservice in der Öffentlichkeit",
    "Fear of negative comments": "Angst vor negativen Kommentaren",
    "One voice for many people": "Eine Stimme für viele Menschen",
    "Listening first": "Erst zuhören",
    "Recruiting": "Personalgewinnung",
    "Events and live questions": "Veranstaltungen und Live-Fragen",
    "Reaching an audience": "Ein Publikum erreichen",
    "Time and budget": "Zeit und Budget",
    "Knowing what to post": "Wissen, was du postest",
    "Choosing tools": "Werkzeuge auswählen",
    "Other": "Sonstiges",
}

def plural(n: int) -> bool:
    return n != 1


GRAMMAR = Grammar(
    code="de", join=join, count=count, level_names=LEVEL_NAMES, subject=subject,
    pitch=PITCH, level_gain=LEVEL_GAIN, not_for=NOT_FOR,
    further="Du nutzt {s} schon? Ein Vortrag zu Kontext und Strategie oder ein Praxislabor "
    "bringt dich weiter.",
    everyone="Offen für alle Stufen, daher bleibt keine Zeit, tief in den Plan einer "
    "einzelnen Person einzusteigen.",
    also_on="Außerdem geht es um {topics}.", explain=explain,
    every_level="alle Stufen",
    format_names=FORMAT_NAMES, look_for_lead=LOOK_FOR_LEAD,
    look_for="Formate, die zu dir passen: {formats}.",
    rules=WordingRules(level="Stufe", levels="Stufen", conjunctions=("und", "oder", "bis"),
                       doubled_ok=frozenset({"die", "der", "das", "sie"})),
    reasons=REASONS, summaries=SUMMARIES, plural=plural,
    table_sizes=TABLE_SIZES, next_steps=NEXT_STEPS,
    inventory=INVENTORY, theme_names=THEME_NAMES, builder=builder_words(FORMAT_NAMES),
)
