"""Français : le pitch et l'explication du niveau tels qu'un francophone les écrit (vous).

Level names (glossary, docs/languages.md): Déclic, Premiers pas, Préparation, Passer à
l'action. Every tool noun carries its article and its gender; ``{s}`` is the noun with its
definite article ("le microblogging", "la vidéo en direct", "les wikis"), ``{s_de}`` after
"de" ("du", "de la", "de l'", "des"), ``{s_a}`` after "à" ("au", "à la", "à l'", "aux");
``{le}`` is the object pronoun, ``[il|elle|il|ils]`` the subject pronoun, ``[sg|pl]`` the
verb. A free topic is named as "le thème « … »". French typography puts a no-break space
before ``: ; ? !`` and inside « ».
"""

from __future__ import annotations

from collections.abc import Sequence

from immerse.engine.languages.fr_builder import builder_words
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

NBSP = "\u00a0"
LEVEL_NAMES = {1: "Déclic", 2: "Premiers pas", 3: "Préparation", 4: "Passer à l'action"}
_VOWELS = tuple("aàâeéèêiîoôuûyh")


def join(items: Sequence[str], alternative: bool = False) -> str:
    """'a, b et c' (no comma before "et")."""
    parts = [p for p in items if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" ou " if alternative else " et ") + parts[-1]


def count(n: int, one: str, many: str) -> str:
    """French counts 0 and 1 in the singular: '0 session', '1 session', '2 sessions'."""
    return f"{n} {one if abs(n) < 2 else many}"


def noun(word: str, gender: str = "m", *, plural: bool = False,
         elide: bool | None = None) -> Noun:
    """A noun with its definite article, contracted after "de" and "à" and elided before a
    vowel ("l'outil", "de l'outil"); ``elide=False`` for an aspirated h."""
    if plural:
        return Noun(f"les {word}", gender, True, {"de": f"des {word}", "a": f"aux {word}"})
    if word.lower().startswith(_VOWELS) if elide is None else elide:
        return Noun(f"l'{word}", gender, False, {"de": f"de l'{word}", "a": f"à l'{word}"})
    if gender == "f":
        return Noun(f"la {word}", "f", False, {"de": f"de la {word}", "a": f"à la {word}"})
    return Noun(f"le {word}", "m", False, {"de": f"du {word}", "a": f"au {word}"})


TOOLS: dict[str, Noun] = {
    "microblogging": noun("microblogging"),
    "social-networking": noun("réseaux sociaux", plural=True),
    "blogging": noun("blogs", plural=True),
    "social-bookmarking": noun("partage de signets"),
    "video-sharing": noun("partage de vidéos"),
    "live-video": noun("vidéo en direct", "f"),
    "photo-sharing": noun("partage de photos"),
    "wikis": noun("wikis", plural=True),
    "podcasts": noun("podcasts", plural=True),
    "location": noun("services de géolocalisation", plural=True),
    "forums": noun("forums", plural=True),
    "enterprise-social": noun("réseau social d'entreprise"),
}
SOCIAL_MEDIA = noun("médias sociaux", plural=True)
_PRONOUNS = {"le": ("le", "la", "le", "les", "les")}


def subject(tools: Sequence[str], topic: str | None) -> Subject:
    nouns = [TOOLS[key] for key in dict.fromkeys(tools)][:3]
    if not nouns:
        nouns = [noun(f"thème «{NBSP}{topic}{NBSP}»")] if topic else [SOCIAL_MEDIA]
    return subject_of(nouns, join=join, forms=("de", "a"), pronouns=_PRONOUNS)


def _q(text: str) -> str:
    """French typography: a no-break space before ? ! : ;"""
    for mark in "?!:;":
        text = text.replace(f" {mark}", f"{NBSP}{mark}")
    return text


