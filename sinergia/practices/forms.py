"""Forms for practices: they validate what people type; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergia.i18n import LANGUAGE_CHOICES
from sinergia.practices.models import Population, Practice, Status, TranslationKind
from sinergia.practices.services import PracticeData
from sinergia.registry.models import Country, Mechanism
from sinergia.vocabulary.models import Concept


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    body = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: *emphasis*, lists, links. HTML is removed."),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES)
    countries = forms.MultipleChoiceField(label=_("Countries"))
    mechanisms = forms.MultipleChoiceField(label=_("Mechanisms"), required=False)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        help_text=_(
            "Leave empty to have the themes suggested from the text; you can confirm them later."
        ),
    )
    populations = forms.MultipleChoiceField(
        label=_("Target populations"), required=False, choices=Population.choices
    )
    year = forms.IntegerField(
        label=_("Year started"), required=False, min_value=1900, max_value=2100
    )
    period_end = forms.IntegerField(
        label=_("Year ended"), required=False, min_value=1900, max_value=2100
    )
    implementing_institutions = forms.CharField(
        label=_("Implementing institutions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    partner_institutions = forms.CharField(
        label=_("Partner institutions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    results = forms.CharField(
        label=_("Results and evidence"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    links = forms.CharField(
        label=_("Sources and links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: title | https://address"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = sorted(
            ((c.iso3, c.name) for c in Country.objects.all()), key=lambda choice: choice[1]
        )
        self.fields["countries"].choices = countries  # type: ignore[attr-defined]
        self.fields["mechanisms"].choices = [  # type: ignore[attr-defined]
            (m.acronym, f"{m.acronym} — {m.name}") for m in Mechanism.objects.order_by("acronym")
        ]
        self.fields["themes"].choices = sorted(  # type: ignore[attr-defined]
            ((c.key, c.label) for c in Concept.objects.all()), key=lambda choice: choice[1]
        )

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for number, line in enumerate(_lines(self.cleaned_data["links"]), start=1):
            title, _bar, url = line.rpartition("|")
            url = url.strip()
            if not url.startswith(("http://", "https://")):
                raise forms.ValidationError(
                    _(
                        "Line %(number)s: write a title, a bar and an address starting with https://"
                    ),
                    params={"number": number},
                )
            links.append({"title": title.strip() or url, "url": url})
        return links

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("year") and data.get("period_end") and data["period_end"] < data["year"]:
            self.add_error("period_end", _("The end cannot be before the start."))
        return data

    def practice_data(self, *, themes_confirmed: bool) -> PracticeData:
        data = self.cleaned_data
        return PracticeData(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            language=data["language"],
            countries=data["countries"],
            mechanisms=data["mechanisms"],
            themes=data["themes"] if (data["themes"] or themes_confirmed) else None,
            populations=data["populations"],
            year=data["year"],
            period_end=data["period_end"],
            implementing_institutions=_lines(data["implementing_institutions"]),
            partner_institutions=_lines(data["partner_institutions"]),
            results=data["results"],
            links=data["links"],
        )

    @classmethod
    def initial_from(cls, practice: Practice) -> dict[str, Any]:
        return {
            "title": practice.title,
            "summary": practice.summary,
            "body": practice.body,
            "language": practice.language,
            "countries": [c.iso3 for c in practice.countries.all()],
            "mechanisms": [m.acronym for m in practice.mechanisms.all()],
            "themes": [t.key for t in practice.themes.all()],
            "populations": [p.population for p in practice.populations.all()],
            "year": practice.year,
            "period_end": practice.period_end,
            "implementing_institutions": "\n".join(practice.implementing_institutions),
            "partner_institutions": "\n".join(practice.partner_institutions),
            "results": practice.results,
            "links": "\n".join(f"{link['title']} | {link['url']}" for link in practice.links),
        }


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX, PNG, JPEG; at most 10 MB)"))


ACTIONS = {
    "submit": _("Submit for review"),
    "start_review": _("Start review"),
    "request_changes": _("Request changes"),
    "publish": _("Publish"),
    "archive": _("Archive"),
}
STATUS_BADGE = {status.value: status.label for status in Status}


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(label=_("Made by"), choices=TranslationKind.choices)
