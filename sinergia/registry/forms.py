"""The filters of the mechanism list, and the forms that add or end a membership."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergia.registry.models import Country, MechanismKind, Role, Scope
from sinergia.registry.selectors import MechanismFilters, subregion_list
from sinergia.vocabulary.models import Concept


class MechanismFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    scope = forms.ChoiceField(label=_("Scope"), required=False)
    subregion = forms.ChoiceField(label=_("Subregion with members"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(MechanismKind.choices)  # type: ignore[attr-defined]
        self.fields["scope"].choices = anything + list(Scope.choices)  # type: ignore[attr-defined]
        self.fields["subregion"].choices = anything + [  # type: ignore[attr-defined]
            (subregion.key, subregion.name) for subregion in subregion_list()
        ]
        self.fields["theme"].choices = anything + sorted(  # type: ignore[attr-defined]
            ((concept.key, concept.label) for concept in Concept.objects.all()),
            key=lambda choice: choice[1],
        )

    def filters(self) -> MechanismFilters:
        if not self.is_valid():
            return MechanismFilters()
        data = self.cleaned_data
        return MechanismFilters(
            kind=data["kind"],
            scope=data["scope"],
            subregion=data["subregion"],
            theme=data["theme"],
            query=data["q"].strip(),
        )


class _DateInput(forms.DateInput):
    input_type = "date"


class MembershipForm(forms.Form):
    """A country that joins a mechanism, with the public document that says so."""

    country = forms.ChoiceField(label=_("Country"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    since = forms.DateField(
        label=_("Member since"),
        required=False,
        widget=_DateInput(format="%Y-%m-%d"),
        help_text=_("The day it joined, if the document gives it."),
    )
    source_title = forms.CharField(
        label=_("Document that states it"),
        max_length=500,
        help_text=_("The title of a declaration, communiqué or report that anyone can read."),
    )
    source_publisher = forms.CharField(label=_("Published by"), max_length=300)
    source_url = forms.CharField(
        label=_("Address of the document"),
        required=False,
        max_length=1000,
        widget=forms.URLInput,
        help_text=_("A web address starting with https:// or http://, if it is online."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        countries = sorted(
            ((country.iso3, country.name) for country in Country.objects.all()),
            key=lambda choice: choice[1],
        )
        self.fields["country"].choices = [("", "—"), *countries]  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            if field.help_text:  # read by screen readers with the field
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"


class MembershipEndForm(forms.Form):
    """The day a membership ended."""

    until = forms.DateField(
        label=_("Ended on"),
        widget=_DateInput(format="%Y-%m-%d", attrs={"aria-describedby": "id_until-help"}),
        help_text=_("The first day the country no longer took part."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
