"""French: the program builder's sentences (``engine.program_builder``), in the *vous* of
the glossary, with a no-break space before ``: ; ? !``; the tool nouns come from
``fr.TOOLS`` with their article ("du", "des" after "de")."""

from __future__ import annotations

from collections.abc import Mapping

from immerse.engine.languages.grammar import BuilderWords
from immerse.engine.languages.nl_builder import first_lower

N = "\u00a0"  # before : ; ? ! and inside « »


def builder_words(format_names: Mapping[str, str]) -> BuilderWords:
    return BuilderWords(
        too_many=f"{{attendees}} participants{N}: une immersion fonctionne mieux avec moins "
        f"de {{most}} personnes{N}; envisagez de l'organiser deux fois.",
        facilitators=f"{{n}} au niveau {{level}}{N}: prévoyez une personne pour animer chaque "
        "groupe de {size}, pour que les ateliers restent petits.",
        no_experts=f"Aucune personne inscrite au niveau {{level}}{N}: invitez des praticiens "
        "ou des animateurs pour animer les tables et les labos.",
        provocations_over=(f"{{count}} regard d'expert sur {{days}} jours{N}: certains jours "
                           "en ont deux.",
                           f"{{count}} regards d'expert sur {{days}} jours{N}: certains jours "
                           "en ont deux."),
        no_slots=f"Jour {{day}}{N}: pas assez de créneaux pour {{kinds}}.",
        kinds={"listening": "l'exercice d'écoute", "provocation": "un regard d'expert",
               "levels": "une session par niveau", "hands_on": "un labo pratique",
               "tables": "les discussions à table"},
        no_room=f"Jour {{day}}, créneau {{slot}}{N}: plus de salle libre pour "
        f"«{N}{{title}}{N}».",
        seats_short=f"Jour {{day}}, créneau {{slot}}{N}: «{N}{{title}}{N}» demande {{demand}} "
        "places, il n'y en a que {seats}.",
        group="{title} (groupe {n})",
        listening=f"Écoute{N}: ce que l'on dit déjà de vous et de votre secteur",
        listening_why=f"Un programme commence par l'écoute mutuelle{N}: tout le monde "
        "ensemble, dès le début du jour 1.",
        titles={"story": f"Récits{N}: comment d'autres ont commencé avec {{tool}}",
                "strategy": f"Contexte et stratégie{N}: l'intérêt {{tool_de}} pour votre "
                "organisation, avec du temps pour réfléchir",
                "workshop": f"Atelier sur {{topic}}{N}: votre plan à emporter",
                "workshop_tool": f"Atelier sur {{tool}}{N}: votre plan à emporter",
                "community": f"Communauté de pratique{N}: ce que nous avons appris avec "
                "{tool}"},
        lab=f"Labo pratique{N}: {{tool}}",
        provocation_on="Regard d'expert sur {topic}",
        provocation_tool=f"Regard d'expert{N}: pourquoi si peu de personnes utilisent "
        f"{{tool}} ici{N}?",
        tables_on="Discussions à table sur {topic}",
        tables_case=f"Discussions à table{N}: apportez votre cas",
        of="{n} sur {total}", and_=None,
        at_level=("{of} est au niveau {level}", "{of} sont au niveau {level}"),
        not_using=("{of} n'utilise pas encore {tool}", "{of} n'utilisent pas encore {tool}"),
        using=("{of} utilise {tool}", "{of} utilisent {tool}"),
        using_mentor=(f"{{of}} utilise {{tool}}{N}; les praticiens se préparent à "
                      "accompagner les autres",
                      f"{{of}} utilisent {{tool}}{N}; les praticiens se préparent à "
                      "accompagner les autres"),
        level_why=f"{{who}}{N}; {{why}}{N}: {{format}}, jour {{day}}{{guests}}.",
        guests=f"{N}; les personnes du niveau {{level}} se joignent comme experts",
        formats={key: first_lower(name) for key, name in format_names.items()},
        brought_name=f"un problème apporté par des participants{N}: {{name}}",
        brought_people="des participants l'ont apporté, par exemple {quote}",
        brought=("{n} récit ou problème comme {quote}", "{n} récits et problèmes comme {quote}"),
        brought_clause=f"{N}; {{brought}}",
        lab_why=(f"De la pratique chaque jour{N}: {{demand}} personne ({{levels}}) essaie "
                 "{tool} {already}{host}.",
                 f"De la pratique chaque jour{N}: {{demand}} personnes ({{levels}}) essaient "
                 "{tool} {already}{host}."),
        already=("({of} {it}utilise déjà)", "({of} {it}utilisent déjà)"),
        it=("l'", "l'", "l'", "les ", "les "),
        hosted=(", avec l'aide de {n} personne du niveau {level}",
                ", avec l'aide de {n} personnes du niveau {level}"),
        provocation_why=f"Regard d'expert {{index}} sur {{total}}, réparti sur le "
        f"programme{N}: jour {{day}}{{brought}}.",
        tables_why=f"Discussions à table qui mêlent les niveaux{{mix}}, jour {{day}}{N}; "
        "{host}{brought}.",
        mix=" et {n} disciplines",
        hosts=("{n} personne du niveau {level} anime les tables",
               "{n} personnes du niveau {level} animent les tables"),
        no_hosts="des animateurs animent les tables (aucune personne inscrite au niveau {level})",
        theme_title=first_lower, theme_reason=first_lower,
    )
