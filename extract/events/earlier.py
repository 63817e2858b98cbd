"""People named before an event's sentence who may take part in it: the one a
pronoun stands for (`Иван Петров ... В 2019 году он был назначен ...`,
`... назначил его на должность`), or the subject a verb leaves unsaid (`Избран
главой ... в июле 2019 года`).

For a trigger whose sentence holds a third-person singular pronoun outside any
name, or a verb trigger in a sentence that names no person and no subject
before the verb (`«Хуаюнь Текнолоджи» открыла`, `коллеги ознакомились`), each
person named in the `WINDOW` sentences before (the latest mention of each, not
one the sentence names itself) is a candidate the `stands_for` decision weighs: how
many sentences back and how many other people since, whether the pronoun's
gender is the person's, the pronoun's case and side of the trigger, whether
the trigger is a verb, and whether a paragraph starts between them. A pronoun
stands for one person: the best-scoring one above the threshold takes part.
"""

from functools import lru_cache

from pymorphy3 import MorphAnalyzer

from ..const import ORG, PER
from ..morphology import WORD_FORMS, analyses
from ..records import Mention
from ..relations.features import View
from ..relations.referents import gender
from .triggers import Trigger

WINDOW = 2  # sentences back
EARLIER = "earlier"  # the feature every such candidate has


def stand_in(view: View) -> tuple[int, str, str]:
    """The first third-person singular personal pronoun outside a name (`он`, `её`):
    its index, case and gender; index -1 when there is none."""
    for index, token in enumerate(view.tokens):
        if index in view.taken or not token.text.isalpha():
            continue
        reading = pronoun_reading(token.text, view.morph)
        if reading is not None:
            return index, *reading
    return -1, "none", "none"


@lru_cache(maxsize=WORD_FORMS)
def pronoun_reading(word: str, morph: MorphAnalyzer) -> tuple[str, str] | None:
    """The case and gender of the word's first reading as a third-person
    singular personal pronoun, if it has one; kept per word, as `stand_in`
    asks every word of a sentence with an event."""
    for parse in analyses(word, morph):
        tag = parse.tag
        if tag.POS == "NPRO" and tag.person == "3per" and tag.gender in {"masc", "femn"}:
            return str(tag.case), str(tag.gender)
    return None


def has_subject(view: View, end: int) -> bool:
    """A name of a person or an organisation, or a noun in the nominative, before
    the verb (`«Хуаюнь Текнолоджи» открыла`, `коллеги ознакомились`)."""
    for index, token in enumerate(view.tokens[:end]):
        mention = view.taken.get(index)
        if mention is not None:
            if mention.type in (PER, ORG):
                return True
            continue
        parse = analyses(token.text, view.morph)[0]
        if parse.tag.POS == "NOUN" and parse.tag.case == "nomn":
            return True
    return False


def earlier_features(
    view: View,
    trigger: Trigger,
    before: list[list[Mention]],
    own: list[Mention],
    paragraph: int,
) -> list[tuple[Mention, list[str]]]:
    """The people of the sentences `before` (the nearest last) with what the model
    sees of each beside the trigger; `paragraph` is how many sentences back the
    trigger's paragraph starts (0: with its own sentence)."""
    index, case, pronoun_gender = stand_in(view)
    named_here = {m.entity_id for m in own if m.type == PER}
    if index < 0 and (not trigger.verb or named_here or has_subject(view, trigger.start)):
        return []
    latest: dict[str, tuple[int, Mention]] = {}
    for back, mentions in enumerate(reversed(before), start=1):
        for mention in reversed(mentions):
            if mention.type == PER and mention.entity_id not in named_here:
                latest.setdefault(mention.entity_id, (back, mention))
    side = "none" if index < 0 else ("before" if index < trigger.start else "after")
    found = []
    for recency, (back, mention) in enumerate(latest.values()):
        person_gender = gender(mention.text.split(), view)
        features = [
            EARLIER,
            f"earlier_back={back}",
            f"earlier_recency={min(recency, 3)}",
            f"earlier_pronoun={case}",
            f"earlier_side={side}",
            f"earlier_gender={pronoun_gender == person_gender if index >= 0 else 'none'}",
            f"earlier_verb={trigger.verb}",
            f"earlier_paragraph={back > paragraph}",
        ]
        found.append((mention, features))
    return found
