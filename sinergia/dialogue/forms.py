"""Forms of the annual dialogue: they validate what people type; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergia.dialogue.models import ActionStatus, ContributionStatus, Participant, Session
from sinergia.dialogue.services import ContributionData
from sinergia.i18n import LANGUAGE_CHOICES
from sinergia.registry.models import Country, Mechanism

PART_HELP = _("In the language of the contribution. Leave empty if it does not apply.")


def party_choices() -> list[tuple[Any, Any]]:
    """Mechanisms and states in two groups, as `mechanism:CRM` and `country:COL`."""
    mechanisms = [(f"mechanism:{m.acronym}", m.acronym) for m in Mechanism.objects.all()]
    countries = sorted(
        ((f"country:{c.iso3}", c.name) for c in Country.objects.all()), key=lambda c: c[1]
    )
    return [(_("Mechanisms"), mechanisms), (_("States"), countries)]


class ContributionForm(forms.Form):
    participant = forms.ChoiceField(label=_("On behalf of"))
    question = forms.TypedChoiceField(label=_("Guiding question"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the contribution"), choices=LANGUAGE_CHOICES)
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
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    owners = forms.MultipleChoiceField(
        label=_("Owners"),
        widget=forms.SelectMultiple(attrs={"size": 10, "aria-describedby": "id_owners-help"}),
        help_text=_("One or more mechanisms and states. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    due = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owners"].choices = party_choices()  # type: ignore[attr-defined]

    def owner_codes(self) -> dict[str, list[str]]:
        """{"owner_mechanisms": [acronyms], "owner_countries": [ISO3]}."""
        chosen = [value.split(":", 1) for value in self.cleaned_data["owners"]]
        return {
            "owner_mechanisms": [code for kind, code in chosen if kind == "mechanism"],
            "owner_countries": [code for kind, code in chosen if kind == "country"],
        }


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
    date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    def __init__(
        self, *args: Any, mechanisms: list[Mechanism], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.acronym, m.acronym) for m in mechanisms]
        self.fields["mechanism"].choices = choices  # type: ignore[attr-defined]
        if editing:  # a meeting stays its mechanism's
            self.fields["mechanism"].disabled = True


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class SessionForm(forms.Form):
    """A new session: its title, questions and agenda in Spanish and English, one per line;
    French and Portuguese can be added to each question afterwards."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    convener = forms.ChoiceField(label=_("Convened by"))
    modality = forms.ChoiceField(label=_("Modality"), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    document = forms.CharField(label=_("Document symbol"), max_length=120, required=False)
    chair = forms.CharField(label=_("Chair"), max_length=300, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=1000)
    title_en = forms.CharField(label=_("Title in English"), max_length=1000)
    questions_es = forms.CharField(
        label=_("Guiding questions in Spanish"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "es"}),
        help_text=_("One question per line."),
    )
    questions_en = forms.CharField(
        label=_("Guiding questions in English"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("One question per line, in the same order."),
    )
    agenda_es = forms.CharField(
        label=_("Agenda in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "es"}),
        help_text=_("One item per line."),
    )
    agenda_en = forms.CharField(
        label=_("Agenda in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("One item per line, in the same order."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sinergia.dialogue.models import Modality

        self.fields["convener"].choices = [  # type: ignore[attr-defined]
            (m.acronym, m.acronym) for m in Mechanism.objects.order_by("acronym")
        ]
        self.fields["modality"].choices = [  # type: ignore[attr-defined]
            ("", pgettext_lazy("modality", "not recorded")),
            *Modality.choices,
        ]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in ("questions", "agenda"):
            spanish, english = (
                _lines(data.get(f"{part}_es", "")),
                _lines(data.get(f"{part}_en", "")),
            )
            if len(spanish) != len(english):
                self.add_error(
                    f"{part}_en",
                    _("Give as many lines in English (%(en)s) as in Spanish (%(es)s).")
                    % {"en": len(english), "es": len(spanish)},
                )
        return data

    def session_data(self) -> Any:
        from sinergia.dialogue.services import SessionData

        data = self.cleaned_data

        def pairs(part: str) -> list[dict[str, str]]:
            return [
                {"es": es, "en": en}
                for es, en in zip(
                    _lines(data[f"{part}_es"]), _lines(data[f"{part}_en"]), strict=True
                )
            ]

        return SessionData(
            key=f"{data['convener'].lower()}-{data['date'].isoformat()}",
            convener=data["convener"],
            date=data["date"],
            title={"es": data["title_es"], "en": data["title_en"]},
            modality=data["modality"],
            place=data["place"],
            document=data["document"],
            chair=data["chair"],
            questions=pairs("questions"),
            agenda=pairs("agenda"),
        )


class ParticipantForm(forms.Form):
    party = forms.ChoiceField(label=_("Mechanism or state"), required=False)
    organization = forms.CharField(
        label=_("Or another organization"), max_length=300, required=False
    )
    role = forms.ChoiceField(label=_("Role"))
    source_title = forms.CharField(
        label=_("Source that confirms it: title"),
        max_length=500,
        required=False,
        help_text=_(
            "The public document that names the participant: the list of participants, the "
            "minutes. Without one, the participant is shown as not confirmed."
        ),
    )
    source_publisher = forms.CharField(
        label=_("Source: published by"), max_length=300, required=False
    )
    source_url = forms.URLField(
        label=_("Source: address"), max_length=1000, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sinergia.dialogue.models import ParticipantRole

        self.fields["party"].choices = [("", "—"), *party_choices()]  # type: ignore[attr-defined]
        self.fields["role"].choices = ParticipantRole.choices  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("party")) == bool(data.get("organization", "").strip()):
            raise forms.ValidationError(
                _("Choose a mechanism or a state, or name an organization.")
            )
        if data.get("source_title", "").strip() and not data.get("source_publisher", "").strip():
            self.add_error("source_publisher", _("Say who published the source."))
        return data
