"""The shipped drill requirement presets, as data with their sources (DOMAIN.md section 2).

A division picks one for a school year and adjusts it: the preset only fills in the first version
of its requirement set. Where the source is uncertain the preset says so in ``source``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FALL_AND_SPRING = (
    {"key": "fall", "label": "Fall", "start": "09-01", "end": "12-31"},
    {"key": "spring", "label": "Winter/spring", "start": "01-01", "end": "06-30"},
)
SEMESTERS = (
    {"key": "s1", "label": "Semester 1", "start": "09-01", "end": "01-31"},
    {"key": "s2", "label": "Semester 2", "start": "02-01", "end": "06-30"},
)
# Edmonton Public keeps drill records 3 years; no other source names a period, so it is the default.
DEFAULT_RETENTION_YEARS = 3
DEFAULT_OVERDUE_INTERVAL_DAYS = 14
DEFAULT_REMINDER_LEAD_DAYS = 30


@dataclass(frozen=True)
class PresetRequirement:
    drill_type: str
    per_year: int
    per_term: int = 0
    unannounced: int = 0
    varied_times: bool = False
    source: str = ""


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    province: str
    terms: tuple[dict, ...]
    requirements: tuple[PresetRequirement, ...]
    retention_years: int = DEFAULT_RETENTION_YEARS


PRESETS = {
    "ontario": Preset(
        "ontario",
        _("Ontario"),
        "ON",
        FALL_AND_SPRING,
        (
            PresetRequirement(
                "lockdown",
                2,
                source="Ontario provincial lockdown policy, as quoted by boards: at least 2 per school year",
            ),
            PresetRequirement(
                "evacuation",
                6,
                per_term=3,
                source="Ontario Fire Code, O.Reg 213/07 s.2.8.3.2: "
                "3 in the fall term and 3 in the spring term",
            ),
        ),
    ),
    "manitoba": Preset(
        "manitoba",
        _("Manitoba"),
        "MB",
        SEMESTERS,
        (
            PresetRequirement(
                "lockdown",
                2,
                per_term=1,
                source="Manitoba provincial announcement (2013): at least "
                "1 per semester; regulation text unverified",
            ),
            PresetRequirement(
                "evacuation", 10, source="Manitoba division procedures: 10 fire drills per year"
            ),
        ),
    ),
    "alberta_epsb": Preset(
        "alberta_epsb",
        _("Alberta (Edmonton Public)"),
        "AB",
        FALL_AND_SPRING,
        (
            PresetRequirement(
                "lockdown",
                2,
                unannounced=1,
                varied_times=True,
                source="Edmonton Public Schools administrative regulation: at least 2 per year, "
                "at least one unannounced, at varied times; records kept 3 years "
                "(no provincial count found)",
            ),
            PresetRequirement(
                "evacuation",
                6,
                per_term=3,
                source="Alberta Fire Code: 6 per year, 3 in fall and 3 in winter/spring",
            ),
        ),
    ),
    "british_columbia": Preset(
        "british_columbia",
        _("British Columbia"),
        "BC",
        FALL_AND_SPRING,
        (
            PresetRequirement(
                "lockdown",
                2,
                source="BC provincial emergency planning guide: 2 per year "
                "recommended (a guide, not a mandate)",
            ),
            PresetRequirement("evacuation", 6, per_term=3, source="BC Fire Code: 3 per term"),
        ),
    ),
}
PRESET_CHOICES = [(preset.key, preset.label) for preset in PRESETS.values()]


def preset_for_province(province: str) -> Preset | None:
    """The preset a program in ``province`` falls back to before its division picks one."""
    return next((preset for preset in PRESETS.values() if preset.province == province), None)