PITCH: dict[str, FormatWords] = {
    "story": FormatWords(
        "Des personnes qui se sont lancées avec {s} racontent ce qu'elles ont fait, ce qui "
        "s'est passé et ce qu'elles referaient.",
        {1: _q("Jamais essayé {s} ? Vous repartez en sachant comment d'autres ont commencé, "
               "et quel premier pas pourrait être le vôtre."),
         2: _q("Vous utilisez {s} de temps en temps ? Vous entendez ce qui a marché pour "
               "d'autres, et ce qui n'a pas marché.")}),
    "strategy": FormatWords(
        _q("Ce que {s} [apporte|apportent] à l'entreprise : où [il|elle|il|ils] [a|ont] "
           "[sa|leur] place, ce qu'[il|elle|il|ils] [coûte|coûtent] et ce "
           "qu'[il|elle|il|ils] [rapporte|rapportent], avec du temps pour penser à votre "
           "propre organisation."),
        {2: _q("Vous utilisez {s} sans savoir où [il|elle|il|ils] [a|ont] [sa|leur] place "
               "dans votre travail ? Vous repartez avec les arguments pour convaincre vos "
               "collègues."),
         3: _q("Vous préparez un plan pour {s} ? Vous repartez avec un cadre pour le "
               "vérifier.")}),
    "workshop": FormatWords(
        "En petit groupe, avec un animateur, chacun travaille sur son propre cas autour "
        "{s_de}.",
        {3: _q("Vous savez où {s} [a|ont] [sa|leur] place dans votre travail ? Vous repartez "
               "avec votre propre plan, relu par vos pairs et par un expert.")}),
    "lab": FormatWords(
        _q("Téléphones et ordinateurs sortis : vous configurez {s} et vous {le} testez, avec "
           "quelqu'un à vos côtés pour vous aider."),
        {1: _q("Jamais utilisé {s} ? Vous repartez avec tout configuré et un premier essai "
               "derrière vous."),
         2: _q("Vous utilisez un peu {s} ? Vous essayez les fonctions que vous n'aviez pas "
               "encore osé toucher."),
         3: _q("Vous préparez un plan ? Vous testez ce qu'il demande avant de vous "
               "engager.")}),
    "listening": FormatWords(
        _q("D'abord écouter : ce que l'on dit déjà de vous, de votre sujet et de votre "
           "secteur, sur {s}."),
        everyone=_q("Ouvert à tous les niveaux : les débutants voient ce qui est possible, "
                    "les praticiens découvrent des sujets qui leur avaient échappé.")),
    "table": FormatWords(
        _q("Des tables rondes mixtes, chacune animée par un praticien : chacun apporte un "
           "cas lié {s_a}."),
        {3: _q("Vous préparez un plan ? Votre table examine votre cas.")},
        everyone=_q("Ouvert à tous les niveaux : les débutants entendent comment des gens "
                    "comme eux ont commencé, les praticiens animent les tables et rencontrent "
                    "ceux qu'ils accompagneront.")),
    "provocation": FormatWords(
        "Un praticien défend une thèse forte sur {s} et répond aux questions de la salle.",
        {2: _q("Vous hésitez encore sur {s} ? Une thèse forte vous aide à vous décider."),
         3: _q("Vous préparez un plan ? Vous le confrontez aux objections d'un praticien."),
         4: _q("Vous utilisez vous-même {s} au quotidien ? À vous de répondre.")}),
    "community": FormatWords(
        "Les praticiens {s_de} comparent leurs expériences et préparent les tables qu'ils "
        "animeront et les personnes qu'ils accompagneront.",
        {4: _q("Vous utilisez {s} au travail et pourriez y former d'autres ? Vous comparez vos "
               "expériences et vous vous préparez à animer et à accompagner.")}),
    "plenary": FormatWords(
        "Tout le monde ensemble, pour un moment partagé autour {s_de}.",
        everyone=_q("Ouvert à tous les niveaux : qui que vous soyez, ce moment fait partie "
                    "de votre journée.")),
}

