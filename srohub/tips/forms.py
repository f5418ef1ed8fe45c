"""Forms of the tips pages: the anonymous report and follow-up (public), and the officer's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from srohub.directory.models import School
from srohub.tips.conf import setting
from srohub.tips.models import Disposition, NoteKind, TipCategory

YES_NO = [("yes", _("Yes — someone is in danger now")), ("no", _("No"))]


class AnonymousTipForm(forms.Form):
    """What a student tells us. Nothing asks who they are."""

    narrative = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what, where and when. Do not write your own name."),
    )
    school = forms.ModelChoiceField(
        label=_("Which school?"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("Not listed, or I am not sure"),
    )
    school_text = forms.CharField(
        label=_("If your school is not listed: its name or address"),
        required=False,
        max_length=300,
    )
    in_danger = forms.ChoiceField(
        label=_("Is someone in danger right now?"), choices=YES_NO, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=TipCategory.choices, initial=TipCategory.OTHER
    )
    attachment = forms.ImageField(
        label=_("A picture (optional)"),
        required=False,
        help_text=_("JPEG or PNG. Location and camera details are removed before it is stored."),
    )
    # The honeypot: hidden from people (CSS and aria-hidden in the template), filled by bots.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    challenge = forms.CharField(widget=forms.HiddenInput)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(program=program, is_active=True).order_by(
            "name"
        )
        self.fields["narrative"].widget.attrs["maxlength"] = str(setting("SROHUB_TIPS_NARRATIVE_MAX"))

    def clean_narrative(self):
        narrative = self.cleaned_data["narrative"]
        limit = setting("SROHUB_TIPS_NARRATIVE_MAX")
        if len(narrative) > limit:
            raise forms.ValidationError(_("Keep it under %(limit)s characters.") % {"limit": limit})
        return narrative

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > setting("SROHUB_TIPS_ATTACHMENT_MAX_BYTES"):
            raise forms.ValidationError(_("The picture is too large (5 MB at most)."))
        return upload


class FollowUpForm(forms.Form):
    """The tip number and passcode, and (once they opened the tip) the tipster's answer."""

    tip_number = forms.CharField(
        label=_("Tip number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    passcode = forms.CharField(
        label=_("Passcode"),
        max_length=20,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=True),
    )
    answer = forms.CharField(label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_answer(self):
        answer = self.cleaned_data.get("answer", "")
        if len(answer) > setting("SROHUB_TIPS_ANSWER_MAX"):
            raise forms.ValidationError(
                _("Keep it under %(limit)s characters.") % {"limit": setting("SROHUB_TIPS_ANSWER_MAX")}
            )
        return answer


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the tipster"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The tipster reads it with their tip number and passcode."),
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices)
    body = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For police only: never shown to the tipster or the partner."),
    )


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=Disposition.choices)
    occurrence = forms.IntegerField(
        label=_("Occurrence number"),
        required=False,
        min_value=1,
        help_text=_("When an occurrence was opened."),
    )
    referred_to = forms.CharField(label=_("Referred to (agency)"), required=False, max_length=200)
    duplicate_of = forms.CharField(label=_("Duplicate of (tip number)"), required=False, max_length=20)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TipFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Open")),
            ("all", _("All")),
            ("new", _("New")),
            ("acknowledged", _("Acknowledged")),
            ("closed", _("Closed")),
        ],
    )
    queue = forms.ChoiceField(
        label=_("Queue"),
        required=False,
        choices=[
            ("", _("All")),
            ("triage", _("Triage")),
            ("supervisor", _("Supervisor")),
            ("officer", _("Officers")),
        ],
    )


class MeasurePeriodForm(forms.Form):
    """The period of the measures page (default: the year up to today)."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end comes before the start."))
        return data
