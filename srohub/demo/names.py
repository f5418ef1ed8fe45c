"""Plainly fictional names for the demo data: schools, people, streets, phone numbers.

Everything here is invented on purpose. Schools are named after trees, birds and landforms
("Aspen Ridge School", "Kestrel Collegiate", "École Rivière-Rouge"); officers get ordinary but made-up
name pairs; phone numbers use the 555-01xx block that North American numbering reserves for fiction;
e-mail addresses use the reserved ``.example`` domain. Every function draws from the ``rng`` it is
given, so a seed number always produces the same names.
"""

from __future__ import annotations

import random
import unicodedata

# Word lists read better packed than one word per line.
# fmt: off
TREES = (
    "Aspen", "Birch", "Cedar", "Spruce", "Tamarack", "Willow", "Maple", "Oak", "Poplar", "Pine", "Elm",
    "Larch", "Juniper", "Cottonwood", "Balsam", "Hawthorn", "Chokecherry", "Alder", "Hemlock", "Sumac",
    "Linden", "Rowan", "Basswood", "Hazel",
)
BIRDS = (
    "Kestrel", "Heron", "Osprey", "Chickadee", "Meadowlark", "Bluebird", "Loon", "Pelican", "Killdeer",
    "Warbler", "Nuthatch", "Sparrow", "Falcon", "Crane", "Merlin", "Plover", "Swallow", "Kingfisher",
    "Grouse", "Owl", "Magpie", "Oriole", "Tanager", "Waxwing",
)
LANDFORMS = (
    "Ridge", "Creek", "Valley", "Meadow", "Park", "Heights", "Hollow", "Bend", "Crossing", "Point",
    "Bluff", "Springs", "Prairie", "Grove", "Glen", "Landing", "Trail", "Lake", "Brook", "Hill",
)
SUFFIXES = {
    "elementary": ("School", "Elementary School", "Community School"),
    "junior_high": ("Junior High School", "Middle School"),
    "senior_high": ("Collegiate", "High School", "Secondary School"),
    "k12": ("School (K–12)",),
}

FRENCH_TREES = (
    "Trembles", "Bouleaux", "Cèdres", "Épinettes", "Mélèzes", "Saules", "Érables", "Chênes", "Peupliers",
    "Pins", "Noisetiers", "Sapins",
)
FRENCH_BIRDS = (
    "Héron", "Huard", "Pélican", "Faucon", "Martin-pêcheur", "Harfang", "Geai", "Butor",
)
FRENCH_COLOURS = (
    "Rouge", "Blanche", "Verte", "Claire", "Noire", "Sauvage", "Tranquille", "aux-Outardes",
)
FRENCH_PREFIXES = {
    "elementary": "École",
    "junior_high": "École",
    "senior_high": "École secondaire",
    "k12": "École",
}

FIRST_NAMES = (
    "Dana", "Jordan", "Morgan", "Casey", "Riley", "Taylor", "Alexis", "Jamie", "Robin", "Drew", "Kendall",
    "Reese", "Quinn", "Avery", "Sasha", "Devon", "Harper", "Rowan", "Emerson", "Blair", "Marlowe",
    "Teagan", "Hollis", "Corey", "Leslie", "Shannon", "Kerry", "Jesse", "Noel", "Lane", "Parker", "Sidney",
)
LAST_NAMES = (
    "Ashdown", "Brightwater", "Calloway", "Dunmore", "Ellery", "Fairweather", "Greyson", "Hartwell",
    "Kettleby", "Lindqvist", "Marchetti", "Northcott", "Oakhurst", "Pemberton", "Quennell", "Rainsford",
    "Stillwell", "Thornbury", "Underhill", "Valdane", "Whitlock", "Yarrow", "Ambrose", "Blackstock",
    "Crowther", "Daventry", "Eastwick", "Fennimore", "Galloway", "Holloway", "Ivesdale", "Jessop",
    "Kinsella", "Lockhart", "Merriweather", "Nightingale", "Ormsby", "Penhallow", "Redgrave", "Sallow",
)
FRENCH_FIRST_NAMES = (
    "Mathilde", "Étienne", "Geneviève", "Olivier", "Josée", "Rémi", "Chantal", "Luc", "Sylvie", "Mathieu",
    "Isabelle", "Benoît",
)
FRENCH_LAST_NAMES = (
    "Beausoleil", "Desrosiers", "Lachance", "Bellerose", "Boisvenu", "Latendresse", "Vaillancourt",
    "Beaupré", "Montcalme", "Clairmont", "Bonenfant", "Sansregret",
)
# fmt: on