LEVEL_GAIN = {
    1: _q("Jamais essayé {s} ? Vous voyez ce qui est possible et quel premier pas vous "
          "convient."),
    2: _q("Vous utilisez {s} de temps en temps ? Vous voyez où [il|elle|il|ils] [a|ont] "
          "[sa|leur] place dans votre travail et ce qu'[il|elle|il|ils] [vaut|valent]."),
    3: _q("Vous savez où {s} [a|ont] [sa|leur] place dans votre travail ? Vous repartez avec "
          "des étapes pour votre propre plan."),
    4: _q("Vous utilisez déjà {s} au quotidien dans votre travail ? Vous partagez ce que "
          "vous avez appris et rencontrez des personnes à accompagner."),
}
NOT_FOR = {
    1: _q("Jamais essayé {s} ? Commencez par une session de récits et retours d'expérience "
          "ou par un labo pratique."),
    2: _q("Vous débutez et cherchez encore l'intérêt pour l'entreprise ? Un exposé sur le "
          "contexte et la stratégie passe avant."),
    3: _q("Envie d'écrire votre propre plan ? Un atelier animé vous conviendra mieux."),
    4: _q("Vous utilisez déjà {s} au quotidien dans votre travail et pourriez y former "
          "d'autres ? L'espace communauté est pour vous."),
}

_FREQUENCY = {"monthly": "chaque mois", "weekly": "chaque semaine", "daily": "chaque jour"}
_MISSING = {
    "plan": "un plan écrit (sans lui, vous restez en Préparation)",
    "led": "une initiative que vous avez menée",
    "teach": "d'être à l'aise pour former vos collègues",
    "tool": "un outil utilisé chaque semaine ou chaque jour avec une assurance de 4 ou plus",
}
_LEVEL_2 = ("les sessions Premiers pas vous apportent le contexte, la stratégie et les "
            "bénéfices pour l'entreprise, avec du temps pour réfléchir.")
_LEVEL_3 = ("les ateliers Préparation vous apportent la relecture de vos pairs, les conseils "
            "d'un expert et un plan à emporter.")


def explain(facts: Explained) -> str:
    usage = _usage(facts)
    if facts.level == 1:
        return _q("Vous n'avez pas encore essayé les médias sociaux pour le travail : les "
                  "sessions Déclic racontent ce que d'autres ont fait, pour que vous voyiez "
                  "ce qui est possible.")
    if facts.level == 2:
        gap = (", à titre privé, pas encore pour le travail" if not facts.for_work
               else ", mais on ne voit pas encore où cela s'inscrit")
        return _q(f"{usage}{gap} : {_LEVEL_2}")
    if facts.level == 3:
        if facts.plan == "none":
            return _q(f"{usage} mais n'avez pas encore de plan : les sessions Préparation "
                      "vous donnent un plan à emporter.")
        gap = ("avez des idées de plan, mais rien d'écrit encore" if facts.plan == "informal"
               else "avez un plan, mais Passer à l'action demande aussi "
               f"{_MISSING[facts.missing]}")
        return _q(f"{usage} et {gap} : {_LEVEL_3}")
    return _q(f"{usage}, avez un plan écrit, avez mené une initiative et formeriez volontiers "
              "vos collègues : les sessions Passer à l'action sont l'endroit où partager ce "
              "que vous avez appris, et vous pouvez animer des tables pour les niveaux 1 à 3.")


def _usage(facts: Explained) -> str:
    context = " pour le travail" if facts.for_work else ""
    if facts.tool is None:
        return f"Vous utilisez les médias sociaux{context}"
    name = TOOLS[facts.tool].text
    if facts.frequency == "tried":
        return f"Vous avez essayé {name}{context}"
    return f"Vous utilisez {name} {_FREQUENCY[facts.frequency]}{context}"


#: The glossary's format names (docs/languages.md).
FORMAT_NAMES = {"story": "Récits et retours d'expérience",
                  "strategy": "Exposé sur le contexte et la stratégie",
                  "workshop": "Atelier animé", "lab": "Labo pratique",
                  "listening": "Exercice d'écoute", "table": "Discussion à table",
                  "provocation": "Regard d'expert qui bouscule",
                  "community": "Espace communauté", "plenary": "Plénière"}
LOOK_FOR_LEAD = {
    1: "Commencez par les récits de personnes qui l'ont fait, puis essayez vous-même avec "
       "quelqu'un à vos côtés.",
    2: "Partez de l'intérêt pour l'entreprise et de la stratégie, et gardez du temps pour "
       "réfléchir.",
    3: "Rejoignez un petit atelier animé et repartez avec votre propre plan, relu par vos "
       "pairs et des experts.",
    4: "Partagez ce que vous avez appris avec d'autres praticiens, et animez des tables pour "
       "les niveaux 1 à 3.",
}


