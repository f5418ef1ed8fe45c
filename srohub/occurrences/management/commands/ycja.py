"""``srohub ycja …``: the youth-records rules on the command line.

- ``access-period``: the YCJA s.119(2) period of one outcome, for records staff checking a case;
- ``sweep [--as-of DATE]``: make records past their period non-disclosable (daily; idempotent);
- ``escalate-notices``: escalate overdue parental notice duties to the supervisors;
- ``remind-disclosures``: remind schools to destroy information shared under s.125(6).
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from srohub.occurrences import services
from srohub.occurrences.rules.access_periods import (
    COMMAND_OUTCOMES,
    LaterOffence,
    MissingDateError,
    OutcomeDates,
    access_period,
)

MISUSE = 2  # the exit status of a command used wrongly (a missing or malformed date)


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}", returncode=MISUSE) from exc


def flag(field: str) -> str:
    return "--" + field.replace("_", "-")


class Command(BaseCommand):
    help = "Youth Criminal Justice Act records: access periods, the non-disclosure sweep, notice escalation."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        period = commands.add_parser(
            "access-period", help="Print when an outcome's access period ends (s.119(2))."
        )
        period.add_argument("--outcome", required=True, choices=[o.value for o in COMMAND_OUTCOMES])
        for field in OutcomeDates.field_names():
            period.add_argument(flag(field), dest=field, type=str, metavar="YYYY-MM-DD")
        period.add_argument(
            "--later-offence",
            choices=["summary", "indictable"],
            help="A new offence found during a (g)/(h) period (s.119(2)(i)/(j)).",
        )
        period.add_argument("--later-finding-date", metavar="YYYY-MM-DD")
        period.add_argument("--later-sentence-completed", metavar="YYYY-MM-DD")
        period.add_argument("--adult-conviction-date", metavar="YYYY-MM-DD", help="s.119(9)")
        period.add_argument("--json", action="store_true", help="Print one JSON object.")
        sweep = commands.add_parser("sweep", help="Make records past their access period non-disclosable.")
        sweep.add_argument("--as-of", metavar="YYYY-MM-DD", help="The day to apply it on (default: today).")
        commands.add_parser("escalate-notices", help="Escalate overdue parental notices to the supervisor.")
        commands.add_parser("remind-disclosures", help="Remind schools to destroy shared information.")

    def handle(self, *args, action: str, **options):
        if action == "access-period":
            return self.access_period(options)
        if action == "sweep":
            as_of = iso_date(options["as_of"]) if options.get("as_of") else timezone.localdate()
            count = services.ycja_sweep(as_of=as_of)
            self.stdout.write(f"{count} record(s) made non-disclosable as of {as_of.isoformat()}")
        elif action == "escalate-notices":
            self.stdout.write(f"{services.notices_escalate()} overdue notice(s) escalated")
        else:
            self.stdout.write(f"{services.disclosures_remind()} reminder(s) sent")
        return None

    def access_period(self, options: dict) -> None:
        dates = OutcomeDates(
            **{f: iso_date(options[f]) if options.get(f) else None for f in OutcomeDates.field_names()}
        )
        try:
            period = access_period(
                options["outcome"],
                dates,
                later_offence=self.later_offence(options),
                adult_conviction_date=self.optional_date(options, "adult_conviction_date"),
            )
        except MissingDateError as missing:
            raise CommandError(
                f"{missing.outcome} needs {flag(missing.field)} (YCJA s.119(2))", returncode=MISUSE
            ) from missing
        answer = {
            "outcome": options["outcome"],
            "status": period.status.value,
            "ends_on": period.ends_on.isoformat() if period.ends_on else None,
            "provision": period.provision,
            "reason": period.reason,
        }
        if options["json"]:
            self.stdout.write(json.dumps(answer))
        elif period.ends_on:
            self.stdout.write(f"{period.ends_on.isoformat()}  ({period.provision})")
        else:
            self.stdout.write(f"none  {period.reason}")

    def optional_date(self, options: dict, name: str) -> date | None:
        return iso_date(options[name]) if options.get(name) else None

    def later_offence(self, options: dict) -> LaterOffence | None:
        if not options.get("later_offence"):
            return None
        found = self.optional_date(options, "later_finding_date")
        completed = self.optional_date(options, "later_sentence_completed")
        for value, name in ((found, "--later-finding-date"), (completed, "--later-sentence-completed")):
            if value is None:
                raise CommandError(f"--later-offence needs {name}", returncode=MISUSE)
        return LaterOffence(options["later_offence"] == "indictable", found, completed)
