from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.core.roles import Role
from srohub.engagement.models import (
    ACTIVITY_READERS,
    MEASURE_READERS,
    REFERRAL_STAFF,
    SETTINGS_READERS,
    Material,
    Topic,
)

NAV_ITEMS = [
    NavItem(_("Log activity"), "engagement:quick", frozenset({Role.SRO})),
    NavItem(_("Activities"), "engagement:activity-list", ACTIVITY_READERS),
    NavItem(_("Referrals"), "engagement:referral-list", REFERRAL_STAFF | {Role.AGENCY_CONTACT}),
    NavItem(_("Engagement measures"), "engagement:measures", MEASURE_READERS),
    NavItem(_("Presentation library"), "engagement:library", Material.access.view),
    NavItem(_("Topic catalogue"), "engagement:topic-list", Topic.access.change),
    NavItem(_("Referral reminders"), "engagement:settings", SETTINGS_READERS),
]
