"""Español: el pitch y la explicación del nivel como los escribe un hablante nativo (tú).

Level names (glossary, docs/languages.md): Descubrimiento, Primeros pasos, Preparación,
Manos a la obra. Every tool noun carries its article and gender; ``{s}`` is the noun with
its definite article ("el microblogging", "las redes sociales"), ``{s_de}`` after "de"
("del", "de la", "de los", "de las"), ``{s_a}`` after "a" ("al" …); ``{lo}`` is the object
pronoun (lo, la, los, las), ``[sg|pl]`` the verb. "y" becomes "e" before an i- sound and
"o" becomes "u" before an o- sound. A free topic is named as "el tema «…»".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from immerse.engine.languages.es_builder import builder_words
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

LEVEL_NAMES = {1: "Descubrimiento", 2: "Primeros pasos", 3: "Preparación",
               4: "Manos a la obra"}
# "y" → "e" before i-/hi- (not the diphthong of "hielo", "hiato"); "o" → "u" before o-/ho-.
_I_SOUND = re.compile(r"^(?:[iíIÍ]|[hH][iíIÍ](?![aeoáéóAEOÁÉÓ]))")
_O_SOUND = re.compile(r"^[hH]?[oóOÓ]")


def join(items: Sequence[str], alternative: bool = False) -> str:
    """'a, b y c', 'a, b e i…' (no comma before "y").

    >>> join(["geografía", "historia"]), join(["agua", "hielo"]), join(["uno", "otro"], True)
    ('geografía e historia', 'agua y hielo', 'uno u otro')
    """
    parts = [p for p in items if p]
    if len(parts) <= 1:
        return "".join(parts)
    last = parts[-1]
    if alternative:
        word = "u" if _O_SOUND.match(last) else "o"
    else:
        word = "e" if _I_SOUND.match(last) else "y"
    return ", ".join(parts[:-1]) + f" {word} " + last


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def noun(word: str, gender: str = "m", *, plural: bool = False) -> Noun:
    """A noun with its definite article, contracted after "de" and "a" ("del", "al")."""
    article = {("m", False): "el", ("f", False): "la", ("m", True): "los",
               ("f", True): "las"}[(gender, plural)]
    de = "del" if article == "el" else f"de {article}"
    a = "al" if article == "el" else f"a {article}"
    return Noun(f"{article} {word}", gender, plural, {"de": f"{de} {word}", "a": f"{a} {word}"})


TOOLS: dict[str, Noun] = {
    "microblogging": noun("microblogging"),
    "social-networking": noun("redes sociales", "f", plural=True),
    "blogging": noun("blogs", plural=True),
    "social-bookmarking": noun("marcadores sociales", plural=True),
    "video-sharing": noun("plataformas de vídeo", "f", plural=True),
    "live-video": noun("vídeo en directo"),
    "photo-sharing": noun("plataformas de fotos", "f", plural=True),
    "wikis": noun("wikis", "f", plural=True),
    "podcasts": noun("pódcasts", plural=True),
    "location": noun("servicios de localización", plural=True),
    "forums": noun("foros", plural=True),
    "enterprise-social": noun("red social corporativa", "f"),
}
SOCIAL_TOOLS = noun("herramientas sociales", "f", plural=True)
_PRONOUNS = {"lo": ("lo", "la", "lo", "los", "las")}


def subject(tools: Sequence[str], topic: str | None) -> Subject:
    nouns = [TOOLS[key] for key in dict.fromkeys(tools)][:3]
    if not nouns:
        nouns = [noun(f"tema «{topic}»")] if topic else [SOCIAL_TOOLS]
    return subject_of(nouns, join=join, forms=("de", "a"), pronouns=_PRONOUNS)


PITCH: dict[str, FormatWords] = {
    "story": FormatWords(
        "Personas que empezaron con {s} cuentan qué hicieron, qué pasó y qué volverían a "
        "hacer.",
        {1: "¿Nunca has probado {s}? Te vas sabiendo cómo empezaron otros y qué primer paso "
            "podría ser el tuyo.",
         2: "¿Usas {s} de vez en cuando? Escuchas qué les funcionó a otros y qué no."}),
    "strategy": FormatWords(
        "Por qué {s} [importa|importan] para el negocio: dónde [encaja|encajan], cuánto "
        "[cuesta|cuestan] y qué [aporta|aportan], con tiempo para pensar en tu propia "
        "organización.",
        {2: "¿Usas {s} pero no tienes claro dónde [encaja|encajan] en tu trabajo? Te vas con "
            "los argumentos para convencer a tus colegas.",
         3: "¿Preparas un plan para {s}? Te llevas un marco con el que contrastarlo."}),
    "workshop": FormatWords(
        "Un grupo pequeño y guiado trabaja con {s} en el caso de cada persona.",
        {3: "¿Sabes dónde [encaja|encajan] {s} en tu trabajo? Te vas con tu propio plan, "
            "revisado por tus colegas y por una persona experta."}),
    "lab": FormatWords(
        "Saca el móvil y el portátil: configuras {s} y {lo} pruebas con alguien a tu lado "
        "para ayudarte.",
        {1: "¿Nunca has usado {s}? Te vas con todo configurado y una primera prueba hecha.",
         2: "¿Usas un poco {s}? Pruebas las funciones que aún no te habías atrevido a tocar.",
         3: "¿Preparas un plan? Pruebas lo que necesita antes de comprometerte."}),
    "listening": FormatWords(
        "Primero, escuchar: lo que ya se dice sobre ti, tu tema y tu sector en {s}.",
        everyone="Abierto a todos los niveles: quien empieza ve lo que es posible y quien ya "
        "practica encuentra temas que se le habían escapado."),
    "table": FormatWords(
        "Mesas redondas mixtas, cada una moderada por alguien con experiencia práctica: cada "
        "cual trae un caso sobre {s}.",
        {3: "¿Preparas un plan? Tu mesa revisa tu caso."},
        everyone="Abierto a todos los niveles: quienes empiezan escuchan cómo empezaron otros "
        "como ellos, y quienes ya practican moderan una mesa y conocen a las personas que "
        "acompañarán."),
    "provocation": FormatWords(
        "Alguien con experiencia práctica lanza una tesis rotunda sobre {s} y responde a las "
        "preguntas de la sala.",
        {2: "¿Aún dudas sobre {s}? Una tesis rotunda te ayuda a decidirte.",
         3: "¿Preparas un plan? Lo pones a prueba frente a las objeciones de alguien con "
            "experiencia.",
         4: "¿Tú también trabajas a fondo con {s}? Aquí puedes rebatir."}),
    "community": FormatWords(
        "Quienes ya trabajan a fondo con {s} comparan experiencias y preparan las mesas que "
        "moderarán y a las personas que acompañarán.",
        {4: "¿Usas {s} en el trabajo y sabrías enseñar{lo}? Comparas experiencias y te "
            "preparas para moderar mesas y acompañar a otros."}),
    "plenary": FormatWords(
        "Todos juntos, para un momento compartido sobre {s}.",
        everyone="Abierto a todos los niveles: seas quien seas, esto forma parte de tu día."),
}

LEVEL_GAIN = {
    1: "¿Nunca has probado {s}? Ves lo que es posible y qué primer paso te conviene.",
    2: "¿Usas {s} de vez en cuando? Ves dónde [encaja|encajan] en tu trabajo y cuánto "
       "[vale|valen].",
    3: "¿Sabes dónde [encaja|encajan] {s} en tu trabajo? Te vas con pasos para tu propio "
       "plan.",
    4: "¿Ya trabajas a fondo con {s}? Compartes lo que aprendiste y conoces a personas a "
       "las que acompañar.",
}
NOT_FOR = {
    1: "¿Nunca has probado {s}? Empieza con una sesión de historias y casos compartidos o "
       "con un laboratorio práctico.",
    2: "¿Estás empezando y aún buscas el interés para el negocio? Primero, una charla sobre "
       "contexto y estrategia.",
    3: "¿Con ganas de escribir tu propio plan? Un taller guiado te conviene más.",
    4: "¿Ya usas {s} en el trabajo y sabrías enseñar{lo}? El espacio de comunidad es tuyo.",
}

_FREQUENCY = {"monthly": "cada mes", "weekly": "cada semana", "daily": "a diario"}
_MISSING = {
    "plan": "un plan por escrito (sin él, te quedas en Preparación)",
    "led": "una iniciativa que hayas dirigido",
    "teach": "sentirte a gusto enseñando a tus colegas",
    "tool": "una herramienta que uses cada semana o a diario con una confianza de 4 o más",
}
_LEVEL_2 = ("las sesiones de Primeros pasos te dan el contexto, la estrategia y los "
            "beneficios para el negocio, con tiempo para reflexionar.")
_LEVEL_3 = ("los talleres de Preparación te dan la revisión de tus colegas, la guía de "
            "personas expertas y un plan para llevarte.")


def explain(facts: Explained) -> str:
    usage = _usage(facts)
    if facts.level == 1:
        return ("Aún no has probado las herramientas sociales en el trabajo: las sesiones de "
                "Descubrimiento cuentan lo que hicieron otros, para que veas lo que es "
                "posible.")
    if facts.level == 2:
        gap = (", en privado, aún no para el trabajo" if not facts.for_work
               else ", pero aún no está claro dónde encaja")
        return f"{usage}{gap}: {_LEVEL_2}"
    if facts.level == 3:
        if facts.plan == "none":
            return (f"{usage}, pero aún no tienes un plan: las sesiones de Preparación te dan "
                    "un plan para llevarte.")
        gap = ("tienes ideas para un plan, pero nada por escrito" if facts.plan == "informal"
               else f"tienes un plan, pero Manos a la obra también pide "
               f"{_MISSING[facts.missing]}")
        return f"{usage} y {gap}: {_LEVEL_3}"
    return (f"{usage}, tienes un plan por escrito, has dirigido una iniciativa y enseñarías a "
            "tus colegas: las sesiones de Manos a la obra son donde compartes lo que "
            "aprendiste, y puedes moderar mesas para los niveles 1 a 3.")


def _usage(facts: Explained) -> str:
    context = " para el trabajo" if facts.for_work else ""
    if facts.tool is None:
        return f"Usas las herramientas sociales{context}"
    name = TOOLS[facts.tool].text
    if facts.frequency == "tried":
        return f"Has probado {name}{context}"
    return f"Usas {name} {_FREQUENCY[facts.frequency]}{context}"


#: The glossary's format names (docs/languages.md).
FORMAT_NAMES = {"story": "Historias y casos compartidos",
                  "strategy": "Charla sobre contexto y estrategia",
                  "workshop": "Taller guiado", "lab": "Laboratorio práctico",
                  "listening": "Ejercicio de escucha", "table": "Conversación en mesa",
                  "provocation": "Provocación de una experta o un experto",
                  "community": "Espacio de comunidad", "plenary": "Sesión plenaria"}
LOOK_FOR_LEAD = {
    1: "Empieza con las historias de quienes lo hicieron y luego pruébalo con alguien a tu "
       "lado.",
    2: "Parte del interés para el negocio y de la estrategia, y guarda tiempo para "
       "reflexionar.",
    3: "Únete a un pequeño taller guiado y llévate tu propio plan, revisado por tus colegas y "
       "por personas expertas.",
    4: "Comparte lo que aprendiste con otras personas que ya practican y modera mesas para los "
       "niveles 1 a 3.",
}


#: The agenda reason's sentences (``engine.agenda.reasons``).
REASONS = ReasonWords(
    starred="Marcaste esta sesión con estrella", chosen="Esta sesión la elegiste tú.",
    goal="{wish}: {answer}",
    wishes={"stories": "Pediste historias de lo que hicieron otros",
            "context": "Pediste contexto, estrategia y el caso de negocio",
            "plan": "Pediste un plan para llevarte a casa",
            "share": "Quieres compartir lo que aprendiste y acompañar a otras personas"},
    answers={"story": "personas que lo hicieron cuentan qué pasó",
             "strategy": "esta charla presenta el caso de negocio",
             "provocation": "una persona experta desafía a la sala sobre por qué importa",
             "workshop": "este taller termina con el tuyo",
             "community": "aquí los profesionales comparten experiencias y se preparan para "
                          "acompañar a otras personas"},
    problem="Escribiste {quote}: la sesión trata {matches_de}",
    interests="Mostraste interés por {matches}",
    look_for_first={
        key: f"Tu ficha de nivel pone primero {formats}" for key, formats in {
            "story": "las historias y casos compartidos",
            "strategy": "las charlas sobre contexto y estrategia",
            "workshop": "los talleres guiados", "lab": "los laboratorios prácticos",
            "listening": "los ejercicios de escucha",
            "table": "las conversaciones en mesa",
            "provocation": "las provocaciones de personas expertas",
            "community": "el espacio de comunidad",
            "plenary": "las sesiones plenarias"}.items()},
    quote_marks=("«", "»"),
    open_to_all="Abierta a todos los niveles", made_for="Pensada para {level}, tu nivel",
    up=("Un nivel por encima del tuyo ({level}): un reto",
        "Dos niveles por encima del tuyo ({level}): un reto",
        "Tres niveles por encima del tuyo ({level}): un reto"),
    back=("Un nivel por debajo del tuyo ({level}): aquí puedes ayudar a otras personas",
          "Dos niveles por debajo del tuyo ({level}): aquí puedes ayudar a otras personas",
          "Tres niveles por debajo del tuyo ({level}): aquí puedes ayudar a otras personas"),
    tools=TOOLS, topic=lambda topic: noun(f"tema «{topic}»"), forms=("de", "a"),
)

#: A planning run's outcome (``engine.agenda.summary``), to the organizer (tú).
SUMMARIES = SummaryWords(
    nobody="No se planificó a nadie: no hay participantes confirmados o no hay sesiones con "
    "franja horaria.",
    people=("persona", "personas"), time_slots=("franja horaria", "franjas horarias"),
    slots=("franja", "franjas"), sessions=("sesión", "sesiones"),
    more_people=("persona más", "personas más"),
    agendas_over=("{people} tiene una agenda personal en {slots}.",
                  "{people} tienen una agenda personal en {slots}."),
    agendas=("{people} tiene una agenda personal.", "{people} tienen una agenda personal."),
    share="El {share}\u00a0% tiene todas sus sesiones en su nivel.",
    all_at_level="Todo el mundo tiene una sesión en su nivel en cada franja.",
    at_level_in="Todo el mundo tiene una sesión en su nivel en {good} de {slots}.",
    most_away="Más personas fuera de su nivel: {where}.",
    away_first="{people} en {slot}", away_rest="{n} en {slot}",
    worse_day=("{people} tiene un día peor ({day}) que el resto: menos sesiones en su nivel "
               "ese día.",
               "{people} tienen un día peor ({day}) que el resto: menos sesiones en su nivel "
               "ese día."),
    worse_any_day=("{people} tiene un día peor que el resto: menos sesiones en su nivel ese "
                   "día.",
                   "{people} tienen un día peor que el resto: menos sesiones en su nivel ese "
                   "día."),
    goals_all="Todas las personas que pidieron algo que el programa ofrece en su nivel lo "
    "consiguieron.",
    goals_all_by="Todas las personas que pidieron algo que el programa ofrece en su nivel lo "
    "consiguieron: {by_goal}.",
    goals_some=("{met} de {fitting} personas que pidieron algo que el programa ofrece en su "
                "nivel lo consiguió.",
                "{met} de {fitting} personas que pidieron algo que el programa ofrece en su "
                "nivel lo consiguieron."),
    goals_some_by=("{met} de {fitting} personas que pidieron algo que el programa ofrece en "
                   "su nivel lo consiguió: {by_goal}.",
                   "{met} de {fitting} personas que pidieron algo que el programa ofrece en "
                   "su nivel lo consiguieron: {by_goal}."),
    goal_item="{met} de {fitting} para {goal}",
    goal_names={"stories": "historias de lo que hicieron otros",
                "context": "contexto y estrategia", "plan": "un plan para llevarse a casa",
                "share": "compartir y acompañar"},
    goals_rest=("Para {more_people}, ninguna sesión en su nivel ofrece lo que pidió: añade "
                "una o dile dónde encontrarlo.",
                "Para {more_people}, ninguna sesión en su nivel ofrece lo que pidieron: añade "
                "una o diles dónde encontrarlo."),
    no_seat=("{people} no tiene sesión en al menos una franja: las salas tienen entonces "
             "menos plazas que personas.",
             "{people} no tienen sesión en al menos una franja: las salas tienen entonces "
             "menos plazas que personas."),
    crowded=("{sessions} está llena o casi llena: {list}.",
             "{sessions} están llenas o casi llenas: {list}."),
    crowded_item="{session} ({assigned} de {seats})", crowded_more="{n} más",
)
#: The table-size advice (``engine.grouping.sizes``), to the organizer (tú).
TABLE_SIZES = TableWords(
    nobody="Todavía no hay nadie a quien sentar.",
    tables=("mesa", "mesas"), experts=("experto", "expertos"),
    no_host="{tables} de unas {size} personas; no se ha inscrito ningún experto ni "
    "profesional, así que ninguna mesa tiene anfitrión: invita a algunos o pide a los "
    "facilitadores que guíen las mesas.",
    every_table="{tables} de {sizes} personas, y cada mesa tiene un experto ({experts} para "
    "{tables}).",
    grown=("{tables} de {sizes} personas, para que cada mesa tenga un experto ({preferred} "
           "por mesa darían {wanted}, {missing} de ellas sin experto).",
           "{tables} de {sizes} personas, para que cada mesa tenga un experto ({preferred} "
           "por mesa darían {wanted}, {missing} de ellas sin experto)."),
    short=("{tables} de {sizes} personas: con solo {experts}, {short} se queda sin experto "
           "incluso con el tamaño máximo. Invita a más profesionales o pide a los "
           "facilitadores que guíen las mesas.",
           "{tables} de {sizes} personas: con solo {experts}, {short} se quedan sin experto "
           "incluso con el tamaño máximo. Invita a más profesionales o pide a los "
           "facilitadores que guíen las mesas."),
    sizes_or="{low} o {high}",
)
#: Why an upcoming event is a good next step (``engine.next_steps``).
NEXT_STEPS = NextStepWords(
    both="{sessions} en tu nivel ({rung}) y {step_up} un nivel más arriba ({rung_up}).",
    step_up="Un paso más: {sessions} para {rung_up}, el nivel que sigue al tuyo ({rung}).",
    same_practitioners="{sessions} en tu nivel ({rung}), para profesionales como tú.",
    same_deeper="{sessions} en tu nivel ({rung}), para profundizar.",
    declared="Pensado para los niveles {low} a {high}, que incluyen el tuyo ({rung}).",
    open="Abierto a todos los niveles.",
)
#: The room's public summary (``engine.inventory``).
INVENTORY = InventoryWords(
    too_few="Por ahora se han inscrito menos de {k} personas; el resumen de la sala aparece "
    "a partir de {k}.",
    people_from=("{n} personas de {orgs} organización.",
                 "{n} personas de {orgs} organizaciones."),
    titled="{title}: {body}", levels="Niveles", disciplines="Áreas",
    share="{pct}\u00a0% {name}", all_small="todos los grupos son pequeños",
    not_shown="no se muestran porque los grupos son pequeños: {names}",
    tools_lead="Herramientas usadas al menos una vez al mes: {parts}",
    none_shown="ninguna mostrada", tool_share="el {pct}\u00a0% usa {tool}",
    nobody_uses="nadie usa todavía {tools}", not_assessed="sin evaluar todavía",
    discipline_names={"marketing": "Marketing", "pr": "Relaciones públicas",
                      "technology": "Tecnología", "communications": "Comunicación",
                      "hr": "Recursos humanos / personas", "other": "Otra"},
)
#: The named themes of the problems people bring (``engine.themes``), by English label.
THEME_NAMES = {
    "Measuring results": "Medir resultados",
    "Leaders in public": "Líderes en público",
    "Management buy-in": "Apoyo de la dirección",
    "Approval, policy and risk": "Aprobación, normas y riesgos",
    "Blocked at work": "Bloqueado en el trabajo",
    "Customer care in public": "Atención al cliente en público",
    "Fear of negative comments": "Miedo a los comentarios negativos",
    "One voice for many people": "Una sola voz para muchas personas",
    "Listening first": "Escuchar primero",
    "Recruiting": "Selección de personal",
    "Events and live questions": "Eventos y preguntas en directo",
    "Reaching an audience": "Llegar a un público",
    "Time and budget": "Tiempo y presupuesto",
    "Knowing what to post": "Saber qué publicar",
    "Choosing tools": "Elegir herramientas",
    "Other": "Otros",
}

def plural(n: int) -> bool:
    return n != 1


GRAMMAR = Grammar(
    code="es", join=join, count=count, level_names=LEVEL_NAMES, subject=subject,
    pitch=PITCH, level_gain=LEVEL_GAIN, not_for=NOT_FOR,
    further="¿Ya usas {s}? Una charla sobre contexto y estrategia o un laboratorio práctico "
    "te lleva más lejos.",
    everyone="Abierta a todos los niveles, la sesión no puede profundizar en el plan de "
    "cada persona.",
    also_on="También se habla de {topics}.", explain=explain,
    every_level="todos los niveles",
    format_names=FORMAT_NAMES, look_for_lead=LOOK_FOR_LEAD,
    look_for="Formatos que te convienen: {formats}.",
    rules=WordingRules(level="nivel", levels="niveles",
                       conjunctions=("y", "e", "o", "u", "a"),
                       forbidden=(("missing contraction", r"\b(?:[Dd]e|[Aa]) el\b"),)),
    reasons=REASONS, summaries=SUMMARIES, plural=plural,
    table_sizes=TABLE_SIZES, next_steps=NEXT_STEPS,
    inventory=INVENTORY, theme_names=THEME_NAMES, builder=builder_words(FORMAT_NAMES),
)
