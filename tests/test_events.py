"""Events: the seed release row by row, rules on real sentences, and the score on
the team's gold annotations of `data/raw/` (`tests/events_gold/`)."""

from pathlib import Path

import pandas as pd
import pytest

from extract import load, process_text, run
from extract.records import Result

from .conftest import SEED
from .event_scores import report, score_run, totals

# A release's title and date line: an event it reports with no date of its own takes
# the day it was published (`extract.events.when`).
HEADER = "Новости отрасли связи и информатизации\n\n01.08.2025\n\n"


def rows(result: Result) -> list[tuple]:
    """Events as (type, start day, end day, place, online, sorted (role, name)) tuples."""
    names = {m.entity_id: m.normal or m.text for m in result.mentions}
    found = []
    for event in result.events:
        roles = sorted(
            (p.role, names[p.entity_id])
            for p in result.participants
            if p.event_id == event.event_id
        )
        place = names.get(event.location_id, "")
        found.append((event.type, event.date_start, event.date_end, place, event.online, roles))
    return found


def events_of(sentence: str) -> list[tuple]:
    return rows(process_text(HEADER + sentence))


def test_events_seed_release(tmp_path: Path) -> None:
    run(SEED.parent, tmp_path, quiet=True)
    tables = load(tmp_path)
    names = tables["entities"].set_index("entity_id")["name"]
    events = tables["events"]
    roles = tables["event_participants"]
    found = []
    for event in events.itertuples():
        people = sorted(
            (row.role, names[row.entity_id])
            for row in roles[roles.event_id == event.event_id].itertuples()
        )
        found.append(
            (
                event.type,
                f"{event.date_start:%Y-%m-%d}",
                f"{event.date_end:%Y-%m-%d}",
                "" if pd.isna(event.location_id) else names[event.location_id],
                bool(event.online),
                people,
            )
        )
    tkach = "Ткач Павел Н."
    ministry = "Министерство связи и информатизации Республики Беларусь"
    china = "Китайская Народная Республика"
    experts = [
        ("chair", china),
        ("participant", china),
        ("participant", ministry),
        ("participant", "Секретариат ШОС"),
    ]
    academy = "Китайская академия информационно-коммуникационных технологий"
    assert found == [
        (
            "founding",
            "2001-06-15",
            "2001-06-15",
            "Шанхай",
            False,
            [("subject", "Шанхайская организация сотрудничества")],
        ),
        (
            "membership",
            "2024-07-01",
            "2024-07-31",
            "",
            False,
            [("host", "Шанхайская организация сотрудничества"), ("subject", "Республика Беларусь")],
        ),
        (
            "meeting",
            "2025-06-17",
            "2025-06-18",
            "Карамай",
            False,
            # the body whose members meet (`Совещание министров ... государств-членов ШОС`)
            [
                ("participant", tkach),
                ("participant", "Шанхайская организация сотрудничества"),
                ("speaker", tkach),
            ],
        ),
        (  # the sides its name names (`Форум ... Китай – ШОС`)
            "conference",
            "2025-06-17",
            "2025-06-18",
            "Карамай",
            False,
            [("participant", china), ("participant", tkach), ("speaker", tkach)],
        ),
        ("meeting", "2025-06-17", "2025-06-17", "", True, experts),
        ("meeting", "2025-06-24", "2025-06-24", "", True, experts),
        (
            "meeting",
            "2025-06-12",
            "2025-06-12",
            "",
            True,
            [("participant", academy), ("participant", ministry), ("participant", "РУП «ЦЦР»")],
        ),
        (
            "founding",
            "2023-05-23",
            "2023-05-23",
            "",
            False,
            [
                ("organizer", academy),
                ("organizer", "Си Цзиньпин"),
                ("subject", "Центр сотрудничества Китай-ШОС в области больших данных"),
            ],
        ),
    ]
    assert events.name.tolist()[2:4] == [
        "4-е Совещание руководителей министерств и ведомств государств-членов ШОС, "
        "ответственных за ИКТ",
        "Форум по развитию и сотрудничеству в области цифровых технологий Китай – ШОС",
    ]
    text = tables["documents"].text[0]
    assert [text[e.start : e.end] for e in events.itertuples()][4] == "заседании экспертов"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a verb and its noun in one sentence are one event; `между` gives the sides
            "14 апреля в г. Минске подписан Меморандум о сотрудничестве между ОАО «Белтелеком» "
            "и АО «Казахтелеком».",
            [
                (
                    "signing",
                    "2025-04-14",
                    "2025-04-14",
                    "Минск",
                    False,
                    [("signatory", "АО «Казахтелеком»"), ("signatory", "ОАО «Белтелеком»")],
                )
            ],
        ),
        (  # the chair by its cue, the others by the verb of taking part
            "3 марта под председательством Олега Гринкевича прошло совещание, в котором приняли "
            "участие представители ОАО «Белтелеком».",
            [
                (
                    "meeting",
                    "2025-03-03",
                    "2025-03-03",
                    "",
                    False,
                    [
                        ("chair", "Олег Гринкевич"),
                        ("participant", "ОАО «Белтелеком»"),
                        ("participant", "Олег Гринкевич"),
                    ],
                )
            ],
        ),
        (  # online, said of the trigger nearest the words
            "5 мая в режиме видеоконференции состоялась встреча с представителями "
            "Евразийской экономической комиссии.",
            [
                (
                    "meeting",
                    "2025-05-05",
                    "2025-05-05",
                    "",
                    True,
                    [("participant", "Евразийская экономическая комиссия")],
                )
            ],
        ),
        (  # the person a passive verb is about
            "Указом Президента 2 июня Иван Петров назначен на должность посла.",
            [("appointment", "2025-06-02", "2025-06-02", "", False, [("subject", "Иван Петров")])],
        ),
        (  # an appointment stated by the post alone, the body it is in taking part
            "28 июля Владимир Булавин назначен главой Федеральной таможенной службы.",
            [
                (
                    "appointment",
                    "2025-07-28",
                    "2025-07-28",
                    "",
                    False,
                    [
                        ("participant", "Федеральная таможенная служба"),
                        ("subject", "Владимир Булавин"),
                    ],
                )
            ],
        ),
        (
            "Сергей Иванов избран председателем совета директоров.",
            [
                (
                    "appointment",
                    "2025-08-01",
                    "2025-08-01",
                    "",
                    False,
                    [("subject", "Сергей Иванов")],
                )
            ],
        ),
        (  # a count of events is not an event
            "За год проведено более 40 встреч с партнёрами.",
            [],
        ),
        (  # a series is not one event
            "Форум проводится ежегодно с 2015 года.",
            [],
        ),
        (  # an intention stated by an infinitive is not an event
            "Стороны намерены посетить Минск в сентябре.",
            [],
        ),
        (  # `создание` names a founding only with what is founded
            "Обсуждено создание условий для бизнеса.",
            [],
        ),
        ("Договор о поставках так и не был подписан сторонами.", []),
        ("Аналитики ожидают отставки министра финансов Ивана Петрова.", []),
        ("По слухам, на следующей неделе состоится встреча президентов России и Китая.", []),
        ("При подписании любого договора стороны обязаны соблюдать закон.", []),
        ("Заседание суда по делу Иванова назначено на 20 мая.", []),
        (  # `в отставке` is a status (retired), `в отставку` an event
            "Генерал в отставке Сергей Орлов подал в отставку с поста советника губернатора "
            "4 июня.",
            [
                (
                    "dismissal",
                    "2025-06-04",
                    "2025-06-04",
                    "",
                    False,
                    [("participant", "Сергей Орлов")],
                )
            ],
        ),
        (
            "Виктор Лукин, полковник в отставке, выступил на конференции в Гродно 5 мая.",
            [
                (
                    "conference",
                    "2025-05-05",
                    "2025-05-05",
                    "Гродно",
                    False,
                    [("participant", "Виктор Лукин"), ("speaker", "Виктор Лукин")],
                )
            ],
        ),
        (  # a name right after an event noun takes part, also past the post it holds
            "Мэр объявил об отставке начальника управления транспорта Игоря Седова.",
            [
                (
                    "dismissal",
                    "2025-08-01",
                    "2025-08-01",
                    "",
                    False,
                    [("participant", "Игорь Седов")],
                )
            ],
        ),
        (  # and so do those listed after it the same way
            "Мэр объявил об отставке начальника управления транспорта Игоря Седова и "
            "начальника отдела связи Олега Лаптева.",
            [
                (
                    "dismissal",
                    "2025-08-01",
                    "2025-08-01",
                    "",
                    False,
                    [("participant", "Игорь Седов"), ("participant", "Олег Лаптев")],
                )
            ],
        ),
        (  # `уволить` states a dismissal as `освободить от должности` does
            "12 марта губернатор Павел Рудаков уволил министра здравоохранения области "
            "Олега Зуева.",
            [
                (
                    "dismissal",
                    "2025-03-12",
                    "2025-03-12",
                    "",
                    False,
                    [("participant", "Олег Зуев"), ("participant", "Павел Рудаков")],
                )
            ],
        ),
        (  # a visit announced is one, `ожидается`: no forecast
            "3 апреля в Минске ожидается визит делегации Министерства цифрового развития "
            "Казахстана.",
            [
                (
                    "visit",
                    "2025-04-03",
                    "2025-04-03",
                    "Минск",
                    False,
                    [("participant", "Министерство цифрового развития Казахстана")],
                )
            ],
        ),
        (  # receiving a guest is a meeting: who receives hosts it, the guest takes part
            "5 июня Министр связи Алексей Петров принял в Минске посла Италии Марко Росси.",
            [
                (
                    "meeting",
                    "2025-06-05",
                    "2025-06-05",
                    "Минск",
                    False,
                    [("host", "Алексей Петров"), ("participant", "Марко Росси")],
                )
            ],
        ),
        (  # accepting a resignation receives no one; the one resigning hosts nothing
            "Президент принял отставку министра обороны Ивана Сидорова.",
            [
                (
                    "dismissal",
                    "2025-08-01",
                    "2025-08-01",
                    "",
                    False,
                    [("participant", "Иван Сидоров")],
                )
            ],
        ),
    ],
    ids=[
        "signing",
        "chair",
        "online",
        "appointment",
        "appointed as",
        "elected as",
        "count",
        "series",
        "intention",
        "object",
        "negated",
        "forecast",
        "rumour",
        "any of a kind",
        "court",
        "retired, then resigned",
        "retired",
        "past the post",
        "past the posts of a list",
        "dismissed",
        "announced",
        "received",
        "resignation accepted",
    ],
)
def test_events_in_sentences(sentence: str, expected: list[tuple]) -> None:
    assert events_of(sentence) == expected


