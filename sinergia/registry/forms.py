"""The filters of the mechanism list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergia.registry.models import MechanismKind, Scope
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
