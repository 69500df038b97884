"""The organizations that support mechanisms, by the acronym each language uses for them:
IOM is the OIM in Spanish, French and Portuguese, UNHCR the ACNUR and the HCR. The bundled
data name them in English; pages and exports in another language show theirs."""

from __future__ import annotations

from sinergia.i18n import current_language

# {English acronym or name: {language: the acronym or name that language uses}}, from each
# organization's own site in that language; a language left out keeps the English.
ORGANIZATION_NAMES: dict[str, dict[str, str]] = {
    "IOM": {"es": "OIM", "fr": "OIM", "pt": "OIM"},
    "UNHCR": {"es": "ACNUR", "fr": "HCR", "pt": "ACNUR"},
    "ILO": {"es": "OIT", "fr": "OIT", "pt": "OIT"},
    "OHCHR": {"es": "ACNUDH", "fr": "HCDH", "pt": "ACNUDH"},
    "UNCTAD": {"fr": "CNUCED"},
    "UNDP": {"es": "PNUD", "fr": "PNUD", "pt": "PNUD"},
    "UNFPA": {"fr": "FNUAP"},
    "UNODC": {"fr": "ONUDC"},
    "WHO": {"es": "OMS", "fr": "OMS", "pt": "OMS"},
    "UN-Women": {"es": "ONU Mujeres", "fr": "ONU Femmes", "pt": "ONU Mulheres"},
    "UN DESA": {"es": "DAES", "fr": "DAES", "pt": "DESA"},
    "OAS": {"es": "OEA", "fr": "OEA", "pt": "OEA"},
    "PADF": {"es": "FUPAD", "pt": "FUPAD"},
    "GMG": {"es": "GMM", "fr": "GMM", "pt": "GMM"},
    "World Bank": {"es": "Banco Mundial", "fr": "Banque mondiale", "pt": "Banco Mundial"},
    "UN Network on Migration": {
        "es": "Red de las Naciones Unidas sobre la Migración",
        "fr": "Réseau des Nations Unies sur les migrations",
        "pt": "Rede das Nações Unidas sobre Migração",
    },
    "UN regional commissions": {
        "es": "comisiones regionales de las Naciones Unidas",
        "fr": "commissions régionales des Nations Unies",
        "pt": "comissões regionais das Nações Unidas",
    },
}


def organization_name(name: str, language: str | None = None) -> str:
    """The acronym (or name) of a supporting organization in `language` (default: the
    reader's): "OIM" for "IOM" in Spanish; the name as given when no other is known."""
    return ORGANIZATION_NAMES.get(name, {}).get(language or current_language(), name)