MORE_SENTENCES = [
    (  # an imperfective verb counts as its perfective partner: `Открывая` is `открыть`
        "15 мая прошла встреча с делегацией ОАО «Белтелеком». Открывая встречу, Иван Петров "
        "отметил итоги года.",
        [
            (
                "meeting",
                "2025-05-15",
                "2025-05-15",
                "",
                False,
                [
                    ("participant", "Иван Петров"),
                    ("participant", "ОАО «Белтелеком»"),
                    ("speaker", "Иван Петров"),
                ],
            )
        ],
    ),
    (  # an active founding verb names the founder
        "В мае 2025 г. компания ООО «Сигма Софт Бел» открыла представительство в г. Ташкенте.",
        [
            (
                "founding",
                "2025-05-01",
                "2025-05-31",
                "Ташкент",
                False,
                [("organizer", "ООО «Сигма Софт Бел»")],
            )
        ],
    ),
    (  # a passive one, what is founded
        "Ассоциация разработчиков программного обеспечения учреждена 10 июля в Минске.",
        [
            (
                "founding",
                "2025-07-10",
                "2025-07-10",
                "Минск",
                False,
                [("subject", "Ассоциация разработчиков программного обеспечения")],
            )
        ],
    ),
    (  # a proposal is no event
        "Иван Петров предложил провести совместный семинар в сентябре.",
        [],
    ),
    (  # what a document is about is no event of the release
        "Договор о создании Союзного государства подписан 8 декабря 1999 г.",
        [("signing", "1999-12-08", "1999-12-08", "", False, [])],
    ),
    (  # a pronoun stands for a person of the sentence before (`earlier`)
        "Игорь Стасевич окончил Белорусский государственный университет. 3 марта 2019 года "
        "он был назначен начальником управления связи.",
        [
            (
                "appointment",
                "2019-03-03",
                "2019-03-03",
                "",
                False,
                [("participant", "Игорь Стасевич")],
            )
        ],
    ),
    (
        "Ольга Миронова окончила Белорусский государственный университет. 14 мая министр "
        "Павел Ткач назначил её директором департамента.",
        [
            (
                "appointment",
                "2025-05-14",
                "2025-05-14",
                "",
                False,
                [("participant", "Ольга Миронова"), ("participant", "Павел Ткач")],
            )
        ],
    ),
    (  # a verb whose subject is left unsaid
        "Ольга Миронова окончила Белорусский государственный университет. 14 мая избрана "
        "председателем совета директоров.",
        [
            (
                "appointment",
                "2025-05-14",
                "2025-05-14",
                "",
                False,
                [("participant", "Ольга Миронова")],
            )
        ],
    ),
    (  # with no pronoun and no unsaid subject, the person before takes no part
        "Иван Петров выступил на форуме. 14 мая в Минске прошла встреча министров связи.",
        [
            (
                "conference",
                "2025-08-01",
                "2025-08-01",
                "",
                False,
                [("participant", "Иван Петров"), ("speaker", "Иван Петров")],
            ),
            ("meeting", "2025-05-14", "2025-05-14", "Минск", False, []),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    MORE_SENTENCES,
    ids=[
        "aspect",
        "founder",
        "founded",
        "proposal",
        "document",
        "pronoun",
        "pronoun object",
        "unsaid subject",
        "no stand-in",
    ],
)
def test_events_in_more_sentences(text: str, expected: list[tuple]) -> None:
    assert events_of(text) == expected


def test_events_frames_share_their_setting() -> None:
    found = events_of(
        "17 – 18 июня в г. Шанхае прошёл форум «Цифровой путь». На полях форума прошла "
        "встреча Ивана Петрова с Ли Хунбо."
    )
    assert found == [
        ("conference", "2025-06-17", "2025-06-18", "Шанхай", False, []),
        (
            "meeting",
            "2025-06-17",
            "2025-06-18",
            "Шанхай",
            False,
            [("participant", "Иван Петров"), ("participant", "Ли Хунбо")],
        ),
    ]


def test_events_enumerated_days_are_records_of_their_own() -> None:
    found = events_of("17 и 24 июня в режиме ВКС прошли заседания рабочей группы ЕАЭС.")
    assert [(e[0], e[1], e[4]) for e in found] == [
        ("meeting", "2025-06-17", True),
        ("meeting", "2025-06-24", True),
    ]


def test_events_coordinated_triggers_share_their_date() -> None:
    found = events_of(
        "Делегация приняла участие в совещании министров и форуме «Цифровой путь», "
        "которые прошли 17 – 18 июня в г. Астане."
    )
    assert [(e[0], e[1], e[2], e[3]) for e in found] == [
        ("meeting", "2025-06-17", "2025-06-18", "Астана"),
        ("conference", "2025-06-17", "2025-06-18", "Астана"),
    ]


def test_events_references_back_merge_and_speakers_join() -> None:
    result = process_text(
        HEADER + "10 июня состоялась видеоконференция с Министерством цифрового развития "
        "Республики Казахстан. В ходе конференции Иван Петров выступил с докладом."
    )
    assert rows(result) == [
        (
            "meeting",
            "2025-06-10",
            "2025-06-10",
            "",
            True,
            [
                ("participant", "Иван Петров"),
                ("participant", "Министерство цифрового развития Республики Казахстан"),
                ("speaker", "Иван Петров"),
            ],
        )
    ]
    assert result.events[0].name == (
        "видеоконференция с Министерством цифрового развития Республики Казахстан"
    )


def test_events_headline_is_the_body_event() -> None:
    result = process_text(
        "Подписан меморандум с АО «Казахтелеком»\n\n12.06.2025\n\n"
        "11 июня в Минске ОАО «Белтелеком» и АО «Казахтелеком» подписали меморандум."
    )
    assert [(e.type, e.date_start) for e in result.events] == [("signing", "2025-06-11")]


def test_events_repeated_name_is_one_event_and_another_ordinal_another() -> None:
    result = process_text(
        HEADER + "27 февраля прошло седьмое заседание Межправительственной комиссии. "
        "Участники седьмого заседания Межправительственной комиссии подвели итоги "
        "шестого заседания Межправительственной комиссии."
    )
    assert [(e.name, e.date_start) for e in result.events] == [
        ("седьмое заседание Межправительственной комиссии", "2025-02-27"),
        ("шестое заседание Межправительственной комиссии", ""),
    ]


def test_events_gold_annotations_of_data_raw(raw_out: Path) -> None:
    scores = score_run(raw_out)
    print(report(scores))
    total = totals(scores)
    assert total.events.f1() >= 0.85  # measured 0.887
    # 0.808 with the rules alone, written on these releases; the learned `takes_part`
    # (NEREL and these releases) gives 0.779 here (README, Quality)
    assert total.roles.f1() >= 0.75  # measured 0.779


WHEN = [
    (  # the release's news, on a day of its own
        "10 июня в Минске прошло совещание с операторами связи.",
        [("meeting", "2025-06-10", "2025-06-10", "day", "reported", "text")],
    ),
    (  # no date of its own: the day of the release that reports it
        "В Министерстве связи прошло совещание с операторами.",
        [("meeting", "2025-06-12", "2025-06-12", "day", "reported", "published")],
    ),
    (  # two days are a range, and a forum to come is planned
        "17 – 18 июня в Минске пройдёт форум «Цифровой шёлковый путь».",
        [("conference", "2025-06-17", "2025-06-18", "range", "planned", "text")],
    ),
    (  # a month is a month, not its first day
        "В июле состоится заседание коллегии министерства.",
        [("meeting", "2025-07-01", "2025-07-31", "month", "planned", "text")],
    ),
    (  # a season of the current year, announced as a plan
        "Осенью текущего года намечено провести заседание комиссии.",
        [("meeting", "2025-09-01", "2025-11-30", "range", "planned", "text")],
    ),
    (  # history in a `Справочно` paragraph
        "10 июня прошло совещание.\n\nСправочно: первое заседание комиссии прошло 14 октября "
        "2016 г. в Астане.",
        [
            ("meeting", "2025-06-10", "2025-06-10", "day", "reported", "text"),
            ("meeting", "2016-10-14", "2016-10-14", "day", "background", "text"),
        ],
    ),
    (  # an earlier event recalled, a year of its own
        "В 2024 году стороны подписали меморандум о сотрудничестве.",
        [("signing", "2024-01-01", "2024-12-31", "year", "background", "text")],
    ),
    (  # only spoken of: no date is given it
        "Участники подвели итоги шестого заседания комиссии.",
        [("meeting", "", "", "", "background", "")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), WHEN, ids=[w[0][:30] for w in WHEN])
def test_events_precision_status_and_date_source(sentence: str, expected: list[tuple]) -> None:
    result = process_text("Новости отрасли связи и информатизации\n\n12.06.2025\n\n" + sentence)
    found = [
        (e.type, e.date_start, e.date_end, e.precision, e.status, e.date_from)
        for e in result.events
    ]
    assert found == expected
