"""How far a source can be trusted: the rules that classify a source by its address and its
publisher when nobody has said (docs/synergy.md, "Source quality").

Best first: the official site or document of a body or of a government (`official`), an
intergovernmental organization (`intergovernmental`), the press (`press`), anything else
(`other`: blogs, document-sharing sites, wiki mirrors, think tanks, personal archives).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sinergia.registry.models import SourceQuality

# Hosts that publish what anyone uploads or copies: never better than `other`, whoever the
# publisher claims to be.
OTHER_HOSTS = (
    "blogspot.com",
    "wordpress.com",
    "medium.com",
    "substack.com",
    "scribd.com",
    "issuu.com",
    "docplayer.es",
    "docplayer.net",
    "docplayer.com.br",
    "slideshare.net",
    "studocu.com",
    "yumpu.com",
    "pdfcoffee.com",
    "academia.edu",
    "wikipedia.org",
    "wikiwand.com",
    "wikizero.com",
    "dbpedia.org",
    "archive.org",
)

# Second-level labels of government domains under a country code (gob.mx, gov.br, gub.uy,
# gouv.fr, go.cr, gc.ca) and government hosts without one.
GOVERNMENT_LABELS = frozenset({"gob", "gov", "gub", "gouv", "govt", "go", "gc"})
GOVERNMENT_HOSTS = ("canada.ca", "state.gov", "usa.gov", "europa.eu")

# Intergovernmental organizations and the platforms they run. Any `.int` host is one too.
INTERGOVERNMENTAL_HOSTS = (
    "un.org",
    "undocs.org",
    "unmultimedia.org",
    "iom.int",
    "unhcr.org",
    "acnur.org",
    "refworld.org",
    "globalcompactrefugees.org",
    "ohchr.org",
    "ilo.org",
    "unicef.org",
    "undp.org",
    "unodc.org",
    "unwomen.org",
    "cepal.org",
    "eclac.org",
    "paho.org",
    "worldbank.org",
    "iadb.org",
    "oecd.org",
    "oas.org",
    "segib.org",
    "sica.int",
    "mercosur.int",
    "caricom.org",
    "comunidadandina.org",
    "migrationdataportal.org",
    "r4v.info",
    "unesco.org",
    "fao.org",
    "unu.edu",
    "unsceb.org",
    "sela.org",
    "ilo.org",
)

PRESS_HOSTS = (
    "efe.com",
    "reuters.com",
    "apnews.com",
    "afp.com",
    "bbc.com",
    "bbc.co.uk",
    "cnn.com",
    "elpais.com",
    "infobae.com",
    "prensa-latina.cu",
    "swissinfo.ch",
    "france24.com",
    "dw.com",
    "voanews.com",
    "telesurtv.net",
)
# Words that name a newspaper, an agency or a broadcaster, in a host or a publisher.
PRESS_WORDS = re.compile(
    r"\b(news|noticias?|prensa|press|diario|peri[oó]dico|journal|times|post|herald|tribune|"
    r"gazette|sun|radio|tv|televisi[oó]n|agencia|reuters|efe|afp|notícias|jornal|"
    r"quotidien|magazine|revista|diaria|gazeta|informativo|presswire)\b",
    re.IGNORECASE,
)
PRESS_HOST_WORDS = (
    "news",
    "noticia",
    "prensa",
    "diario",
    "diaria",
    "periodico",
    "jornal",
    "gazeta",
)
# A publisher that says it copies another's document is judged as the copy, not the original.
COPY_WORDS = re.compile(
    r"\b(cop(y|ia|ie|ies)|reproduc\w*|mirror|republication|republished|hosted by)\b",
    re.IGNORECASE,
)

OFFICIAL_PUBLISHER = re.compile(
    r"\b(ministerio|ministry|minist[eè]re|minist[eé]rio|gobierno|government|gouvernement|"
    r"governo|secretar[ií]a|secretariat|canciller[ií]a|presidencia|presid[eê]ncia|"
    r"department of state|embassy|embajada|direcci[oó]n general de migraci[oó]n|"
    r"instituto nacional de migraci[oó]n|migraci[oó]n colombia)\b",
    re.IGNORECASE,
)
INTERGOVERNMENTAL_PUBLISHER = re.compile(
    r"\b(united nations|naciones unidas|nations unies|nações unidas|iom|oim|unhcr|acnur|"
    r"hcr|ohchr|ilo|oit|unicef|cepal|eclac|organization of american states|"
    r"organizaci[oó]n de los estados americanos|oas|oea|sica|mercosur|caricom|segib|"
    r"world bank|banco mundial|inter-american development bank|bid|idb|oecd|ocde)\b",
    re.IGNORECASE,
)


def host_of(url: str) -> str:
    """The lower-case host of an address, without `www.`; "" when there is none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(host == domain or host.endswith(f".{domain}") for domain in domains)


