"""Spanish: the program builder's sentences (``engine.program_builder``), in the *tú* of
the glossary; the tool nouns come from ``es.TOOLS`` with their article ("del" after
"de")."""

from __future__ import annotations

from collections.abc import Mapping

from immerse.engine.languages.grammar import BuilderWords
from immerse.engine.languages.nl_builder import first_lower


def builder_words(format_names: Mapping[str, str]) -> BuilderWords:
    return BuilderWords(
        too_many="{attendees} participantes: una inmersión funciona mejor con menos de "
        "{most} personas; piensa en organizarla dos veces.",
        facilitators="{n} en el nivel {level}: prevé una persona facilitadora por cada "
        "{size} personas para que los talleres sigan siendo pequeños.",
        no_experts="Nadie inscrito en el nivel {level}: invita a profesionales "
        "o a personas facilitadoras para conducir las mesas y los laboratorios.",
        provocations_over=("{count} provocación en {days} días: algunos días tienen dos.",
                           "{count} provocaciones en {days} días: algunos días tienen dos."),
        no_slots="Día {day}: no hay franjas suficientes para {kinds}.",
        kinds={"listening": "el ejercicio de escucha", "provocation": "una provocación",
               "levels": "una sesión por nivel", "hands_on": "un laboratorio práctico",
               "tables": "las conversaciones en mesa"},
        no_room="Día {day}, franja {slot}: no queda sala libre para «{title}».",
        seats_short="Día {day}, franja {slot}: «{title}» necesita {demand} plazas y solo "
        "hay {seats}.",
        group="{title} (grupo {n})",
        listening="Escucha: lo que la gente ya dice de ti y de tu sector",
        listening_why="Un programa empieza escuchándonos: todo el mundo junto, lo primero "
        "del día 1.",
        titles={"story": "Historias: cómo empezaron otros con {tool}",
                "strategy": "Contexto y estrategia: el valor {tool_de} para tu organización, "
                "con tiempo para reflexionar",
                "workshop": "Taller sobre {topic}: tu plan para llevar",
                "workshop_tool": "Taller sobre {tool}: tu plan para llevar",
                "community": "Comunidad de práctica: lo que aprendimos con {tool}"},
        lab="Laboratorio práctico: {tool}",
        provocation_on="Provocación sobre {topic}",
        provocation_tool="Provocación: ¿por qué aquí tan pocos usan {tool}?",
        tables_on="Conversaciones en mesa sobre {topic}",
        tables_case="Conversaciones en mesa: trae tu caso",
        of="{n} de {total}", and_=None,
        at_level=("{of} está en el nivel {level}", "{of} están en el nivel {level}"),
        not_using=("{of} aún no usa {tool}", "{of} aún no usan {tool}"),
        using=("{of} usa {tool}", "{of} usan {tool}"),
        using_mentor=("{of} usa {tool}; quienes ya practican se preparan para acompañar a "
                      "otras personas",
                      "{of} usan {tool}; quienes ya practican se preparan para acompañar a "
                      "otras personas"),
        level_why="{who}; {why}: {format} el día {day}{guests}.",
        guests="; quienes están en el nivel {level} se suman para aportar su experiencia",
        formats={key: first_lower(name) for key, name in format_names.items()},
        brought_name="un problema que trajo la gente: {name}",
        brought_people="la gente lo trajo, por ejemplo {quote}",
        brought=("{n} historia o problema como {quote}",
                 "{n} historias y problemas como {quote}"),
        brought_clause="; {brought}",
        lab_why=("Práctica cada día: {demand} persona ({levels}) prueba {tool} "
                 "{already}{host}.",
                 "Práctica cada día: {demand} personas ({levels}) prueban {tool} "
                 "{already}{host}."),
        already=("({of} ya {it} usa)", "({of} ya {it} usan)"),
        it=("lo", "la", "lo", "los", "las"),
        hosted=(", con {n} persona del nivel {level} como anfitriona",
                ", con {n} personas del nivel {level} como anfitrionas"),
        provocation_why="Provocación {index} de {total}, repartida a lo largo del programa: "
        "día {day}{brought}.",
        tables_why="Conversaciones en mesa que mezclan los niveles{mix}, el día {day}; "
        "{host}{brought}.",
        mix=" y {n} disciplinas",
        hosts=("{n} persona del nivel {level} conduce las mesas",
               "{n} personas del nivel {level} conducen las mesas"),
        no_hosts="las personas facilitadoras conducen las mesas (nadie inscrito en el nivel "
        "{level})",
        theme_title=first_lower, theme_reason=first_lower,
    )
