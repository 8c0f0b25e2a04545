"""The world's shapes and the projection: the data file is complete and the paths are ours."""

import json
import math
import re

import pytest

from pictures.geo import DATA_FILE, natural_earth, world


def test_data_file_names_its_source_and_licence():
    data = json.loads(DATA_FILE.read_text())
    assert "Natural Earth" in data["source"] and "Public domain" in data["license"]
    codes = {country["iso"] for country in data["countries"]}
    assert {"FR", "US", "BR", "JP", "TH", "ME", "ZA", "AU", "XK"} <= codes
    assert "AQ" not in codes  # Antarctica is left out


def test_natural_earth_projection_matches_its_published_formula():
    assert natural_earth(0, 0) == (0, 0)
    assert natural_earth(180, 0)[0] == pytest.approx(math.pi * 0.8707)
    # Symmetric, and shorter than the sphere towards the poles.
    assert natural_earth(-90, -45) == pytest.approx(tuple(-v for v in natural_earth(90, 45)))
    assert natural_earth(180, 60)[0] < natural_earth(180, 0)[0]
    assert natural_earth(0, 90)[1] == pytest.approx(1.4224, abs=1e-3)


def test_every_country_is_inside_the_picture_and_its_path_is_only_numbers():
    projected = world()
    assert projected.width == 960 and 380 < projected.height < 520
    for country in projected.countries:
        assert re.fullmatch(r"(M[-0-9. L]+Z)+", country.path), country.name
        numbers = [float(n) for n in re.findall(r"-?[0-9.]+", country.path)]
        assert min(numbers) >= 0 and max(numbers) <= projected.width
        x, y = country.point
        assert 0 <= x <= projected.width and 0 <= y <= projected.height


def test_places_land_where_they_are():
    projected = world()
    paris, sydney = projected.project(2.35, 48.86), projected.project(151.2, -33.87)
    assert paris[0] < sydney[0] and paris[1] < sydney[1]
    assert abs(paris[0] - projected.width / 2) < 20  # near the prime meridian
    france = projected.by_iso["FR"].point
    assert math.dist(france, paris) < 20
