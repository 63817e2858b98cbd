"""The closed vocabularies of events and roles, and the words that signal them.

Every word is a pymorphy3 dictionary form (lemma), so that one entry covers
all its case forms. The meaning of each type and role is in
`extract.events`'s docstring; this module is only the word lists.
"""

# Imperfective verbs as their perfective partners, so that one entry covers both
# (`Открывая встречу`, `подписывают соглашение`): pymorphy3 keeps them apart.
ASPECTS = {
    "открывать": "открыть",
    "поздравлять": "поздравить",
    "выступать": "выступить",
    "докладывать": "доложить",
    "информировать": "проинформировать",
    "рассказывать": "рассказать",
    "подписывать": "подписать",
    "принимать": "принять",
    "посещать": "посетить",
    "прибывать": "прибыть",
    "встречаться": "встретиться",
    "встречать": "встретить",
    "проводить": "провести",
    "вручать": "вручить",
    "организовывать": "организовать",
    "возглавлять": "возглавить",
    "назначать": "назначить",
    "создавать": "создать",
    "учреждать": "учредить",
    "вступать": "вступить",
    "входить": "войти",
    "награждать": "наградить",
    "заключать": "заключить",
    "освобождать": "освободить",
    "увольнять": "уволить",
    "избирать": "избрать",
    "знакомиться": "ознакомиться",
}

# Nouns that name an event, by lemma.
EVENT_NOUNS: dict[str, str] = {
    "совещание": "meeting",
    "собрание": "meeting",
    "заседание": "meeting",
    "встреча": "meeting",
    "консультация": "meeting",
    "видеоконференция": "meeting",
    "видеовстреча": "meeting",
    "саммит": "meeting",
    "переговоры": "negotiations",
    "конференция": "conference",
    "пресс-конференция": "conference",
    "форум": "conference",
    "конгресс": "conference",
    "семинар": "conference",
    "вебинар": "conference",
    "симпозиум": "conference",
    "выставка": "exhibition",
    "экспозиция": "exhibition",
    "ярмарка": "exhibition",
    "визит": "visit",
    "поездка": "visit",
    "подписание": "signing",
    "назначение": "appointment",
    "отставка": "dismissal",
    "увольнение": "dismissal",
    "создание": "founding",
    "учреждение": "founding",
    "основание": "founding",
    "вступление": "membership",
    "вхождение": "membership",
    "награждение": "award",
    "церемония": "other",
}
# `круглый стол` is a meeting; the pair is matched on lemmas.
EVENT_PAIRS: dict[tuple[str, str], str] = {
    ("круглый", "стол"): "meeting",
    ("учредительный", "собрание"): "founding",
    ("общий", "собрание"): "meeting",
}
# Nouns that name an event only with what they need beside them: a founding
# noun with the organisation founded (`создание Центра`, not `создание условий`),
# an appointment with the post (`назначение на должность`).
NEEDS_OBJECT = {"создание", "учреждение", "основание", "назначение", "вступление", "вхождение"}
# A part of an event named with it (`Пленарное заседание Форума`) is that event.
PARTS = {"заседание", "сессия", "церемония", "секция"}
# `Церемонию открытия выставки`: the exhibition.
LINKS = {"открытие", "закрытие"}
# `в формате видеоконференции` says how another event was held, not what.
MODES = {"режим", "формат"}

# Nouns that name an event only where the sentence says so, else refer back to
# one: a delegation is a visit where it came or stayed (`STAYS`).
REFERENCES = {"делегация": "visit", "мероприятие": "other"}
# Bare nouns that refer back to the latest event of a type, or of any type
# (`В ходе визита`, `В мероприятии приняли участие`).
GENERIC = {"визит": "visit", "поездка": "visit", "делегация": "visit", "мероприятие": "any"}
GENERIC |= {"встреча": "any"}  # `Открывая встречу, ...` after `прошли переговоры`
STAYS = {"находиться", "прибыть", "пребывать", "побывать", "посетить"}

