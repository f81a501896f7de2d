"""Nederlands: de pitch en de uitleg van het niveau zoals een Nederlander ze schrijft (je).

Level names (glossary, docs/languages.md): Eyeopener, Babystapjes, Voorbereiding, Gewoon
doen. The tools are named without an article, as Dutch names a practice ("met
microbloggen", "op sociale netwerken"); each noun still knows whether it is a de-word
(``m``) or a het-word (``n``), which the article needs ("het microbloggen", "de
livevideo", "de wiki's"). Slots: ``{s}``, ``{s_def}`` (with its article); ``[sg|pl]``
chooses the verb and ``[het|ze]`` the pronoun.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from immerse.engine.languages.nl_builder import builder_words

LEVEL_NAMES = {1: "Eyeopener", 2: "Babystapjes", 3: "Voorbereiding", 4: "Gewoon doen"}


def join(items: Sequence[str], alternative: bool = False) -> str:
    """'a, b en c' (no comma before "en")."""
    parts = [p for p in items if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" of " if alternative else " en ") + parts[-1]


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def noun(word: str, gender: str = "m", *, plural: bool = False) -> Noun:
    """A noun and its definite form: "het" for a singular het-word, else "de"."""
    article = "het" if gender == "n" and not plural else "de"
    return Noun(word, gender, plural, {"def": f"{article} {word}"})


TOOLS: dict[str, Noun] = {
    "microblogging": noun("microbloggen", "n"),
    "social-networking": noun("sociale netwerken", plural=True),
    "blogging": noun("bloggen", "n"),
    "social-bookmarking": noun("social bookmarking"),
    "video-sharing": noun("videoplatforms", "n", plural=True),
    "live-video": noun("livevideo"),
    "photo-sharing": noun("fotoplatforms", "n", plural=True),
    "wikis": noun("wiki's", plural=True),
    "podcasts": noun("podcasts", plural=True),
    "location": noun("locatiediensten", plural=True),
    "forums": noun("forums", "n", plural=True),
    "enterprise-social": noun("interne sociale netwerken", "n", plural=True),
}
SOCIAL_MEDIA = noun("sociale media", plural=True)


def subject(tools: Sequence[str], topic: str | None) -> Subject:
    nouns = [TOOLS[key] for key in dict.fromkeys(tools)][:3]
    if not nouns:
        nouns = [noun(topic, "n")] if topic else [SOCIAL_MEDIA]
    return subject_of(nouns, join=join, forms=("def",))


PITCH: dict[str, FormatWords] = {
    "story": FormatWords(
        "Mensen die met {s} begonnen, vertellen wat ze deden, wat er gebeurde en wat ze "
        "opnieuw zouden doen.",
        {1: "Nog nooit met {s} gewerkt? Je hoort hoe anderen begonnen, en welke eerste stap "
            "de jouwe kan zijn.",
         2: "Gebruik je {s} af en toe? Je hoort wat voor anderen werkte, en wat niet."}),
    "strategy": FormatWords(
        "Waarom {s} ertoe [doet|doen] voor het bedrijf: waar [het|ze] [past|passen], wat "
        "[het|ze] [kost|kosten] en wat [het|ze] [oplevert|opleveren], met tijd om na te "
        "denken over je eigen organisatie.",
        {2: "Gebruik je {s}, maar weet je niet goed waar [het|ze] in je werk [past|passen]? "
            "Je gaat naar huis met de argumenten om je collega's te overtuigen.",
         3: "Werk je aan een plan voor {s}? Je krijgt een kader om het aan te toetsen."}),
    "workshop": FormatWords(
        "Een kleine, begeleide groep werkt met {s} aan ieders eigen casus.",
        {3: "Weet je waar {s} in je werk [past|passen]? Je gaat naar huis met je eigen plan, "
            "bekeken door anderen en een expert."}),
    "lab": FormatWords(
        "Telefoon en laptop erbij: je zet {s} op en probeert [het|ze] uit, met iemand naast "
        "je die helpt.",
        {1: "Nog nooit {s} gebruikt? Je gaat naar huis met alles ingesteld en een eerste "
            "poging achter de rug.",
         2: "Gebruik je {s} een beetje? Je probeert de functies uit die je nog niet aandurfde.",
         3: "Werk je aan een plan? Je probeert uit wat het nodig heeft, voordat je de knoop "
            "doorhakt."}),
    "listening": FormatWords(
        "Eerst luisteren: wat er via {s} al gezegd wordt over jou, je onderwerp en je "
        "sector.",
        everyone="Open voor elk niveau: beginners zien wat er mogelijk is, "
        "ervaringsdeskundigen vinden onderwerpen die ze over het hoofd zagen."),
    "table": FormatWords(
        "Gemengde ronde tafels, elk geleid door een ervaringsdeskundige: iedereen brengt een "
        "casus over {s} mee.",
        {3: "Werk je aan een plan? Je tafel bespreekt je casus."},
        everyone="Open voor elk niveau: beginners horen hoe mensen zoals zij begonnen, "
        "ervaringsdeskundigen leiden een tafel en ontmoeten de mensen die ze gaan "
        "begeleiden."),
    "provocation": FormatWords(
        "Een ervaringsdeskundige doet een stevige uitspraak over {s} en beantwoordt de vragen "
        "uit de zaal.",
        {2: "Twijfel je nog over {s}? Een stevige uitspraak helpt je een besluit te nemen.",
         3: "Werk je aan een plan? Je toetst het aan de bezwaren van een "
            "ervaringsdeskundige.",
         4: "Werk je zelf al volop met {s}? Hier mag je ertegenin gaan."}),
    "community": FormatWords(
        "Ervaringsdeskundigen in {s} wisselen ervaringen uit en bereiden de tafels voor die "
        "ze leiden en de mensen die ze gaan begeleiden.",
        {4: "Gebruik je {s} op je werk en zou je [het|ze] anderen kunnen leren? Je wisselt "
            "ervaringen uit en bereidt je voor om tafels te leiden en mensen te begeleiden."}),
    "plenary": FormatWords(
        "Iedereen samen, voor een gedeeld moment over {s}.",
        everyone="Open voor elk niveau: wie je ook bent, dit hoort bij je dag."),
}

LEVEL_GAIN = {
    1: "Nog nooit met {s} gewerkt? Je ziet wat er mogelijk is en welke eerste stap bij je "
       "past.",
    2: "Gebruik je {s} af en toe? Je ziet waar [het|ze] in je werk [past|passen] en wat "
       "[het|ze] waard [is|zijn].",
    3: "Weet je waar {s} in je werk [past|passen]? Je gaat naar huis met stappen voor je "
       "eigen plan.",
    4: "Werk je al volop met {s}? Je deelt wat je geleerd hebt en ontmoet mensen die je kunt "
       "begeleiden.",
}
NOT_FOR = {
    1: "Nog nooit met {s} gewerkt? Begin met een sessie met verhalen en "
       "praktijkvoorbeelden of met een praktijklab.",
    2: "Begin je net en zoek je nog naar de zakelijke waarde? Een verhaal over context en "
       "strategie komt eerst.",
    3: "Klaar om je eigen plan te schrijven? Een begeleide workshop past beter bij je.",
    4: "Gebruik je {s} al op je werk en zou je [het|ze] anderen kunnen leren? De "
       "communityruimte is voor jou.",
}

_FREQUENCY = {"monthly": "maandelijks", "weekly": "wekelijks", "daily": "dagelijks"}
_MISSING = {
    "plan": "een geschreven plan (zonder blijf je op Voorbereiding)",
    "led": "een initiatief dat je zelf leidde",
    "teach": "dat je het je collega's met vertrouwen kunt leren",
    "tool": "een tool die je wekelijks of dagelijks gebruikt met vertrouwen 4 of hoger",
}
_LEVEL_2 = ("sessies op het niveau Babystapjes geven je de context, de strategie en de "
            "zakelijke voordelen, met tijd om na te denken.")
_LEVEL_3 = ("workshops op het niveau Voorbereiding geven je feedback van anderen, "
            "begeleiding van experts en een plan om mee naar huis te nemen.")


def explain(facts: Explained) -> str:
    usage = _usage(facts)
    if facts.level == 1:
        return ("Je hebt sociale media nog niet voor je werk geprobeerd: sessies op het "
                "niveau Eyeopener vertellen wat anderen deden, zodat je ziet wat er mogelijk "
                "is.")
    if facts.level == 2:
        gap = (", privé, nog niet voor je werk" if not facts.for_work
               else ", maar het is nog niet duidelijk waar het past")
        return f"{usage}{gap}: {_LEVEL_2}"
    if facts.level == 3:
        if facts.plan == "none":
            return (f"{usage}, maar hebt nog geen plan: sessies op het niveau Voorbereiding "
                    "geven je een plan om mee naar huis te nemen.")
        gap = ("hebt ideeën voor een plan, maar nog niets op papier"
               if facts.plan == "informal" else
               f"hebt een plan, maar Gewoon doen vraagt ook {_MISSING[facts.missing]}")
        return f"{usage} en {gap}: {_LEVEL_3}"
    return (f"{usage}, hebt een geschreven plan, leidde een initiatief en zou het je "
            "collega's leren: in sessies op het niveau Gewoon doen deel je wat je geleerd "
            "hebt, en je kunt tafels leiden voor de niveaus 1 tot en met 3.")


def _usage(facts: Explained) -> str:
    context = " voor je werk" if facts.for_work else ""
    if facts.tool is None:
        return f"Je gebruikt sociale media{context}"
    name = TOOLS[facts.tool].text
    if facts.frequency == "tried":
        return f"Je hebt {name}{context} geprobeerd"
    return f"Je gebruikt {name} {_FREQUENCY[facts.frequency]}{context}"


#: The glossary's format names (docs/languages.md).
FORMAT_NAMES = {"story": "Verhalen en praktijkvoorbeelden",
                  "strategy": "Verhaal over context en strategie",
                  "workshop": "Begeleide workshop", "lab": "Praktijklab",
                  "listening": "Luisteroefening", "table": "Tafelgesprek",
                  "provocation": "Prikkel van een expert", "community": "Communityruimte",
                  "plenary": "Plenaire sessie"}
LOOK_FOR_LEAD = {
    1: "Begin met de verhalen van mensen die het deden, en probeer het daarna zelf met iemand "
       "naast je die helpt.",
    2: "Begin bij de zakelijke waarde en de strategie, en neem tijd om na te denken.",
    3: "Doe mee aan een kleine, begeleide workshop en ga naar huis met je eigen plan, bekeken "
       "door anderen en experts.",
    4: "Deel wat je geleerd hebt met andere ervaringsdeskundigen, en leid tafels voor de "
       "niveaus 1 tot en met 3.",
}


#: The agenda reason's sentences (``engine.agenda.reasons``).
REASONS = ReasonWords(
    starred="Je gaf deze sessie een ster", chosen="Je koos deze sessie zelf.",
    goal="{wish}: {answer}",
    wishes={"stories": "Je vroeg om verhalen over wat anderen deden",
            "context": "Je vroeg om context, strategie en de zakelijke waarde",
            "plan": "Je vroeg om een plan om mee naar huis te nemen",
            "share": "Je wilt delen wat je geleerd hebt en anderen begeleiden"},
    answers={"story": "mensen die het deden, vertellen wat er gebeurde",
             "strategy": "dit verhaal laat de zakelijke waarde zien",
             "provocation": "een ervaringsdeskundige daagt de zaal uit over waarom het ertoe "
                            "doet",
             "workshop": "deze workshop eindigt met jouw plan",
             "community": "ervaringsdeskundigen wisselen hier ervaringen uit en bereiden zich "
                          "voor op het begeleiden"},
    problem="Je schreef {quote}: deze sessie gaat over {matches}",
    interests="Je wilde meer weten over {matches}",
    look_for_first={
        key: f"Je niveaukaart zet {formats} bovenaan" for key, formats in {
            "story": "sessies met verhalen en praktijkvoorbeelden",
            "strategy": "verhalen over context en strategie",
            "workshop": "begeleide workshops", "lab": "praktijklabs",
            "listening": "luisteroefeningen", "table": "tafelgesprekken",
            "provocation": "prikkels van een expert", "community": "de communityruimte",
            "plenary": "plenaire sessies"}.items()},
    quote_marks=("\u201c", "\u201d"),
    open_to_all="Open voor elk niveau", made_for="Gemaakt voor {level}, jouw niveau",
    up=("Een stap boven {level}, jouw niveau: een uitdaging",
        "Twee stappen boven {level}, jouw niveau: een uitdaging",
        "Drie stappen boven {level}, jouw niveau: een uitdaging"),
    back=("Een stap onder {level}, jouw niveau: hier kun je anderen helpen",
          "Twee stappen onder {level}, jouw niveau: hier kun je anderen helpen",
          "Drie stappen onder {level}, jouw niveau: hier kun je anderen helpen"),
    tools=TOOLS, topic=lambda topic: noun(topic, "n"), forms=("def",),
)

#: A planning run's outcome (``engine.agenda.summary``).
SUMMARIES = SummaryWords(
    nobody="Niemand is ingepland: geen bevestigde deelnemers, of geen sessies met een "
    "tijdslot.",
    people=("persoon", "personen"), time_slots=("tijdslot", "tijdslots"),
    slots=("tijdslot", "tijdslots"), sessions=("sessie", "sessies"),
    more_people=("andere persoon", "andere personen"),
    agendas_over=("{people} heeft een persoonlijke agenda over {slots}.",
                  "{people} hebben een persoonlijke agenda over {slots}."),
    agendas=("{people} heeft een persoonlijke agenda.",
             "{people} hebben een persoonlijke agenda."),
    share="{share}% heeft elke sessie op het eigen niveau.",
    all_at_level="Iedereen heeft in elk tijdslot een sessie op het eigen niveau.",
    at_level_in="Iedereen heeft in {good} van de {slots} een sessie op het eigen niveau.",
    most_away="De meeste mensen buiten hun niveau: {where}.",
    away_first="{people} om {slot}", away_rest="{n} om {slot}",
    worse_day=("{people} heeft op {day} een slechtere dag dan de rest: minder sessies op "
               "het eigen niveau.",
               "{people} hebben op {day} een slechtere dag dan de rest: minder sessies op "
               "het eigen niveau."),
    worse_any_day=("{people} heeft een slechtere dag dan de rest: die dag minder sessies op "
                   "het eigen niveau.",
                   "{people} hebben een slechtere dag dan de rest: die dag minder sessies op "
                   "het eigen niveau."),
    goals_all="Iedereen die vroeg om iets wat het programma op het eigen niveau biedt, heeft "
    "het gekregen.",
    goals_all_by="Iedereen die vroeg om iets wat het programma op het eigen niveau biedt, "
    "heeft het gekregen: {by_goal}.",
    goals_some=("{met} van de {fitting} mensen die vroegen om iets wat het programma op hun "
                "niveau biedt, heeft het gekregen.",
                "{met} van de {fitting} mensen die vroegen om iets wat het programma op hun "
                "niveau biedt, hebben het gekregen."),
    goals_some_by=("{met} van de {fitting} mensen die vroegen om iets wat het programma op "
                   "hun niveau biedt, heeft het gekregen: {by_goal}.",
                   "{met} van de {fitting} mensen die vroegen om iets wat het programma op "
                   "hun niveau biedt, hebben het gekregen: {by_goal}."),
    goal_item="{met} van de {fitting} voor {goal}",
    goal_names={"stories": "verhalen over wat anderen deden",
                "context": "context en strategie",
                "plan": "een plan om mee naar huis te nemen",
                "share": "delen en begeleiden"},
    goals_rest=("Voor {more_people} biedt geen sessie op het eigen niveau waar die om vroeg: "
                "voeg er een toe, of vertel waar het te vinden is.",
                "Voor {more_people} biedt geen sessie op hun niveau waar ze om vroegen: voeg "
                "er een toe, of vertel ze waar ze het vinden."),
    no_seat=("{people} heeft in minstens één tijdslot geen sessie: de zalen hebben dan "
             "minder plaatsen dan er mensen kwamen.",
             "{people} hebben in minstens één tijdslot geen sessie: de zalen hebben dan "
             "minder plaatsen dan er mensen kwamen."),
    crowded=("{sessions} is vol of bijna vol: {list}.",
             "{sessions} zijn vol of bijna vol: {list}."),
    crowded_item="{session} ({assigned} van {seats})", crowded_more="nog {n}",
)
#: The table-size advice (``engine.grouping.sizes``).
TABLE_SIZES = TableWords(
    nobody="Er is nog niemand om een plaats te geven.",
    tables=("tafel", "tafels"), experts=("expert", "experts"),
    no_host="{tables} van ongeveer {size} mensen; er heeft zich geen expert of "
    "ervaringsdeskundige aangemeld, dus geen tafel heeft een gastheer of gastvrouw: nodig er "
    "een paar uit, of vraag de begeleiders om tafels te leiden.",
    every_table="{tables} van {sizes} mensen, en elke tafel heeft een expert ({experts} "
    "voor {tables}).",
    grown=("{tables} van {sizes} mensen, zodat elke tafel een expert heeft ({preferred} per "
           "tafel zou {wanted} geven, waarvan {missing} zonder expert).",
           "{tables} van {sizes} mensen, zodat elke tafel een expert heeft ({preferred} per "
           "tafel zou {wanted} geven, waarvan {missing} zonder expert)."),
    short=("{tables} van {sizes} mensen: met maar {experts} heeft {short} geen expert, zelfs "
           "op de grootste tafelgrootte. Nodig meer ervaringsdeskundigen uit, of vraag de "
           "begeleiders om tafels te leiden.",
           "{tables} van {sizes} mensen: met maar {experts} hebben {short} geen expert, zelfs "
           "op de grootste tafelgrootte. Nodig meer ervaringsdeskundigen uit, of vraag de "
           "begeleiders om tafels te leiden."),
    sizes_or="{low} of {high}",
)
#: Why an upcoming event is a good next step (``engine.next_steps``).
NEXT_STEPS = NextStepWords(
    both="{sessions} op je niveau ({rung}) en {step_up} een stap hoger ({rung_up}).",
    step_up="Een stap hoger: {sessions} voor {rung_up}, de trede na de jouwe ({rung}).",
    same_practitioners="{sessions} op je niveau ({rung}), voor ervaringsdeskundigen zoals "
    "jij.",
    same_deeper="{sessions} op je niveau ({rung}), om je verder te verdiepen.",
    declared="Bedoeld voor de niveaus {low}–{high}, en dus ook voor het jouwe ({rung}).",
    open="Open voor elk niveau.",
)
#: The room's public summary (``engine.inventory``).
INVENTORY = InventoryWords(
    too_few="Er hebben zich nog minder dan {k} mensen aangemeld; het overzicht van de zaal "
    "verschijnt vanaf {k}.",
    people_from=("{n} mensen uit {orgs} organisatie.", "{n} mensen uit {orgs} organisaties."),
    titled="{title}: {body}", levels="Niveaus", disciplines="Vakgebieden",
    share="{pct}% {name}", all_small="alle groepen zijn klein",
    not_shown="niet getoond omdat de groepen klein zijn: {names}",
    tools_lead="Tools die minstens maandelijks gebruikt worden: {parts}",
    none_shown="geen getoond", tool_share="{pct}% gebruikt {tool}",
    nobody_uses="niemand gebruikt nog {tools}", not_assessed="nog niet ingeschaald",
    discipline_names={"marketing": "Marketing", "pr": "PR", "technology": "Technologie",
                      "communications": "Communicatie", "hr": "HR / mensen",
                      "other": "Overig"},
)
#: The named themes of the problems people bring (``engine.themes``), by English label.
THEME_NAMES = {
    "Measuring results": "Resultaten meten",
    "Leaders in public": "Leiders in de openbaarheid",
    "Management buy-in": "Steun van het management",
    "Approval, policy and risk": "Goedkeuring, beleid en risico",
    "Blocked at work": "Geblokkeerd op het werk",
    "Customer care in public": "Klantenservice in het openbaar",
    "Fear of negative comments": "Angst voor negatieve reacties",
    "One voice for many people": "Eén stem voor veel mensen",
    "Listening first": "Eerst luisteren",
    "Recruiting": "Werving",
    "Events and live questions": "Evenementen en live vragen",
    "Reaching an audience": "Een publiek bereiken",
    "Time and budget": "Tijd en budget",
    "Knowing what to post": "Weten wat je post",
    "Choosing tools": "Tools kiezen",
    "Other": "Overig",
}

def plural(n: int) -> bool:
    return n != 1


GRAMMAR = Grammar(
    code="nl", join=join, count=count, level_names=LEVEL_NAMES, subject=subject,
    pitch=PITCH, level_gain=LEVEL_GAIN, not_for=NOT_FOR,
    further="Gebruik je {s} al? Een verhaal over context en strategie of een praktijklab "
    "brengt je verder.",
    everyone="Open voor elk niveau, dus er is geen ruimte om diep op ieders eigen plan in "
    "te gaan.",
    also_on="Ook over {topics}.", explain=explain,
    every_level="elk niveau",
    format_names=FORMAT_NAMES, look_for_lead=LOOK_FOR_LEAD,
    look_for="Vormen die bij je passen: {formats}.",
    rules=WordingRules(level="niveau", levels="niveaus",
                       conjunctions=("en", "of", "tot", "t/m"),
                       doubled_ok=frozenset({"dat", "die"})),
    reasons=REASONS, summaries=SUMMARIES, plural=plural,
    table_sizes=TABLE_SIZES, next_steps=NEXT_STEPS,
    inventory=INVENTORY, theme_names=THEME_NAMES, builder=builder_words(FORMAT_NAMES),
)
