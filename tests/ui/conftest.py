"""UI fixtures: a small in-memory catalog and a fake library for widget-level tests."""

from __future__ import annotations

import pytest

from desktop.core.query import Catalog


def _records() -> list[dict]:
    return [
        {"id": 1, "date": "2025-11-14", "lang": "kk", "source": "Kazinform",
         "title": "Өзбекстан сапары", "country": ["KZ", "UZ"], "partner": ["UZ"],
         "sector": ["trade", "transport"], "person": ["tokayev"], "org": []},
        {"id": 2, "date": "2025-11-15", "lang": "kk", "source": "BAQ.KZ",
         "title": "Қазақ-өзбек бизнес форумы", "country": ["KZ", "UZ"], "partner": ["UZ"],
         "sector": ["investment"], "person": [], "org": []},
        {"id": 3, "date": "2025-11-16", "lang": "ru", "source": "Akorda",
         "title": "Визит в Ташкент", "country": ["KZ", "UZ", "TR"], "partner": ["UZ", "TR"],
         "sector": ["trade"], "person": ["tokayev", "mirziyoyev"], "org": ["ots"]},
        {"id": 4, "date": "2025-10-01", "lang": "ru", "source": "CentralAsia",
         "title": "Азербайджан и Казахстан", "country": ["KZ", "AZ"], "partner": ["AZ"],
         "sector": ["transport"], "person": [], "org": ["ots"]},
        {"id": 5, "date": None, "lang": "kk", "source": None,
         "title": "<b>Күнсіз</b> мақала", "country": ["KZ"], "partner": [],
         "sector": [], "person": [], "org": []},
    ]


@pytest.fixture
def small_catalog() -> Catalog:
    return Catalog.from_records(_records())
