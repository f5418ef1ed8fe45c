"""What each seed scale contains: programs, their partners, how many schools and officers.

The shapes follow PRODUCT.md's "scale to plan for": Winnipeg (~107 schools, 11 officers), Calgary
(~420 schools, ~40 officers, four divisions one of which is French-language) and a province (~10
programs, ~2,000 schools, ~200 officers). Cities are real, so the map looks right; every division,
school, agency and person is invented (``srohub.demo.names``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DivisionSpec:
    name: str
    short_name: str
    schools: int
    language: str = "en"


@dataclass(frozen=True)
class ProgramSpec:
    """One program to seed: the tenant, its partners and its size."""

    name: str
    slug: str
    province: str
    city: str
    centre: tuple[float, float]  # latitude, longitude of the city centre
    area_code: str
    postal_letter: str
    time_zone: str
    divisions: tuple[DivisionSpec, ...]
    officers: int
    french_speaking_officers: int = 0
    started_on: date | None = None
    domain: str = "police"  # e-mail domain of the police service, under .example

    @property
    def schools(self) -> int:
        return sum(division.schools for division in self.divisions)


SMALL = ProgramSpec(
    name="Aspen Falls SRO Program",
    slug="aspen-falls",
    province="MB",
    city="Brandon",
    centre=(49.8485, -99.9501),
    area_code="204",
    postal_letter="R",
    time_zone="America/Winnipeg",
    divisions=(DivisionSpec("Aspen Falls School Division", "AFSD", 8),),
    officers=3,
    started_on=date(2015, 9, 1),
    domain="afps",
)

WINNIPEG = ProgramSpec(
    name="Winnipeg SRO Program",
    slug="winnipeg",
    province="MB",
    city="Winnipeg",
    centre=(49.8951, -97.1384),
    area_code="204",
    postal_letter="R",
    time_zone="America/Winnipeg",
    divisions=(
        DivisionSpec("Red Willow School Division", "RWSD", 62),
        DivisionSpec("Heron Prairie School Division", "HPSD", 45),
    ),
    officers=11,
    french_speaking_officers=1,
    started_on=date(2002, 9, 1),
    domain="wps",
)

CALGARY = ProgramSpec(
    name="Calgary SRO Program",
    slug="calgary",
    province="AB",
    city="Calgary",
    centre=(51.0447, -114.0719),
    area_code="403",
    postal_letter="T",
    time_zone="America/Edmonton",
    divisions=(
        DivisionSpec("Chinook Public School Division", "CPSD", 238),
        DivisionSpec("Prairie Rose Catholic School Division", "PRCSD", 118),
        DivisionSpec("Foothills Meadow School Division", "FMSD", 40),
        DivisionSpec("Conseil scolaire des Trembles", "CST", 24, language="fr"),
    ),
    officers=40,
    french_speaking_officers=6,
    started_on=date(1976, 9, 1),
    domain="cps",
)

# The province scale: (city, centre, area code, postal letter, schools, officers, has a French board).
_ONTARIO = (
    ("Hamilton", (43.2557, -79.8711), "905", "L", 300, 30, False),
    ("London", (42.9849, -81.2453), "519", "N", 260, 26, False),
    ("Kitchener", (43.4516, -80.4925), "519", "N", 240, 24, False),
    ("Windsor", (42.3149, -83.0364), "519", "N", 220, 22, True),
    ("Oshawa", (43.8971, -78.8658), "905", "L", 220, 22, False),
    ("Barrie", (44.3894, -79.6903), "705", "L", 180, 18, False),
    ("Greater Sudbury", (46.4917, -80.9930), "705", "P", 160, 16, True),
    ("Guelph", (43.5448, -80.2482), "519", "N", 160, 16, False),
    ("Kingston", (44.2312, -76.4860), "613", "K", 140, 14, True),
    ("Thunder Bay", (48.3809, -89.2477), "807", "P", 120, 12, False),
)
_BOARD_FEATURES = (
    "Tamarack",
    "Bluewater",
    "Kestrel",
    "Stonebrook",
    "Larch",
    "Osprey",
    "Cedar Bend",
    "Meadowlark",
    "Willow Glen",
    "Pine Ridge",
)
_FRENCH_BOARDS = {"Windsor": "des Saules", "Greater Sudbury": "du Huard", "Kingston": "des Érables"}


def _ontario_program(index: int, row: tuple) -> ProgramSpec:
    city, centre, area_code, postal_letter, schools, officers, french = row
    feature = _BOARD_FEATURES[index]
    french_schools = schools // 10 if french else 0
    catholic = (schools - french_schools) * 2 // 5
    divisions = [
        DivisionSpec(
            f"{feature} District School Board",
            f"{feature[:3].upper()}DSB",
            schools - french_schools - catholic,
        ),
        DivisionSpec(f"{feature} Catholic District School Board", f"{feature[:3].upper()}CDSB", catholic),
    ]
    if french:
        divisions.append(
            DivisionSpec(
                f"Conseil scolaire {_FRENCH_BOARDS[city]}", f"CS{index}", french_schools, language="fr"
            )
        )
    slug = city.lower().replace(" ", "-")
    return ProgramSpec(
        name=f"{city} SRO Program",
        slug=slug,
        province="ON",
        city=city,
        centre=centre,
        area_code=area_code,
        postal_letter=postal_letter,
        time_zone="America/Toronto",
        divisions=tuple(divisions),
        officers=officers,
        french_speaking_officers=officers // 8 if french else 0,
        started_on=date(2008 + index, 9, 1),
        domain=f"{slug.replace('-', '')}ps",
    )


PROVINCE = tuple(_ontario_program(index, row) for index, row in enumerate(_ONTARIO))

SCALES: dict[str, tuple[ProgramSpec, ...]] = {
    "small": (SMALL,),
    "winnipeg": (WINNIPEG,),
    "calgary": (CALGARY,),
    "province": PROVINCE,
}
