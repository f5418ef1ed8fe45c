"""The shared write mechanics called on their own, as a task worker calls them (autocommit, no
service transaction around): the row lock and the audit event still go in one transaction."""

import pytest
from django.db import connection

from srohub.audit.models import AuditEvent
from srohub.audit.services import SYSTEM
from srohub.core.services import update_record
from srohub.directory.models import School


@pytest.mark.django_db(transaction=True)
def test_it_updates_and_audits_a_record_outside_any_transaction(world):
    school = School.objects.filter(program=world.a.program).first()
    assert not connection.in_atomic_block
    updated = update_record(actor=SYSTEM, instance=school, changes={"name": "Renamed in autocommit"})
    assert School.objects.get(pk=school.pk).name == "Renamed in autocommit" == updated.name
    event = AuditEvent.objects.filter(object_type="directory.school", object_id=str(school.pk)).latest("pk")
    assert event.after == {"name": "Renamed in autocommit"}
