"""Dutch: the program builder's sentences (``engine.program_builder``), in the *je* of
the glossary; the tool nouns come from ``nl.TOOLS``."""

from __future__ import annotations

from collections.abc import Mapping

from immerse.engine.languages.grammar import BuilderWords


def first_lower(name: str) -> str:
    """A name inside a sentence: its first letter small (a quote stays as written)."""
    return name if name[:1] in "“„«" else name[:1].lower() + name[1:]


def builder_words(format_names: Mapping[str, str]) -> BuilderWords:
    return BuilderWords(
        too_many="{attendees} deelnemers: immersies werken het best met minder dan {most} "
        "mensen; overweeg om ze twee keer te organiseren.",
        facilitators="{n} op niveau {level}: plan één begeleider per {size} mensen, zodat "
        "de workshops klein blijven.",
        no_experts="Niemand op niveau {level} aangemeld: nodig ervaringsdeskundigen of "
        "begeleiders uit om de tafels en labs te leiden.",
        provocations_over=("{count} prikkel over {days} dagen: sommige dagen hebben er twee.",
                           "{count} prikkels over {days} dagen: sommige dagen hebben er "
                           "twee."),
        no_slots="Dag {day}: niet genoeg tijdsloten voor {kinds}.",
        kinds={"listening": "de luisteroefening", "provocation": "een prikkel",
               "levels": "een sessie per niveau", "hands_on": "een praktijklab",
               "tables": "tafelgesprekken"},
        no_room="Dag {day}, tijdslot {slot}: geen zaal meer vrij voor “{title}”.",
        seats_short="Dag {day}, tijdslot {slot}: “{title}” heeft {demand} plaatsen nodig, "
        "er zijn er maar {seats}.",
        group="{title} (groep {n})",
        listening="Luisteren: wat mensen nu al over jou en je sector zeggen",
        listening_why="Een programma begint met naar elkaar luisteren: iedereen samen, als "
        "eerste op dag 1.",
        titles={"story": "Verhalen: hoe anderen begonnen met {tool}",
                "strategy": "Context en strategie: de waarde van {tool}, met tijd om na te "
                "denken",
                "workshop": "Workshop over {topic}: je plan om mee te nemen",
                "workshop_tool": "Workshop over {tool}: je plan om mee te nemen",
                "community": "Praktijkgemeenschap: wat we leerden met {tool}"},
        lab="Praktijklab: {tool}",
        provocation_on="Prikkel over {topic}",
        provocation_tool="Prikkel: waarom gebruiken zo weinig mensen hier {tool}?",
        tables_on="Tafelgesprekken over {topic}",
        tables_case="Tafelgesprekken: breng je eigen vraag mee",
        of="{n} van {total}", and_=None,
        at_level=("{of} zit op niveau {level}", "{of} zitten op niveau {level}"),
        not_using=("{of} gebruikt {tool} nog niet", "{of} gebruiken {tool} nog niet"),
        using=("{of} gebruikt {tool}", "{of} gebruiken {tool}"),
        using_mentor=("{of} gebruikt {tool}; ervaringsdeskundigen bereiden zich voor om "
                      "anderen te begeleiden",
                      "{of} gebruiken {tool}; ervaringsdeskundigen bereiden zich voor om "
                      "anderen te begeleiden"),
        level_why="{who}; {why}: {format} op dag {day}{guests}.",
        guests="; wie op niveau {level} zit, schuift aan als expert",
        formats={key: first_lower(name) for key, name in format_names.items()},
        brought_name="een probleem dat mensen meebrachten: {name}",
        brought_people="mensen brachten het mee, zoals {quote}",
        brought=("{n} verhaal of probleem zoals {quote}",
                 "{n} verhalen en problemen zoals {quote}"),
        brought_clause="; {brought}",
        lab_why=("Elke dag praktijk: {demand} deelnemer ({levels}) probeert {tool} uit "
                 "{already}{host}.",
                 "Elke dag praktijk: {demand} deelnemers ({levels}) proberen {tool} uit "
                 "{already}{host}."),
        already=("({of} gebruikt {it} al)", "({of} gebruiken {it} al)"),
        it=("hem", "ze", "het", "ze", "ze"),
        hosted=(", begeleid door {n} deelnemer op niveau {level}",
                ", begeleid door {n} deelnemers op niveau {level}"),
        provocation_why="Prikkel {index} van {total}, verspreid over het programma: dag "
        "{day}{brought}.",
        tables_why="Tafelgesprekken die de niveaus{mix} mengen, op dag {day}; "
        "{host}{brought}.",
        mix=" en {n} vakgebieden",
        hosts=("{n} deelnemer op niveau {level} leidt de tafels",
               "{n} deelnemers op niveau {level} leiden de tafels"),
        no_hosts="begeleiders leiden de tafels (niemand op niveau {level} aangemeld)",
        theme_title=first_lower, theme_reason=first_lower,
    )
