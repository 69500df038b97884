"""The hemisphere's regions, stated once: UN M49 codes of the Americas and their parts, and
the registry's subregions. The statistics, the registry's loader and the report read them."""

from __future__ import annotations

from typing import Literal, get_args

AMERICAS = "019"
NORTHERN_AMERICA = "021"
LATIN_AMERICA_AND_CARIBBEAN = "419"
CARIBBEAN = "029"
CENTRAL_AMERICA = "013"
SOUTH_AMERICA = "005"
SOUTHERN_EUROPE = "039"

# The Americas and their parts, in the order pages and the report show them.
AMERICAS_AREAS = (
    AMERICAS,
    NORTHERN_AMERICA,
    LATIN_AMERICA_AND_CARIBBEAN,
    CARIBBEAN,
    CENTRAL_AMERICA,
    SOUTH_AMERICA,
)
# Each area that is the sum of others, with its parts (UN DESA has no row for the Americas).
AMERICAS_PARTS = {
    AMERICAS: [NORTHERN_AMERICA, LATIN_AMERICA_AND_CARIBBEAN],
    LATIN_AMERICA_AND_CARIBBEAN: [CARIBBEAN, CENTRAL_AMERICA, SOUTH_AMERICA],
}
# The four parts that make up the Americas, none overlapping another.
AMERICAS_SUBREGIONS = (NORTHERN_AMERICA, CARIBBEAN, CENTRAL_AMERICA, SOUTH_AMERICA)

# The registry's subregions (each country belongs to one), in the order pages show them;
# Spain and Portugal take part in Ibero-American bodies.
SubregionKey = Literal[
    "northern_america", "caribbean", "central_america", "south_america", "southern_europe"
]
SUBREGION_KEYS: tuple[SubregionKey, ...] = get_args(SubregionKey)
SUBREGION_M49: dict[SubregionKey, str] = {
    "northern_america": NORTHERN_AMERICA,
    "caribbean": CARIBBEAN,
    "central_america": CENTRAL_AMERICA,
    "south_america": SOUTH_AMERICA,
    "southern_europe": SOUTHERN_EUROPE,
}
