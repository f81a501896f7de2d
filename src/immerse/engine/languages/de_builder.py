"""German: the program builder's sentences (``engine.program_builder``), in the *du* of
the glossary; the tool nouns come from ``de.TOOLS`` (dative after "mit", "von")."""

from __future__ import annotations

from collections.abc import Mapping

from immerse.engine.languages.grammar import BuilderWords


def _as_is(name: str) -> str:
    return name  # German nouns keep their capital inside a sentence


def builder_words(format_names: Mapping[str, str]) -> BuilderWords:
    return BuilderWords(
        too_many="{attendees} Teilnehmende: Eine Immersion gelingt am besten mit weniger als "
        "{most} Personen; überlege, sie zweimal anzubieten.",
        facilitators="{n} auf Stufe {level}: Plane eine Moderation pro {size} Personen ein, "
        "damit die Workshops klein bleiben.",
        no_experts="Niemand auf Stufe {level} angemeldet: Lade Praktikerinnen und Praktiker "
        "oder Moderierende ein, die Tische und Labore zu leiten.",
        provocations_over=("{count} Impuls an {days} Tagen: An manchen Tagen gibt es zwei.",
                           "{count} Impulse an {days} Tagen: An manchen Tagen gibt es zwei."),
        no_slots="Tag {day}: nicht genug Zeitfenster für {kinds}.",
        kinds={"listening": "die Zuhörübung", "provocation": "einen Impuls",
               "levels": "eine Session pro Stufe", "hands_on": "ein Praxislabor",
               "tables": "Tischgespräche"},
        no_room="Tag {day}, Zeitfenster {slot}: kein Raum mehr frei für „{title}“.",
        seats_short="Tag {day}, Zeitfenster {slot}: „{title}“ braucht {demand} Plätze, es "
        "gibt nur {seats}.",
        group="{title} (Gruppe {n})",
        listening="Zuhören: Was die Leute schon über dich und deine Branche sagen",
        listening_why="Ein Programm beginnt damit, einander zuzuhören: alle zusammen, gleich "
        "zu Beginn von Tag 1.",
        titles={"story": "Geschichten: wie andere mit {tool_dat} angefangen haben",
                "strategy": "Kontext und Strategie: der Nutzen von {tool_dat}, mit Zeit zum "
                "Nachdenken",
                "workshop": "Workshop zu {topic}: dein Plan zum Mitnehmen",
                "workshop_tool": "Workshop zu {tool_dat}: dein Plan zum Mitnehmen",
                "community": "Praxisgemeinschaft: was wir mit {tool_dat} gelernt haben"},
        lab="Praxislabor: {tool}",
        provocation_on="Impuls zu {topic}",
        provocation_tool="Impuls: Warum nutzen hier so wenige {tool}?",
        tables_on="Tischgespräche zu {topic}",
        tables_case="Tischgespräche: Bring deinen Fall mit",
        of="{n} von {total}", and_=None,
        at_level=("{of} ist auf Stufe {level}", "{of} sind auf Stufe {level}"),
        not_using=("{of} nutzt {tool} noch nicht", "{of} nutzen {tool} noch nicht"),
        using=("{of} nutzt {tool}", "{of} nutzen {tool}"),
        using_mentor=("{of} nutzt {tool}; Praktikerinnen und Praktiker bereiten sich aufs "
                      "Mentoring vor",
                      "{of} nutzen {tool}; Praktikerinnen und Praktiker bereiten sich aufs "
                      "Mentoring vor"),
        level_why="{who}; {why}: {format} an Tag {day}{guests}.",
        guests="; wer auf Stufe {level} ist, kommt als Expertin oder Experte dazu",
        formats=format_names,
        brought_name="ein Problem, das die Leute mitgebracht haben: {name}",
        brought_people="die Leute haben es mitgebracht, etwa {quote}",
        brought=("{n} Geschichte oder Problem wie {quote}",
                 "{n} Geschichten und Probleme wie {quote}"),
        brought_clause="; {brought}",
        lab_why=("Jeden Tag praktisch: {demand} Person ({levels}) testet {tool} "
                 "{already}{host}.",
                 "Jeden Tag praktisch: {demand} Personen ({levels}) testen {tool} "
                 "{already}{host}."),
        already=("({of} nutzt {it} schon)", "({of} nutzen {it} schon)"),
        it=("ihn", "sie", "es", "sie", "sie"),
        hosted=(", begleitet von {n} Person auf Stufe {level}",
                ", begleitet von {n} Personen auf Stufe {level}"),
        provocation_why="Impuls {index} von {total}, über das Programm verteilt: Tag "
        "{day}{brought}.",
        tables_why="Tischgespräche, die die Stufen{mix} mischen, an Tag {day}; "
        "{host}{brought}.",
        mix=" und {n} Fachrichtungen",
        hosts=("{n} Person auf Stufe {level} leitet die Tische",
               "{n} Personen auf Stufe {level} leiten die Tische"),
        no_hosts="Moderierende leiten die Tische (niemand auf Stufe {level} angemeldet)",
        theme_title=_as_is, theme_reason=_as_is,
    )