#: The agenda reason's sentences (``engine.agenda.reasons``).
REASONS = ReasonWords(
    starred="Vous avez mis cette session en favori",
    chosen="Vous avez choisi cette session vous-même.",
    goal=_q("{wish} : {answer}"),
    wishes={"stories": "Vous vouliez des récits de ce que d'autres ont fait",
            "context": "Vous vouliez du contexte, de la stratégie et l'intérêt pour "
                       "l'entreprise",
            "plan": "Vous vouliez un plan à emporter",
            "share": "Vous voulez partager ce que vous avez appris et accompagner d'autres "
                     "personnes"},
    answers={"story": "des personnes qui l'ont fait racontent ce qui s'est passé",
             "strategy": "cet exposé montre l'intérêt pour l'entreprise",
             "provocation": "un praticien interpelle la salle sur ce qui compte vraiment",
             "workshop": "cet atelier se termine avec le vôtre",
             "community": "les praticiens y échangent et se préparent à accompagner "
                          "d'autres personnes"},
    problem=_q("Vous avez écrit {quote} : la session parle {matches_de}"),
    interests="Vous vous intéressez {matches_a}",
    look_for_first={
        key: f"Votre fiche de niveau place {formats} en premier" for key, formats in {
            "story": "les récits et retours d'expérience",
            "strategy": "les exposés sur le contexte et la stratégie",
            "workshop": "les ateliers animés", "lab": "les labos pratiques",
            "listening": "les exercices d'écoute", "table": "les discussions à table",
            "provocation": "les regards d'expert qui bousculent",
            "community": "l'espace communauté", "plenary": "les séances plénières"}.items()},
    quote_marks=(f"«{NBSP}", f"{NBSP}»"),
    open_to_all="Ouverte à tous les niveaux",
    made_for="Conçue pour le niveau {level}, le vôtre",
    up=(_q("Un niveau au-dessus du vôtre ({level}) : un défi à relever"),
        _q("Deux niveaux au-dessus du vôtre ({level}) : un défi à relever"),
        _q("Trois niveaux au-dessus du vôtre ({level}) : un défi à relever")),
    back=(_q("Un niveau en dessous du vôtre ({level}) : vous pouvez y aider les autres"),
          _q("Deux niveaux en dessous du vôtre ({level}) : vous pouvez y aider les autres"),
          _q("Trois niveaux en dessous du vôtre ({level}) : vous pouvez y aider les autres")),
    tools=TOOLS, topic=lambda topic: noun(f"thème «{NBSP}{topic}{NBSP}»"), forms=("de", "a"),
)

