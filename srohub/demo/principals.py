"""A school admin for every school the seed needs one at: disclosures under YCJA s.125(6) go to a
school's principal, and a drill's corrective actions are owned by one. A calgary-scale seed has no
logins at all, so fictional principals are created (no usable password, no e-mail)."""

from django.contrib.auth.hashers import make_password

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role


def ensure_school_admins(program, school_ids) -> dict[int, int]:
    """{school id: user id} of a school admin of each school, a fictional principal created (no usable
    password, no e-mail) where the school has none; bulk inserts."""
    admins = school_admins(program, school_ids)
    missing = sorted(set(school_ids) - set(admins))
    if missing:
        no_password = make_password(None)
        users = User.objects.bulk_create(
            User(username=f"principal-{program.slug}-{school_id}", first_name="Principal", last_name=f"#{school_id}",
                 password=no_password)
            for school_id in missing
        )
        Membership.objects.bulk_create(
            Membership(program=program, user=user, role=Role.SCHOOL_ADMIN, school_id=school_id)
            for user, school_id in zip(users, missing, strict=True)
        )
        admins.update(school_admins(program, missing))
    return admins


def school_admins(program, school_ids=None) -> dict[int, int]:
    memberships = Membership.objects.filter(program=program, role=Role.SCHOOL_ADMIN, is_active=True)
    if school_ids is not None:
        memberships = memberships.filter(school_id__in=list(school_ids))
    return dict(memberships.order_by("-pk").values_list("school_id", "user_id"))
