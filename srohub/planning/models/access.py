"""Who reads and who changes planning records."""

from srohub.core.roles import ADMIN_ROLES, STAFF_ROLES, Role

PLAN_READERS = STAFF_ROLES
PLANNERS = ADMIN_ROLES | {Role.SRO_SUPERVISOR}
SCHOOL_EDITORS = PLANNERS | {Role.SCHOOL_ADMIN}
POLICE_READERS = PLANNERS | {Role.SRO}
