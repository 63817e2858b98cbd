"""An event's place from a news agency's dateline, where its sentence names none."""

import pytest

import extract


def places(text: str, published: str) -> list[tuple[str, str, str, str]]:
    result = extract.process_text(text, published=published)
    names = {m.entity_id: m.normal for m in result.mentions}
    return [
        (e.name, e.status, names.get(e.location_id, e.location_id), e.location_from)
        for e in result.events
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (  # the reported meeting is where the release was filed; the planned one need not be
            "КАЗАНЬ, 9 марта 2025 г. /Пресс-служба/. Сегодня состоялось заседание коллегии "
            "министерства. В апреле пройдёт конференция по цифровизации.",
            "2025-03-09",
            [
                ("заседание коллегии министерства", "reported", "Казань", "dateline"),
                ("конференция по цифровизации", "planned", "", ""),
            ],
        ),
        (  # a dateline over two sentences
            "Новосибирск. 12 ноября. Вчера прошло совещание по вопросам транспорта.",
            "2025-11-12",
            [("совещание по вопросам транспорта", "reported", "Новосибирск", "dateline")],
        ),
        (  # no dateline: no place but the sentence's own
            "Сегодня состоялось заседание коллегии министерства. В апреле в Москве пройдёт "
            "конференция по цифровизации.",
            "2025-03-09",
            [
                ("заседание коллегии министерства", "reported", "", ""),
                ("конференция по цифровизации", "planned", "Москва", "text"),
            ],
        ),
    ],
)
def test_event_place_from_the_dateline(text: str, published: str, expected: list) -> None:
    assert places(text, published) == expected
