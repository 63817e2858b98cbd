import pytest

from extract.lang import detect_language

RUSSIAN_WITH_QUOTES = (
    "Министр связи провёл совещание с делегацией из Республики Казахстан. "
    "Стороны обсудили развитие цифровой инфраструктуры, подготовку кадров и "
    "совместные проекты в области связи. Делегацию возглавил заместитель "
    "министра, который передал приветствие от коллег из города Қарағанды и "
    "пригласил участников на форум в Гродзенскі раён в следующем году."
)

CASES = [
    ("russian", "Министр связи провёл совещание в Минске.", "ru"),
    ("russian quoting kazakh and belarusian names", RUSSIAN_WITH_QUOTES, "ru"),
    ("belarusian", "Міністр сувязі правёў нараду ў Мінску.", "be"),
    ("belarusian without ў", "Міністр правёл сустрэчы з калегамі і сябрамі", "be"),
    ("ukrainian", "Міністр зв'язку провів нараду в Києві, її учасники з Європи.", "uk"),
    ("ukrainian without ї є ґ", "Міністр провів нараду з колегами і друзями", "uk"),
    ("kazakh", "Министр Астанада кеңес өткізді.", "kk"),
    ("english", "The minister held a meeting in Minsk.", "en"),
    ("english naming a russian city", "The minister came to Минск for talks.", "en"),
    ("no letters", "19.06.2025 — 100 %", "und"),
    ("empty", "", "und"),
    ("chinese", "部长在明斯克举行会议", "und"),
    ("tie goes to cyrillic", "Минск Minsk", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_lang_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
