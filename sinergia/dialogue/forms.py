"""Forms of the annual dialogue: they validate what people type; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sinergia.dialogue.models import ActionStatus, ContributionStatus, Participant, Session
from sinergia.dialogue.services import ContributionData
from sinergia.registry.models import Country, Language, Mechanism

PART_HELP = _("In the language of the contribution. Leave empty if it does not apply.")


class ContributionForm(forms.Form):
    participant = forms.ChoiceField(label=_("On behalf of"))
    question = forms.TypedChoiceField(label=_("Guiding question"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the contribution"), choices=Language.choices)
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The statement as delivered or sent, if there is one."),
    )
    added_value = forms.CharField(
        label=_("Added value"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=PART_HELP,
    )  # fmt: skip
    challenges = forms.CharField(
        label=_("Challenges"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=PART_HELP,
    )  # fmt: skip
    good_practices = forms.CharField(
        label=_("Good practices"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=PART_HELP,
    )  # fmt: skip
    coordination = forms.CharField(
        label=_("Coordination opportunities"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=PART_HELP,
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ContributionStatus.SUBMITTED, _("Submit now")),
            (ContributionStatus.DRAFT, _("Keep as a draft")),
        ],
        initial=ContributionStatus.SUBMITTED,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, DOCX, PNG or JPEG, up to 10 MB."),
    )

    def __init__(
        self,
        *args: Any,
        session: Session,
        participants: list[Participant],
        countries: list[Country],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.name) for p in participants]
        # A state focal point's delegation is added to the session when it first speaks.
        choices += [(f"country:{c.iso3}", c.name) for c in countries]
        self.fields["participant"].choices = choices  # type: ignore[attr-defined]
        self.fields["question"].choices = [  # type: ignore[attr-defined]
            (q.number, f"{q.number}. {q.display_text}") for q in session.questions.all()
        ]
        for name, field in self.fields.items():
            if field.help_text:  # read by screen readers with the field
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def contribution_data(self) -> ContributionData:
        data = self.cleaned_data
        return ContributionData(
            question=data["question"],
            language=data["language"],
            statement=data["statement"],
            added_value=data["added_value"],
            challenges=data["challenges"],
            good_practices=data["good_practices"],
            coordination=data["coordination"],
            status=data["status"],
        )


class PracticeFromContributionForm(forms.Form):
    title = forms.CharField(label=_("Title of the practice"), max_length=300)


class QuestionForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[code] = forms.CharField(
                label=name,
                required=code == "es",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Action agreed"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    owner = forms.ChoiceField(label=_("Owner"))
    due = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mechanisms = [(f"mechanism:{m.acronym}", m.acronym) for m in Mechanism.objects.all()]
        countries = sorted(
            ((f"country:{c.iso3}", c.name) for c in Country.objects.all()), key=lambda c: c[1]
        )
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            (_("Mechanisms"), mechanisms),
            (_("States"), countries),
        ]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeetingForm(forms.Form):
    mechanism = forms.ChoiceField(label=_("Mechanism"))
    title = forms.CharField(label=_("Title"), max_length=500)
    date = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    def __init__(self, *args: Any, mechanisms: list[Mechanism], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.acronym, m.acronym) for m in mechanisms]
        self.fields["mechanism"].choices = choices  # type: ignore[attr-defined]