# Verbs (and their participles) that state an event, by lemma.
EVENT_VERBS: dict[str, str] = {
    "подписать": "signing",
    "заключить": "signing",
    "назначить": "appointment",
    "избрать": "appointment",
    "освободить": "dismissal",
    "уволить": "dismissal",
    "создать": "founding",
    "учредить": "founding",
    "основать": "founding",
    "образовать": "founding",
    "войти": "membership",
    "принять": "membership",
    "открыть": "founding",
    "вступить": "membership",
    "наградить": "award",
    "вручить": "award",
    "посетить": "visit",
    "прибыть": "visit",
    "побывать": "visit",
    "ознакомиться": "visit",
    "встретиться": "meeting",
}
# The noun of each verb, so that `Подписание состоялось` refers back to `подписали`.
VERB_NOUNS = {
    "подписать": "подписание",
    "заключить": "заключение",
    "назначить": "назначение",
    "избрать": "избрание",
    "создать": "создание",
    "учредить": "учреждение",
    "основать": "основание",
    "образовать": "образование",
    "войти": "вхождение",
    "вступить": "вступление",
    "наградить": "награждение",
    "освободить": "освобождение",
    "уволить": "увольнение",
    "вручить": "награждение",
    "посетить": "визит",
    "побывать": "визит",
    "прибыть": "визит",
    "ознакомиться": "ознакомление",
    "встретиться": "встреча",
}
# What must follow such a verb for it to state the event: `освобождён от
# должности`, `вошла в состав`.
VERB_NEEDS: dict[str, tuple[str, ...]] = {
    "освободить": ("от", "должность"),
    "войти": ("в", "состав"),
    "вступить": ("в",),
    "назначить": ("на",),
    "ознакомиться": ("с", "работа"),
    "принять": ("в", "состав"),
}
NEEDS_AHEAD = {"освободить"}
# `принял посла Италии`, `принимает в Белом доме коллегу`: receiving a guest is a
# meeting, held by the one who receives; the guest is a person or a delegation.
RECEPTIONS = {"принять"}
GUESTS = {"посол", "делегация", "коллега", "гость", "делегат", "представитель"}
GUESTS |= {"министр", "губернатор", "глава", "руководитель", "президент", "премьер-министр"}
# What a verb needs as its object to state the event: `заключило договор`.
VERB_OBJECTS = {
    "заключить": {"договор", "соглашение", "контракт", "меморандум"},
    "открыть": {"представительство", "офис", "филиал", "отделение", "центр", "бюро"},
    "вручить": {"награда", "грамота", "знак", "медаль", "орден", "благодарность", "диплом"}
    | {"премия", "адрес", "звание"},
}
# Documents whose subject (`Договор о создании ...`) is no event of the release.
DOCUMENTS = {"договор", "соглашение", "меморандум", "закон", "указ", "постановление"}
DOCUMENTS |= {"протокол", "программа", "концепция", "план", "проект", "решение"}
# Words before a reference to an event that put what else the sentence tells at it.
FRAMES = {("на", "поле"), ("в", "рамка"), ("в", "ход"), ("по", "итог"), ("во", "время")}
FRAME_NOUNS = {"день", "накануне"}  # `В первый день визита`, `Накануне переговоров`
# Words that make a sentence's events a rumour or a forecast, not news of them.
SPECULATION = {"слух", "якобы", "прогнозировать", "предположительно", "вероятно"}
ANY_OF_KIND = {"любой", "каждый", "всякий"}  # `при подписании любого договора`
COURTS = {"суд", "трибунал"}  # `Заседание суда`: a hearing, not a meeting
# Words before an event noun that make it proposed, not held or scheduled.
HYPOTHESES = {"возможность", "предложение", "предложить", "идея", "пригласить", "приглашение"}
HYPOTHESES |= {"предусматривать"}  # `Документ предусматривает проведение семинаров`
# Modifiers that make an event noun name a new event, not refer back to one.
NEW_MARKERS = {"очередной", "следующий", "новый", "ближайший", "предстоящий", "первый"}
NEXT = {"следующий", "предстоящий"}  # a plan: an event only with its date
# Participles of happening: `форума, прошедшего в июне`.
HAPPENINGS = {"пройти", "проходить", "состояться", "провести", "проводить", "организовать"}
HAPPENINGS |= {"запланировать", "прошедшее"}
# Words that make a sentence speak of a series of events, not of one.
HABITS = {"ежегодно", "ежегодный", "ежемесячно", "еженедельно", "регулярно", "традиционно"}
# Words before an event noun that make it a count of events, not one.
COUNTS = {
    "ряд",
    "несколько",
    "более",
    "менее",
    "свыше",
    "около",
    "серия",
    "много",
}  # `От должности директора ... освобождён`

ONLINE = {"вкс", "видеоконференция", "видеоконференцсвязь", "онлайн", "онлайн-формат", "видеосвязь"}

# Role cues: a lemma (or two) right before an actor, and the role it gives.
ROLE_BEFORE: dict[tuple[str, ...], str] = {
    ("под", "председательство"): "chair",
    ("по", "инициатива"): "organizer",
    ("при", "поддержка"): "organizer",
    ("при", "участие"): "participant",
    ("организатор",): "organizer",
    ("организовать",): "organizer",
    ("посетить",): "host",
    ("при",): "organizer",
    ("в", "состав"): "host",
    ("с",): "participant",
    ("глава", "с"): "participant",
    ("с", "работа"): "host",
    ("среди", "который"): "participant",  # `составили 14 организаций, среди которых ...`
    ("между",): "participant",
    ("представитель",): "participant",
    ("делегация",): "participant",
    ("участие",): "participant",
}
# Verbs whose doer takes a role, by lemma.
ROLE_VERBS: dict[str, str] = {
    "выступить": "speaker",
    "доложить": "speaker",
    "проинформировать": "speaker",
    "поздравить": "speaker",
    "приветствовать": "speaker",
    "рассказать": "speaker",
    "председательствовать": "chair",
    "возглавить": "chair",
    "открыть": "speaker",
    "представлять": "participant",
    "модерировать": "chair",
    "подписать": "signatory",
    "заключить": "signatory",
    "принять": "participant",
    "участвовать": "participant",
    "присутствовать": "participant",
    "посетить": "participant",
    "прибыть": "participant",
    "встретиться": "participant",
    "встретить": "host",
    "провести": "participant",
    "вручить": "participant",
    "организовать": "organizer",
}
# `выступить` in another capacity than a speaker's.
AS_ROLE = {
    "учредитель": "organizer",
    "принять": "host",  # `выступит принимающей стороной`
    "организатор": "organizer",
    "соорганизатор": "organizer",
    "модератор": "chair",
    "председатель": "chair",
}
# A verb with one of these beside it states a speech: `направил приветствие`.
SPEECH_VERBS = {"направить", "зачитать", "огласить", "сделать", "представить", "передать"}
SPEECHES = {"приветствие", "поздравление", "обращение", "доклад", "презентация", "выступление"}
# Verbs whose grammatical subject is what the event is about.
SUBJECT_VERBS = {"назначить", "освободить", "создать", "учредить", "основать", "образовать"}
SUBJECT_VERBS |= {"войти", "вступить", "избрать", "принять", "открыть"}
SUBJECT_VERBS |= {"наградить"}
# Nouns naming a group of people from an organisation: `представители Минсвязи`.
GROUPS = {"представитель", "делегация", "сотрудник", "специалист", "эксперт", "руководство"}
GROUPS |= {"руководитель", "команда", "делегат", "сторона"}
