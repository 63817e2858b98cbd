"""Page chrome in a release's text: the lines a site's menus, headers and footers
leave in a page's text or in a paste from a browser window.

A line is chrome by its form, never by a list of sites:

- anywhere: a share bar (`Поделиться`, `ВКонтакте`), `Версия для печати`, a view
  counter (`Просмотров: 356`), a photo credit (`Фото: пресс-служба`) or a photo's
  file name (`DSC_1234.JPG`), a bare link, a `Source URL:` line, `Читайте также`;
- above the body's first sentence only: a number alone that is no day and no year
  (a view counter: `2417`);
- above the title only: a menu line (`Главная  Новости  Контакты`), breadcrumbs
  (`Главная / Новости`), a rubric (`Новости`, `Пресс-центр`), the site's current
  date and weather (`Пятница, 7 февраля 2025  -5 °C Москва`), and whatever stands
  above the last of these among the first `TOP_LINES` lines (a rubric between
  the menu and the breadcrumbs);
- in the lines that close the text only: `Источник: ...`, `По материалам
  пресс-службы ...`, a copyright, the site's address, phone and e-mail.

`chrome_lines` gives their spans, so that a plain-text release keeps its text
exactly as the file has it (its offsets index the file) while its chrome is
masked from every stage and from its title; a page's text (ours to build)
drops them outright (`without_chrome`).
"""

import re
from collections.abc import Iterator

SHARE_WORDS = {
    "поделиться", "поделитесь", "вконтакте", "вк", "vk", "telegram", "телеграм", "одноклассники",
    "ok", "whatsapp", "viber", "facebook", "twitter", "x", "дзен", "яндекс.дзен", "мой", "мир",
    "livejournal", "email", "e-mail", "копировать", "ссылку", "ссылка", "печать", "распечатать",
}  # fmt: skip
ACTIONS = re.compile(
    r"^(?:версия для (?:печати|слабовидящих)|распечатать|печать|"
    r"подпис(?:аться|ывайтесь)\b.{0,80}|назад(?: к списку)?|"
    r"вернуться(?: к списку| назад)?|(?:все|другие|последние|похожие) новости\b.{0,40}|"
    r"[←<]?\s*(?:предыдущая|следующая) (?:новость|запись)\b.{0,60}|"
    r"читайте (?:также|еще|ещё)\b.{0,160}|читать (?:далее|полностью)|подробнее(?:\.\.\.|…)?|"
    r"комментарии(?: \(\d+\))?|фотогалерея\b.{0,30}|"
    r"нашли ошибку\??.{0,80}|(?:теги|метки|рубрики?)\s*:.*|поделиться\b.{0,60}|"
    r"(?:дата изменения|изменено|обновлено|последнее обновление)\s*:.{0,40})\s*[.:]?$",
    re.IGNORECASE,
)
VIEWS = re.compile(r"^(?:просмотр(?:ов|ы)?\s*:?\s*\d[\d\s]*|👁\s*\d+)$", re.IGNORECASE)
NUMBER = re.compile(r"^\d{1,7}$")  # a view counter in the head, a cell of a table elsewhere
PHOTO = re.compile(
    r"^(?:фото(?:графия|графии)?|фотограф|источник фото|©\s*фото)\s*[:.—–-]\s*\S.{0,120}$"
    r"|^\S+\.(?:jpe?g|png|gif|webp|tiff?|heic)$"
    r"|^(?:DSC|IMG|DSCN|PHOTO|P)[_-]?\d{3,}\S*$",
    re.IGNORECASE,
)
LINK = re.compile(r"^<?(?:https?://|www\.)\S+>?$|^Source URL:\s*\S+$", re.IGNORECASE)
BREADCRUMBS = re.compile(r"^(?:главная|на главную|home)\s*(?:[/>»|→\\]|$)", re.IGNORECASE)
RUBRICS = {
    "новости", "новость", "пресс-центр", "пресс-релизы", "пресс-релиз", "события", "анонсы",
    "объявления", "публикации", "медиа", "главная", "актуально", "лента", "сообщения",
    "официально", "хроника", "новостная", "пресс-служба", "информация", "деятельность",
}  # fmt: skip
WEEKDAYS = (
    r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    r"пн|вт|ср|чт|пт|сб|вс)"
)
SITE_DATE = re.compile(rf"^{WEEKDAYS}\s*,?\s+\d{{1,2}}\s+[а-яё]+(?:\s+\d{{4}})?", re.IGNORECASE)
WEATHER = re.compile(r"[+−-]?\d+\s*°\s*[CС]?", re.IGNORECASE)
TOP_LINES = 8  # the site's header is among a page's first lines
WEATHER_WORDS = 4  # `-5 °C Москва`; a title may name a temperature (`В Якутии −50 °C: ...`)
MENU_GAP = re.compile(r"\s{2,}|\s+[|•·]\s+")  # `О компании | Контакты`, not `thumb|left`
CLOSING = re.compile(
    r"^(?:источник\s*[:—–-]|по материалам\b|материал подготовлен\b"
    r"|подготовлено по материалам\b)",
    re.IGNORECASE,
)
FOOTER = re.compile(
    r"^(?:©|\(c\)|copyright\b|все права защищены|при (?:использовании|цитировании|перепечатке)"
    r"|тел(?:ефон)?\.?\s*:?\s*[+\d(]|факс\b|e-?mail\s*:|эл\.\s*почта|адрес\s*:|\d{6},)"
    r"|\+7\s*\(\d{3,5}\)|\b8\s*\(\d{3,5}\)\s*\d|[\w.-]+@[\w-]+\.[\w.]+",
    re.IGNORECASE,
)
MAX_CLOSING_WORDS = 25  # a closing line longer than this is a sentence of the release
MAX_CHROME_CHARS = 300  # characters of a line of chrome, at most
BODY_WORDS = 8  # the first sentence this long opens the body: the head (title, date) is above
SENTENCE_ENDS = set('.!?…»"')


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each non-empty line: its span, without the white space around it, and its text."""
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            first = start + line.index(stripped)
            yield first, first + len(stripped), stripped
        start += len(line) + 1


def is_share_bar(line: str) -> bool:
    words = [w for w in re.split(r"[\s:,|•·]+", line.lower()) if w]
    return bool(words) and all(w in SHARE_WORDS for w in words)


def is_menu(line: str) -> bool:
    """Three or more short items set apart by wide gaps or bars, no sentence in them."""
    items = [item for item in MENU_GAP.split(line) if item]
    return (
        len(items) >= 3
        and all(len(item.split()) <= 3 and not re.search(r"[.!?]$", item) for item in items)
        and not any(ch.isdigit() or ch in "()" for ch in line)  # `• Марк Шилд (Австралия)`
    )


def is_counter(line: str) -> bool:
    """A number alone that is no day and no year: the views printed under a title
    (`2417`), where `03` / `МАР` / `2021` is a date over three lines."""
    return bool(NUMBER.match(line)) and not (int(line) <= 31 or 1900 <= int(line) <= 2100)


def is_rubric(line: str) -> bool:
    words = line.lower().rstrip(":").split()
    return 0 < len(words) <= 3 and words[0] in RUBRICS


def anywhere(line: str) -> bool:
    return bool(
        ACTIONS.match(line)
        or VIEWS.match(line)
        or PHOTO.match(line)
        or LINK.match(line)
        or is_share_bar(line)
    )


def site_header(line: str) -> bool:
    """A line of the site's header: a menu, breadcrumbs, its date and weather."""
    return bool(
        BREADCRUMBS.match(line)
        or is_menu(line)
        or SITE_DATE.match(line)
        or (WEATHER.search(line) and len(line.split()) <= WEATHER_WORDS)
    )