#: A planning run's outcome (``engine.agenda.summary``), to the organizer (vous).
SUMMARIES = SummaryWords(
    nobody=_q("Personne n'a été planifié : aucun participant confirmé, ou aucune session "
              "avec un créneau."),
    people=("personne", "personnes"), time_slots=("créneau", "créneaux"),
    slots=("créneau", "créneaux"), sessions=("session", "sessions"),
    more_people=("autre personne", "autres personnes"),
    agendas_over=("{people} a un agenda personnel sur {slots}.",
                  "{people} ont un agenda personnel sur {slots}."),
    agendas=("{people} a un agenda personnel.", "{people} ont un agenda personnel."),
    share=f"{{share}}{NBSP}% ont toutes leurs sessions à leur niveau.",
    all_at_level="Tout le monde a une session à son niveau dans chaque créneau.",
    at_level_in="Tout le monde a une session à son niveau dans {good} des {slots}.",
    most_away=_q("Les plus nombreux hors de leur niveau : {where}."),
    away_first="{people} à {slot}", away_rest="{n} à {slot}",
    worse_day=(_q("{people} a une moins bonne journée ({day}) que les autres : moins de "
                  "sessions à son niveau ce jour-là."),
               _q("{people} ont une moins bonne journée ({day}) que les autres : moins de "
                  "sessions à leur niveau ce jour-là.")),
    worse_any_day=(_q("{people} a une moins bonne journée que les autres : moins de "
                      "sessions à son niveau ce jour-là."),
                   _q("{people} ont une moins bonne journée que les autres : moins de "
                      "sessions à leur niveau ce jour-là.")),
    goals_all="Toutes les personnes qui ont demandé quelque chose que le programme propose à "
    "leur niveau l'ont obtenu.",
    goals_all_by=_q("Toutes les personnes qui ont demandé quelque chose que le programme "
                    "propose à leur niveau l'ont obtenu : {by_goal}."),
    goals_some=("{met} personne sur {fitting} ayant demandé quelque chose que le programme "
                "propose à son niveau l'a obtenu.",
                "{met} personnes sur {fitting} ayant demandé quelque chose que le programme "
                "propose à leur niveau l'ont obtenu."),
    goals_some_by=(_q("{met} personne sur {fitting} ayant demandé quelque chose que le "
                      "programme propose à son niveau l'a obtenu : {by_goal}."),
                   _q("{met} personnes sur {fitting} ayant demandé quelque chose que le "
                      "programme propose à leur niveau l'ont obtenu : {by_goal}.")),
    goal_item="{met} sur {fitting} pour {goal}",
    goal_names={"stories": "des récits de ce que d'autres ont fait",
                "context": "le contexte et la stratégie", "plan": "un plan à emporter",
                "share": "le partage et le mentorat"},
    goals_rest=(_q("Pour {more_people}, aucune session à son niveau ne propose ce qu'elle a "
                   "demandé : ajoutez-en une, ou dites-lui où le trouver."),
                _q("Pour {more_people}, aucune session à leur niveau ne propose ce qu'elles "
                   "ont demandé : ajoutez-en une, ou dites-leur où le trouver.")),
    no_seat=(_q("{people} n'a aucune session dans au moins un créneau : les salles "
                "accueillent alors moins de monde qu'il n'en est venu."),
             _q("{people} n'ont aucune session dans au moins un créneau : les salles "
                "accueillent alors moins de monde qu'il n'en est venu.")),
    crowded=(_q("{sessions} est pleine ou presque : {list}."),
             _q("{sessions} sont pleines ou presque : {list}.")),
    crowded_item="{session} ({assigned} sur {seats})", crowded_more="{n} autres",
)
#: The table-size advice (``engine.grouping.sizes``), to the organizer (vous).
TABLE_SIZES = TableWords(
    nobody="Personne à placer pour l'instant.",
    tables=("table", "tables"), experts=("expert", "experts"),
    no_host=_q("{tables} d'environ {size} personnes ; aucun expert ni praticien n'est "
               "inscrit, donc aucune table n'a d'hôte : invitez-en, ou demandez aux "
               "animateurs d'animer les tables."),
    every_table="{tables} de {sizes} personnes, et chaque table a un expert ({experts} pour "
    "{tables}).",
    grown=("{tables} de {sizes} personnes, pour que chaque table ait un expert ({preferred} "
           "par table feraient {wanted}, dont {missing} sans expert).",
           "{tables} de {sizes} personnes, pour que chaque table ait un expert ({preferred} "
           "par table feraient {wanted}, dont {missing} sans expert)."),
    short=(_q("{tables} de {sizes} personnes : avec seulement {experts}, {short} reste sans "
              "expert même à la taille maximale. Invitez plus de praticiens, ou demandez aux "
              "animateurs d'animer les tables."),
           _q("{tables} de {sizes} personnes : avec seulement {experts}, {short} restent sans "
              "expert même à la taille maximale. Invitez plus de praticiens, ou demandez aux "
              "animateurs d'animer les tables.")),
    sizes_or="{low} ou {high}",
)
#: Why an upcoming event is a good next step (``engine.next_steps``).
NEXT_STEPS = NextStepWords(
    both="{sessions} à votre niveau ({rung}) et {step_up} un cran au-dessus ({rung_up}).",
    step_up=_q("Un cran au-dessus : {sessions} pour {rung_up}, le niveau qui suit le vôtre "
               "({rung})."),
    same_practitioners="{sessions} à votre niveau ({rung}), pour des praticiens comme vous.",
    same_deeper="{sessions} à votre niveau ({rung}), pour aller plus loin.",
    declared="Prévu pour les niveaux {low} à {high}, dont le vôtre ({rung}).",
    open="Ouvert à tous les niveaux.",
)
#: The room's public summary (``engine.inventory``).
INVENTORY = InventoryWords(
    too_few=_q("Moins de {k} personnes se sont inscrites pour l'instant ; le portrait de la "
               "salle apparaît à partir de {k}."),
    people_from=("{n} personnes de {orgs} organisation.",
                 "{n} personnes de {orgs} organisations."),
    titled=_q("{title} : {body}"), levels="Niveaux", disciplines="Métiers",
    share=f"{{pct}}{NBSP}% {{name}}", all_small="tous les groupes sont petits",
    not_shown=_q("non affiché, car les groupes sont petits : {names}"),
    tools_lead=_q("Outils utilisés au moins une fois par mois : {parts}"),
    none_shown="aucun affiché", tool_share=f"{{pct}}{NBSP}% utilisent {{tool}}",
    nobody_uses="personne n'utilise encore {tools}", not_assessed="pas encore évalué",
    discipline_names={"marketing": "Marketing", "pr": "Relations presse",
                      "technology": "Technologie", "communications": "Communication",
                      "hr": "RH / personnes", "other": "Autre"},
    clause_sep=f"{NBSP}; ",
)
#: The named themes of the problems people bring (``engine.themes``), by English label.
THEME_NAMES = {
    "Measuring results": "Mesurer les résultats",
    "Leaders in public": "Dirigeants en public",
    "Management buy-in": "Adhésion de la direction",
    "Approval, policy and risk": "Validation, règles et risques",
    "Blocked at work": "Bloqué au travail",
    "Customer care in public": "Service client en public",
    "Fear of negative comments": "Peur des commentaires négatifs",
    "One voice for many people": "Une seule voix pour beaucoup de monde",
    "Listening first": "Écouter d'abord",
    "Recruiting": "Recrutement",
    "Events and live questions": "Événements et questions en direct",
    "Reaching an audience": "Toucher un public",
    "Time and budget": "Temps et budget",
    "Knowing what to post": "Savoir quoi publier",
    "Choosing tools": "Choisir ses outils",
    "Other": "Autre",
}