STREET_TYPES = ("Drive", "Avenue", "Street", "Road", "Crescent", "Boulevard", "Way")
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # the letters Canada Post uses (no D, F, I, O, Q, U)


def school_name(rng: random.Random, level: str, language: str) -> str:
    """A fictional school name for the level and language of instruction (may repeat: see ``unique``)."""
    if language == "fr":
        return f"{FRENCH_PREFIXES[level]} {_french_place(rng)}"
    feature = rng.choice(TREES + BIRDS)
    # A third of the names are the bare feature ("Kestrel Collegiate"), the rest add a landform.
    place = feature if rng.random() < 0.3 else f"{feature} {rng.choice(LANDFORMS)}"
    return f"{place} {rng.choice(SUFFIXES[level])}"


def _french_place(rng: random.Random) -> str:
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"Rivière-{rng.choice(FRENCH_COLOURS)}"
    if pattern == 1:
        return f"des {rng.choice(FRENCH_TREES)}"
    if pattern == 2:
        return f"du {rng.choice(FRENCH_BIRDS)}"
    return f"Pointe-aux-{rng.choice(FRENCH_TREES)}"


def unique(make, used: set[str], *, attempts: int = 50) -> str:
    """Call ``make()`` until it gives a name not in ``used``; number the name as a last resort."""
    for _ in range(attempts):
        name = make()
        if name not in used:
            used.add(name)
            return name
    base, number = make(), 2
    while f"{base} {number}" in used:
        number += 1
    used.add(f"{base} {number}")
    return f"{base} {number}"


def short_name(name: str) -> str:
    """A short name for lists on a phone: the name without its generic part ("Aspen Ridge")."""
    for generic in (
        "Elementary School",
        "Community School",
        "Junior High School",
        "Middle School",
        "High School",
        "Secondary School",
        "School (K–12)",
        "Collegiate",
        "School",
        "École secondaire",
        "École",
    ):
        name = name.replace(generic, "")
    return name.strip()[:60]


def person_name(rng: random.Random, *, french: bool = False) -> tuple[str, str]:
    """(first name, last name): ordinary-sounding, invented pairs."""
    if french:
        return rng.choice(FRENCH_FIRST_NAMES), rng.choice(FRENCH_LAST_NAMES)
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def street_address(rng: random.Random) -> str:
    return f"{rng.randrange(10, 5000)} {rng.choice(TREES + BIRDS)} {rng.choice(STREET_TYPES)}"


def postal_code(rng: random.Random, first_letter: str) -> str:
    """A well-formed Canadian postal code in the province's letter range (not looked up anywhere)."""
    digit, letter = rng.randrange, rng.choice
    return f"{first_letter}{digit(10)}{letter(POSTAL_LETTERS)} {digit(10)}{letter(POSTAL_LETTERS)}{digit(10)}"


def phone(rng: random.Random, area_code: str) -> str:
    """A number in the 555-0100…0199 block, which is set aside for fiction and never assigned."""
    return f"{area_code}-555-01{rng.randrange(100):02d}"


def email(first_name: str, last_name: str, domain: str) -> str:
    local = f"{first_name}.{last_name}".lower()
    return f"{_ascii(local).replace(' ', '')}@{domain}.example"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