def _government_host(host: str) -> bool:
    labels = host.split(".")
    if host.endswith((".gov", ".mil")) or _within(host, GOVERNMENT_HOSTS):
        return True
    # gob.mx, gov.br, go.cr: a government label just before a two-letter country code.
    return len(labels) >= 2 and len(labels[-1]) == 2 and labels[-2] in GOVERNMENT_LABELS


def source_quality_classify(
    *,
    url: str,
    publisher: str,
    official_hosts: Iterable[str] = (),
    official_names: Iterable[str] = (),
) -> str:
    """The quality of a source by its address and publisher, by these rules in order:

    1. a host that publishes what anyone uploads or copies (blogs, document-sharing sites,
       wiki mirrors, web archives), or a publisher that says it copies another's document:
       `other`;
    2. a government host (gob.mx, gov.br, gub.uy, go.cr, canada.ca, *.gov), the host of a
       mechanism's own website (`official_hosts`), or a publisher that is the mechanism
       itself (`official_names`: its names and acronym): `official`;
    3. an intergovernmental organization's host (any `.int`, the UN system, the OAS, SICA,
       MERCOSUR...): `intergovernmental`;
    4. a news agency, newspaper or broadcaster, by host or by the publisher's name: `press`;
    5. a ministry, government, embassy or migration authority as publisher is `official`,
       an intergovernmental organization `intergovernmental`;
    6. anything else: `other`.
    """
    host = host_of(url)
    official = {host_of(address) or address.lower() for address in official_hosts}
    official.discard("")
    publisher_folded = publisher.casefold()
    by_itself = any(
        name
        and (
            publisher_folded == name.casefold()
            or (len(name) > 12 and name.casefold() in publisher_folded)
        )
        for name in official_names
    )
    if (host and _within(host, OTHER_HOSTS)) or COPY_WORDS.search(publisher):
        return SourceQuality.OTHER
    if (host and (_government_host(host) or _within(host, official))) or by_itself:
        return SourceQuality.OFFICIAL
    if host and (host.endswith(".int") or _within(host, INTERGOVERNMENTAL_HOSTS)):
        return SourceQuality.INTERGOVERNMENTAL
    if (
        host
        and (
            _within(host, PRESS_HOSTS)
            or any(word in host for word in PRESS_HOST_WORDS)
            or ("press" in host and "wordpress" not in host)
        )
    ) or PRESS_WORDS.search(publisher):
        return SourceQuality.PRESS
    if OFFICIAL_PUBLISHER.search(publisher):
        return SourceQuality.OFFICIAL
    if INTERGOVERNMENTAL_PUBLISHER.search(publisher):
        return SourceQuality.INTERGOVERNMENTAL
    return SourceQuality.OTHER


def source_quality_in_registry(*, url: str, publisher: str) -> str:
    """`source_quality_classify` with the registry's mechanisms as the official sites and
    names: for a source recorded through a service rather than the bundled files."""
    from sinergia.registry.models import Mechanism

    hosts: list[str] = []
    names: list[str] = []
    for acronym, website, mechanism_names in Mechanism.objects.values_list(
        "acronym", "website", "names"
    ):
        if website:
            hosts.append(website)
        names += [acronym, *mechanism_names.values()]
    return source_quality_classify(
        url=url, publisher=publisher, official_hosts=hosts, official_names=names
    )