def plural(n: int) -> bool:
    """French counts 0 and 1 in the singular."""
    return abs(n) >= 2


GRAMMAR = Grammar(
    code="fr", join=join, count=count, level_names=LEVEL_NAMES, subject=subject,
    pitch=PITCH, level_gain=LEVEL_GAIN, not_for=NOT_FOR,
    further=_q("Vous utilisez déjà {s} ? Un exposé sur le contexte et la stratégie ou un "
               "labo pratique vous emmène plus loin."),
    everyone="Ouverte à tous les niveaux, la session ne peut pas entrer dans le détail du "
    "plan de chacun.",
    also_on=_q("Également au programme : {topics}."), explain=explain,
    every_level="tous les niveaux",
    format_names=FORMAT_NAMES, look_for_lead=LOOK_FOR_LEAD,
    look_for=_q("Formats à privilégier : {formats}."),
    rules=WordingRules(level="niveau", levels="niveaux", conjunctions=("et", "ou", "à"),
                       doubled_ok=frozenset({"vous", "nous"}), space_before_marks=True,
                       forbidden=(
                           # "le/la/de/que…" elide before a vowel: "l'enseigner", "d'entreprise"
                           ("missing elision",
                            r"\b(?:[Ll][ea]|[Dd]e|[Qq]ue|[Jj]e|[Nn]e|[Ss]e|[Mm]e|[Tt]e)"
                            r" [aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ]"),
                           # "de le" is "du", "à les" is "aux"
                           ("missing contraction", r"\b(?:[Dd]e|à) (?:le|les)\b"),
                       )),
    reasons=REASONS, summaries=SUMMARIES, plural=plural,
    table_sizes=TABLE_SIZES, next_steps=NEXT_STEPS,
    inventory=INVENTORY, theme_names=THEME_NAMES, builder=builder_words(FORMAT_NAMES),
)