def above_title(line: str) -> bool:
    return site_header(line) or is_rubric(line)


def opens_body(line: str) -> bool:
    """A sentence of the release: `BODY_WORDS` words or more, ending as a sentence
    does (a title is as long, but ends without a stop)."""
    return len(line.split()) >= BODY_WORDS and line.rstrip()[-1:] in SENTENCE_ENDS


def short(line: str) -> bool:
    """Chrome is a short line; a longer one is the release's (and the patterns,
    some searched anywhere in a line, then never read a line of megabytes)."""
    return len(line) < MAX_CHROME_CHARS


def chrome_above(line: str) -> bool:
    return short(line) and above_title(line)


def closing(line: str) -> bool:
    brief = short(line) and len(line.split()) <= MAX_CLOSING_WORDS
    return bool(brief and (CLOSING.match(line) or FOOTER.search(line)))


def chrome_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the text's chrome lines, in order (see the module docstring)."""
    found = [(start, end, line[:MAX_CHROME_CHARS]) for start, end, line in lines(text)]
    chrome = [short(line) and anywhere(line) for _, _, line in found]
    head = next(
        (
            i
            for i, (_, _, line) in enumerate(found)
            if opens_body(line) and not (chrome[i] or chrome_above(line))
        ),
        len(found),
    )
    tops = [
        i for i in range(min(head, TOP_LINES)) if short(found[i][2]) and site_header(found[i][2])
    ]
    for index in range(tops[-1] + 1 if tops else 0):  # above the site's last header line
        chrome[index] = True  # (a rubric between a menu and the breadcrumbs)
    for index, (_, _, line) in enumerate(found):  # and the rubrics right under it
        if not (chrome[index] or chrome_above(line)):
            break
        chrome[index] = True
    for index in range(head):  # the head, above the body's first sentence
        chrome[index] = chrome[index] or is_counter(found[index][2])
    for index in range(len(found) - 1, -1, -1):  # the lines that close the text
        if not (chrome[index] or closing(found[index][2])):
            break
        chrome[index] = True
    return [(start, end) for (start, end, _), dropped in zip(found, chrome, strict=True) if dropped]


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked by spaces: offsets stay those of the text."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def without_chrome(text: str) -> str:
    """A page's text without its chrome lines, its paragraphs joined by blank lines."""
    dropped = set(chrome_lines(text))
    if not dropped:
        return text
    return "\n\n".join(line for start, end, line in lines(text) if (start, end) not in dropped)
