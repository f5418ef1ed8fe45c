"""Tips: reports from Crime Stoppers and from anonymous students, where they were routed, the
officer's dialogue with the tipster, the officer's own notes, and the escalation trail.

Nothing here identifies the tipster: no IP address, no device, no account for web tips. The tip's
content (narrative, school text, messages) is redacted in the audit trail.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant
from srohub.tips import rules

# Who works tips: the officers and their sergeants. The program admin configures the program but
# does not read tips (least knowledge); evaluators see measures only.
TIP_STAFF = frozenset({Role.SRO, Role.SRO_SUPERVISOR})
MEASURE_READERS = frozenset({Role.SRO_SUPERVISOR, Role.PROGRAM_ADMIN, Role.EVALUATOR})


class TipCategory(models.TextChoices):
    VIOLENCE = "violence", _("Violence or threat")
    WEAPON = "weapon", _("Weapon")
    DRUGS = "drugs", _("Drugs or alcohol")
    BULLYING = "bullying", _("Bullying or harassment")
    ONLINE = "online", _("Cyberbullying or online threat")
    SELF_HARM = "self_harm", _("Someone may hurt themselves")
    GANG = "gang", _("Gang activity")
    PROPERTY = "property", _("Theft, vandalism or graffiti")
    OTHER = "other", _("Something else")


class TipSource(models.TextChoices):
    PARTNER = "partner", _("Tip partner (Crime Stoppers)")
    WEB = "web", _("Anonymous web form")


class TipStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class TipQueue(models.TextChoices):
    TRIAGE = rules.TRIAGE, _("Triage")
    SUPERVISOR = rules.SUPERVISOR, _("Supervisor")


class RoutedKind(models.TextChoices):
    OFFICER = rules.OFFICER, _("Officer")
    QUEUE = rules.QUEUE, _("Queue")


class Disposition(models.TextChoices):
    UNFOUNDED = rules.UNFOUNDED, _("Unfounded")
    RESOLVED_WITH_SCHOOL = rules.RESOLVED_WITH_SCHOOL, _("Resolved with the school")
    OCCURRENCE_OPENED = rules.OCCURRENCE_OPENED, _("Occurrence opened")
    THREAT_ASSESSMENT_OPENED = rules.THREAT_ASSESSMENT_OPENED, _("Threat assessment opened")
    REFERRED = rules.REFERRED, _("Referred to another agency")
    DUPLICATE = rules.DUPLICATE, _("Duplicate of another tip")


class Tip(ProgramOwned):
    """One tip, routed to an officer or a queue the moment it is stored."""

    # Indexes are paid on every incoming tip: each is kept only for a read that needs it. The
    # program, partner and number are indexed by the composite and unique indexes in Meta; the
    # links set only later (acknowledged by, occurrence, duplicate of) by partial indexes, which a
    # new tip, where they are empty, does not touch.
    program = models.ForeignKey(
        "directory.Program", on_delete=models.PROTECT, db_index=False, verbose_name=_("program")
    )
    number = models.CharField(_("tip number"), max_length=16, editable=False)
    passcode_hash = models.CharField(max_length=200, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=8, choices=TipSource.choices)
    partner = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tip partner"),
    )
    partner_reference = models.CharField(_("partner's reference"), max_length=100, blank=True)
    school = models.ForeignKey(
        "directory.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    school_text = models.CharField(_("school as given"), max_length=300, blank=True)
    school_candidates = models.JSONField(_("school candidates"), default=list, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=TipCategory.choices)
    life_safety = models.BooleanField(_("life safety"), default=False)
    received_at = models.DateTimeField(_("received"))
    narrative = models.TextField(_("narrative"))
    status = models.CharField(_("status"), max_length=12, choices=TipStatus.choices, default=TipStatus.NEW)
    routed_kind = models.CharField(_("routed to"), max_length=8, choices=RoutedKind.choices)
    routed_officer = models.ForeignKey(
        "directory.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("routed to officer"),
    )
    routed_queue = models.CharField(_("routed to queue"), max_length=12, choices=TipQueue.choices, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    disposition = models.CharField(_("disposition"), max_length=28, choices=Disposition.choices, blank=True)
    disposed_at = models.DateTimeField(_("disposition recorded"), null=True, blank=True)
    # related_name="+": an occurrence never leads back to the tip, so nothing about the tipster
    # can be reached from the occurrence's side (issue 6, Handling).
    occurrence = models.ForeignKey(
        "occurrences.Occurrence",
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occurrence"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("duplicate of"),
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    passcode_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    passcode_locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    access = Access(view=TIP_STAFF, change=TIP_STAFF, school_path="school_id")
    audit_exclude = frozenset({"passcode_hash"})
    audit_redact = frozenset({"narrative", "school_text", "school_candidates"})

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="tip_number_unique"),
            models.UniqueConstraint(
                fields=["partner", "partner_reference"],
                name="tip_partner_reference_unique",
                condition=Q(partner__isnull=False),
            ),
            models.CheckConstraint(
                name="tip_routed_somewhere",
                condition=Q(routed_kind=rules.OFFICER, routed_officer__isnull=False, routed_queue="")
                | Q(
                    routed_kind=rules.QUEUE,
                    routed_officer__isnull=True,
                    routed_queue__in=[rules.TRIAGE, rules.SUPERVISOR],
                ),
            ),
            models.CheckConstraint(
                name="tip_partner_tips_have_a_reference",
                condition=Q(partner__isnull=True) | ~Q(partner_reference=""),
            ),
        ]
        indexes = [
            models.Index(fields=["program", "school", "received_at"], name="tip_school_time"),
            models.Index(fields=["program", "routed_queue", "status"], name="tip_queue_status"),
            *(
                models.Index(fields=[link], name=f"tip_{link}", condition=Q(**{f"{link}__isnull": False}))
                for link in ("acknowledged_by", "occurrence", "duplicate_of")
            ),
        ]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self) -> str:
        return self.number

    @property
    def routed_to(self) -> dict:
        if self.routed_kind == rules.OFFICER:
            return {"kind": rules.OFFICER, "id": self.routed_officer_id}
        return {"kind": rules.QUEUE, "name": self.routed_queue}

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """Officers see the tips of their schools and those routed to them; supervisors the whole
        program, triage queue included. A tip partner reads the tips its organization submitted,
        and nothing else (its grant reaches no school)."""
        in_program = Q(program_id=grant.program_id)
        if grant.role == Role.TIP_PARTNER:
            if action != VIEW or grant.organization_id is None:
                return None
            return in_program & Q(partner_id=grant.organization_id)
        if grant.role == Role.SRO_SUPERVISOR:
            return in_program
        if grant.role == Role.SRO:
            mine = Q(school_id__in=sorted(grant.school_ids or ()))
            if grant.officer_id is not None:
                mine |= Q(routed_officer_id=grant.officer_id)
            return in_program & mine
        return None


class TipOnlyAccess:
    """Records hanging on a tip are seen and changed by whoever sees and changes the tip."""

    access = Access(view=TIP_STAFF, change=TIP_STAFF, school_path="tip__school_id")

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        condition = Tip.scope_condition(grant, action)
        if condition is None or grant.role == Role.TIP_PARTNER:
            return None  # a partner never reads messages, notes or escalation targets
        return Q(tip__in=Tip.objects.filter(condition).values("pk"))


class Author(models.TextChoices):
    OFFICER = "officer", _("Officer")
    TIPSTER = "tipster", _("Tipster")


class TipMessage(TipOnlyAccess, ProgramOwned):
    """The two-way dialogue with the tipster: an officer's question or the tipster's answer.
    The tipster reads these with their tip number and passcode."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages", verbose_name=_("tip"))
    author = models.CharField(_("from"), max_length=8, choices=Author.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"))

    audit_redact = frozenset({"body"})

    class Meta:
        ordering = ["tip", "created_at", "id"]
        verbose_name = _("tip message")
        verbose_name_plural = _("tip messages")

    def __str__(self) -> str:
        return f"{self.tip} · {self.get_author_display()}"


class NoteKind(models.TextChoices):
    NOTE = "note", _("Note")
    ACTION = "action", _("Action taken")


class TipNote(TipOnlyAccess, ProgramOwned):
    """An officer's note or action on a tip. Never shown to the tipster or the partner."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="notes", verbose_name=_("tip"))
    kind = models.CharField(_("kind"), max_length=8, choices=NoteKind.choices, default=NoteKind.NOTE)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("note"))

    audit_redact = frozenset({"body"})

    class Meta:
        ordering = ["tip", "created_at", "id"]
        verbose_name = _("tip note")
        verbose_name_plural = _("tip notes")

    def __str__(self) -> str:
        return f"{self.tip} · {self.get_kind_display()}"


class StepState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled (acknowledged)")


class TargetKind(models.TextChoices):
    OFFICER = rules.OFFICER, _("Officer")
    QUEUE = rules.QUEUE, _("Queue")
    DUTY = rules.DUTY, _("Unit duty line")


class EscalationStep(TipOnlyAccess, ProgramOwned):
    """One notification of a tip: step 0 tells whoever it was routed to; a life-safety tip gets a
    next step every N minutes until acknowledged. Durable: the ``srohub tips escalate`` worker sends
    due steps, so a restart resumes where it stopped, and (tip, step) is unique so none is sent twice.
    """

    # Not indexed alone: the (tip, step) unique constraint leads with it.
    tip = models.ForeignKey(
        Tip, on_delete=models.CASCADE, db_index=False, related_name="steps", verbose_name=_("tip")
    )
    step = models.PositiveSmallIntegerField(_("step"))
    target_kind = models.CharField(_("to"), max_length=8, choices=TargetKind.choices)
    target_officer = models.ForeignKey(
        "directory.Officer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_queue = models.CharField(max_length=12, choices=TipQueue.choices, blank=True)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=StepState.choices, default=StepState.PENDING)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(_("messages sent"), default=0)

    class Meta:
        ordering = ["tip", "step"]
        constraints = [models.UniqueConstraint(fields=["tip", "step"], name="escalation_step_unique")]
        indexes = [models.Index(fields=["state", "due_at"], name="escalation_due")]
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")

    def __str__(self) -> str:
        return f"{self.tip} · {self.step}"

    @classmethod
    def first_of(cls, tip: Tip, *, due_at, **fields) -> "EscalationStep":
        """Step 0 of a new tip, not yet stored: to whoever the tip was routed to."""
        return cls(
            program_id=tip.program_id,
            tip=tip,
            step=0,
            target_kind=tip.routed_kind,
            target_officer_id=tip.routed_officer_id,
            target_queue=tip.routed_queue,
            due_at=due_at,
            **fields,
        )

    @property
    def target(self) -> rules.Target:
        return rules.Target(self.target_kind, officer_id=self.target_officer_id, queue=self.target_queue)


class TipAttachment(TipOnlyAccess, ProgramOwned):
    """A picture sent with a tip, re-encoded on arrival so no camera or location metadata is kept."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("tip"))
    file = models.FileField(_("file"), upload_to="tips/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["tip", "id"]
        verbose_name = _("tip attachment")
        verbose_name_plural = _("tip attachments")

    def __str__(self) -> str:
        return f"{self.tip} · {self.pk}"
