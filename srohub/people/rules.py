"""Pure rules about people: age and the YCJA's definition of a young person."""

from datetime import date

YOUTH_MIN_AGE = 12
YOUTH_MAX_AGE_EXCLUSIVE = 18


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on``; a birthday counts on its day (29 February: on 1 March in other years)."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def is_young_person(date_of_birth: date, on: date) -> bool:
    """YCJA s.2(1) "young person": twelve years old or older, but under eighteen, at the time of
    the alleged offence (``on``)."""
    return YOUTH_MIN_AGE <= age_on(date_of_birth, on) < YOUTH_MAX_AGE_EXCLUSIVE


def parental_notice_applies(date_of_birth: date, first_appearance: date) -> bool:
    """YCJA s.26(12): the parental notice duties do not apply to a person who is twenty years old
    or older at the time of their first appearance before a youth justice court."""
    return age_on(date_of_birth, first_appearance) < 20
