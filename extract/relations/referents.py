"""Posts that name a person said before: `Сергей Лавров прибыл в Берлин. Глава
МИД России отметил ...`, `... Уго Чавес. Сторонники 58-летнего президента ...`.

A post that no person of its own sentence holds (see `holders`) is weighed
against each person named in the `WINDOW` sentences before it, the latest
mention of each: the model's `refers` decision takes the best-scoring one
above its threshold. What it weighs: how many sentences back and how many
other people since the person was named, how prominent the person is in the
release, whether the post opens its sentence as its subject and the person
opened theirs, the post's head, case and number, and whether the post's
sentence names people of its own.
"""

from collections import Counter
from dataclasses import dataclass

from ..const import PER
from ..morphology import analyses
from ..positions import POST_MODIFIERS, Post
from ..posts import lemma
from ..records import Mention
from .features import View, case_of, head_features

WINDOW = 3  # sentences back


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A person named before a post, and what the model sees of the pair."""

    mention: Mention
    features: list[str]


def prominence(mentions: list[Mention]) -> dict[str, int]:
    """Each person's rank by how often the release names them (0: most often)."""
    counts = Counter(m.entity_id for m in mentions if m.type == PER)
    return {entity: rank for rank, (entity, _) in enumerate(counts.most_common())}


def opens(view: View, post: Post) -> bool:
    """The post opens its sentence, past modifiers and adjectives (`Новый глава
    Скотленд-Ярда`, `67-летний политик`)."""
    for token in view.tokens[: post.start]:
        parse = analyses(token.text, view.morph)[0]
        modifier = lemma(token, view.morph) in POST_MODIFIERS
        if not (modifier or parse.tag.POS in {"ADJF", "PRTF", "NUMR"} or token.text in "-–"):
            return False
    return True


def named_after(view: View, post: Post) -> str:
    """What the post's words are followed by: an organisation, a place or neither
    (`Глава Facebook`)."""
    mention = view.taken.get(post.end)
    return mention.type if mention is not None else "none"


def gender(words: list[str], view: View) -> str:
    """The grammatical gender of the first word that has one: a post's head, or a
    person's first name or surname (`Анастасия`, `Ивановой`)."""
    for word in words:
        for parse in analyses(word, view.morph):
            if parse.tag.gender in {"masc", "femn"} and (
                {"Name", "Surn"} & set(parse.tag.grammemes) or parse.tag.POS == "NOUN"
            ):
                return str(parse.tag.gender)
    return "none"


def antecedents(
    view: View,
    post: Post,
    lexicon_only: bool,
    before: list[list[Mention]],
    ranks: dict[str, int],
    has_person: bool,
    posts_held: dict[str, set[str]],
) -> list[Antecedent]:
    """The people of the sentences `before` (the nearest last), each once by their
    latest mention, with the features of their pair with the post; `posts_held`
    gives the heads of the posts each person was found to hold before."""
    latest: dict[str, tuple[int, Mention]] = {}
    for back, mentions in enumerate(reversed(before), start=1):
        for mention in reversed(mentions):
            if mention.type == PER:
                latest.setdefault(mention.entity_id, (back, mention))
    first = opens(view, post)
    shared = [
        *head_features(view, post, lexicon_only),
        f"opens={first}",
        f"has_person={has_person}",
        f"people={min(len(latest), 4)}",
        f"head_case_opens={case_of(view.tokens[post.head], view.morph)}:{first}",
        f"names_after={named_after(view, post)}",
    ]
    head = lemma(view.tokens[post.head], view.morph)
    post_gender = gender([view.tokens[post.head].text], view)
    found = []
    for recency, (entity, (back, mention)) in enumerate(latest.items()):
        rank = min(ranks.get(entity, 9), 3)
        held = posts_held.get(entity, set())
        features = [
            f"gender={post_gender}:{gender(mention.text.split(), view)}",
            f"held={'same' if head in held else ('other' if held else 'none')}",
            *shared,
            f"back={back}",
            f"recency={min(recency, 3)}",
            f"prominence={rank}",
            f"recency_prominence={min(recency, 3)}:{rank}",
            f"back_opens={back}:{first}",
        ]
        found.append(Antecedent(mention, features))
    return found
