"""Word lists and templates the demo draws from, so generated people and text read naturally."""

from __future__ import annotations

FIRST_NAMES = (
    "Anna", "Bram", "Chloé", "Daan", "Elif", "Femke", "Gijs", "Hanna", "Ilse", "Jasper",
    "Karin", "Lars", "Maud", "Noah", "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Tom",
    "Ute", "Vera", "Wouter", "Yara", "Zoë", "Ahmed", "Bea", "Carlos", "Dewi", "Emre",
    "Fatima", "Gert", "Hiro", "Ines", "Joost", "Kofi", "Lotte", "Mehmet", "Nadia", "Oscar",
    "Priya", "Rik", "Sofia", "Thijs", "Valentina", "Wim", "Xander", "Youssef", "Ayla", "Ruben",
    "Marieke", "Stefan", "Claire", "Julien", "Ingrid", "Mateo", "Leila", "Koen", "Eva", "Niels",
)
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "Koster", "Yilmaz",
    "El Amrani", "Kaya", "Nguyen", "Martin", "Dubois", "Schmidt", "Müller", "Rossi", "García",
    "Okafor", "Mensah", "Tanaka", "Kowalski", "Novak", "Lindqvist", "O'Brien", "Murphy",
    "Fernandes", "Haddad", "Verbeek", "Willems", "Claes", "Janssens", "Peeters", "Maes",
)
ORGANIZATIONS = (
    "Rabo Regional", "Gemeente Utrecht", "Philips Lighting", "KLM Cargo", "Stedin",
    "Erasmus MC", "Hogeschool Rotterdam", "ANWB", "Bol Retail", "Vopak", "Nuon Energy",
    "Greenpeace NL", "Rijkswaterstaat", "TU Delft", "Unilever Benelux", "ING Wholesale",
    "Randstad Groep", "Heineken Brand Team", "Port of Antwerp", "VRT", "Proximus",
    "Belfius", "Stad Gent", "UZ Leuven", "Colruyt", "Delhaize", "Ordina", "Capgemini NL",
    "Oxfam Novib", "Koninklijke Bibliotheek", "Museum Boijmans", "NS Reizigers",
)
REGIONS = ("Randstad", "Brabant", "Flanders", "Brussels", "Gelderland", "Groningen", "Limburg")

STORY_TEMPLATES = (
    "We started a {tool} account for our {dept} team and the first month nobody reacted.",
    "Our CEO wrote a {tool} post about a failed launch and got more goodwill than any campaign.",
    "A customer complained on {tool}; answering in public turned them into a fan.",
    "We used {tool} to recruit trainees and halved the cost per hire.",
    "An intern set up {tool} for an event and it became our best channel for questions.",
    "We listened on {tool} for two weeks before posting and found three topics we had missed.",
)
PROBLEM_TEMPLATES = (
    "Legal wants to approve every {tool} message, so we are always too late.",
    "I do not know how to measure whether {tool} helps our {dept} goals.",
    "Management sees {tool} as a waste of time; I need a business case.",
    "We have five people posting on {tool} with five different voices.",
    "IT blocks {tool} on the office network and staff use their phones instead.",
    "I want to start with {tool} but don't know what to post first.",
    "Our {dept} colleagues are afraid of negative comments on {tool}.",
)
DEPARTMENTS = {
    "marketing": "marketing",
    "pr": "press office",
    "technology": "IT",
    "communications": "communications",
    "hr": "HR",
    "other": "customer service",
}
