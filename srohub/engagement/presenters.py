"""What of an activity or referral a reader may see beyond its counts.

A young person's pseudonym is shown only to those who may read that person record (and each such
read is audited through the people app); officers' notes only to police roles, and the notes of an
entry about a young person only to those who may read that person. A principal sees the
activities at their school, but not a person's restricted details (issue 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from srohub.core.roles import POLICE_ROLES
from srohub.core.scoping import program_ids_of
from srohub.people.models import Person
from srohub.people.services import people_listed


@dataclass(frozen=True)
class Disclosure:
    """The restricted details a reader may see for a batch of records (one query, one audit insert)."""

    pseudonyms: dict[int, str] = field(default_factory=dict)
    note_programs: frozenset[int] = frozenset()

    def pseudonym(self, record) -> str | None:
        return self.pseudonyms.get(record.person_id)

    def notes(self, record) -> str | None:
        """Police roles read an entry's notes; where the entry involves a young person the notes
        are about them, so only those who may read that person (as for the pseudonym)."""
        if record.program_id not in self.note_programs:
            return None
        if record.person_id and record.person_id not in self.pseudonyms:
            return None
        return record.notes


def disclose(user, records) -> Disclosure:
    """Which restricted details of ``records`` ``user`` may see; audits every person shown."""
    person_ids = {record.person_id for record in records if record.person_id}
    people = list(Person.objects.visible_to(user).filter(pk__in=person_ids)) if person_ids else []
    if people:
        people_listed(actor=user, people=people)
    return Disclosure(
        pseudonyms={person.pk: person.pseudonym for person in people},
        note_programs=frozenset(program_ids_of(user, POLICE_ROLES)),
    )
