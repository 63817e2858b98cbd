import csv
from pathlib import Path

import pandas as pd
import pytest

from extract import load, run
from extract.geo import Place, locate
from extract.models import read_names

# The places of the sample releases, as the entities table gives them: name,
# country, lat, lon, geonames_id, geo_precision; regions and unions have none.
SAMPLE_PLACES = [
    ("Алматы", "KZ", 43.25249, 76.9115, 1526384, "city"),
    ("Астана", "KZ", 51.1801, 71.44598, 1526273, "city"),
    ("Бишкек", "KG", 42.87, 74.59, 1528675, "city"),
    ("Брест", "BY", 52.10894, 23.71749, 629634, "city"),
    ("Витебская", None, None, None, None, None),
    ("Гомель", "BY", 52.4345, 30.9754, 627907, "city"),
    ("Душанбе", "TJ", 38.53575, 68.77905, 1221874, "city"),
    ("Евразия", None, None, None, None, None),
    ("Китайская Народная Республика", "CN", 39.9075, 116.39723, 1814991, "country"),
    ("Китайско-Белорусский", None, None, None, None, None),
    ("Кыргызская Республика", "KG", 42.87, 74.59, 1527747, "country"),
    ("Минск", "BY", 53.90019, 27.56653, 625144, "city"),
    ("Могилёвские области", None, None, None, None, None),
    ("Москва", "RU", 55.75204, 37.61781, 524901, "city"),
    ("Нижний Новгород", "RU", 56.32867, 44.00205, 520555, "city"),
    ("Пекин", "CN", 39.9075, 116.39723, 1816670, "city"),
    ("Республика Армения", "AM", 40.17765, 44.5126, 174982, "country"),
    ("Республика Беларусь", "BY", 53.90019, 27.56653, 630336, "country"),
    ("Республика Индия", "IN", 28.65195, 77.23149, 1269750, "country"),
    ("Республика Казахстан", "KZ", 51.1801, 71.44598, 1522867, "country"),
    ("Республика Узбекистан", "UZ", 41.26465, 69.21627, 1512440, "country"),
    ("Российская Федерация", "RU", 55.75204, 37.61781, 2017370, "country"),
    ("Союзное государство", None, None, None, None, None),
    ("Ташкент", "UZ", 41.26465, 69.21627, 1512569, "city"),
    ("Ханчжоу", "CN", 30.29365, 120.16142, 1808926, "city"),
    ("Шанхай", "CN", 31.22222, 121.45806, 1796236, "city"),
    ("Шэньчжэн", None, None, None, None, None),
]
GEO = ["name", "country", "lat", "lon", "geonames_id", "geo_precision"]


def places(out: Path) -> list[tuple]:
    """The place entities of a run's tables, by name, missing values as None."""
    entities = load(out)["entities"]
    frame = entities.loc[entities["type"] == "LOC", GEO].sort_values("name").astype(object)
    return list(frame.where(frame.notna(), None).itertuples(index=False, name=None))


def test_places_of_the_sample_releases_are_on_the_map(raw_out: Path) -> None:
    assert places(raw_out) == SAMPLE_PLACES
    # the CSV writes the coordinates as GeoNames gives them
    csv = pd.read_csv(raw_out / "entities.csv", dtype=str, keep_default_na=False)
    minsk = csv.loc[csv["name"] == "Минск", GEO[1:]].iloc[0].tolist()
    assert minsk == ["BY", "53.90019", "27.56653", "625144", "city"]


def test_inflected_abbreviated_and_renamed_places(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "visit.txt").write_text(
        "Делегация области посетила Гродно\n\n"
        "12 марта 2025 года делегация Минской области прибыла в Гродно. Переговоры "
        "прошли в г. Нур-Султан с представителями РФ и Кыргызской Республики. "
        "Итоги обсудят в Шанхае.\n",
        encoding="utf-8",
    )
    run(tmp_path / "in", tmp_path / "out", workers=1, quiet=True)
    assert places(tmp_path / "out") == [
        ("Гродно", "BY", 53.6758, 23.82887, 627904, "city"),
        ("Кыргызская Республика", "KG", 42.87, 74.59, 1527747, "country"),
        ("Минская область", "BY", 53.90019, 27.56653, None, "region"),  # Минск's point
        ("Нур-Султан", "KZ", 51.1801, 71.44598, 1526273, "city"),  # Астана, renamed in 2019
        ("Российская Федерация", "RU", 55.75204, 37.61781, 2017370, "country"),
        ("Шанхай", "CN", 31.22222, 121.45806, 1796236, "city"),
    ]


@pytest.mark.parametrize(
    "name, place",
    [
        ("г. Нур-Султан", Place("KZ", 51.1801, 71.44598, 1526273, "city")),
        ("Астана", Place("KZ", 51.1801, 71.44598, 1526273, "city")),
        ("город Гродно", Place("BY", 53.6758, 23.82887, 627904, "city")),
        ("РФ", Place("RU", 55.75204, 37.61781, 2017370, "country")),
        ("Россия", Place("RU", 55.75204, 37.61781, 2017370, "country")),
        # a state's point is its capital's: Washington, D.C., not the town in Utah
        ("США", Place("US", 38.89511, -77.03637, 6252001, "country")),
        ("Соединённые Штаты Америки", Place("US", 38.89511, -77.03637, 6252001, "country")),
        ("КНДР", Place("KP", 39.03385, 125.75432, 1873107, "country")),
        # two cities called so: the larger, in Belarus
        ("Брест", Place("BY", 52.10894, 23.71749, 629634, "city")),
        ("Мінськ", None),  # Ukrainian letters
        ("Евросоюз", None),
        # a region: its state and its administrative centre's point, by any of its names
        ("Минская область", Place("BY", 53.90019, 27.56653, None, "region")),
        ("Могилевская область", Place("BY", 53.90876, 30.34044, None, "region")),
        ("Московская область", Place("RU", 55.81904, 37.32984, None, "region")),  # Красногорск
        ("Подмосковье", Place("RU", 55.81904, 37.32984, None, "region")),
        ("Татарстан", Place("RU", 55.78874, 49.12214, None, "region")),  # Казань
        ("Республика Саха (Якутия)", Place("RU", 62.03114, 129.72288, None, "region")),
        ("Воронежская область", Place("RU", 51.66833, 39.19204, None, "region")),  # not the city
        ("Воронеж", Place("RU", 51.66833, 39.19204, 472045, "city")),
        ("Алматинская область", None),  # a region of neither Russia nor Belarus
    ],
)
def test_locate(name: str, place: Place | None) -> None:
    assert locate(name) == place


def test_every_region_of_russia_and_belarus_is_known() -> None:
    """The 81 subjects of ISO 3166-2:RU besides Moscow and St Petersburg (cities
    here), and the six oblasts of Belarus, each once under its official name."""
    regions = {place.country: set() for place in (locate("Россия"), locate("Беларусь")) if place}
    for row in csv.DictReader(read_names("regions.csv")):
        place = locate(row["name"])
        assert place is not None and place.precision == "region", row
        regions[place.country].add(row["code"])
    assert {country: len(codes) for country, codes in regions.items()} == {"RU": 81, "BY": 6}
