"""Positions decided by the learned model: who holds each post, and where.

In each sentence, every post (`candidate_posts`) is weighed against every
person named in it (`holder_candidates`): the model's `holds` decision picks
the person whose pair scores highest above its threshold, or, for a plural
post shared by a list (`заместители министра Петров и Сидоров`), every such
person. A person may so hold several posts (`бывший министр ..., ныне
советник ...`). For each post held, the organisations and places of the
sentence, and the one the rules of `positions` derive (`глава партии`, `мэр
города`, the state of a head of state), are weighed by the `employs`
decision; the best above its threshold is the row's `org_id`.

A post that no person of its sentence holds may name one said before
(`Министр отметил ...`, `Сторонники 58-летнего президента ...`): `referents`
weighs the people of the sentences before it, by the `refers` decision.
"""

from bisect import bisect_right
from dataclasses import dataclass

from ..const import LOC, ORG, PER
from ..models import Models
from ..morphology import analyses, is_singular
from ..positions import (
    KIN,
    POST_MODIFIERS,
    Post,
    Release,
    bracketed,
    by_sentence,
    covering,
    ministry,
    post_after,
    post_before,
    post_predicate,
    read_post,
    stretch_end,
)
from ..posts import HONOURS, is_post_word, lemma, post_over_first, post_reading
from ..records import Mention, Position, Sentence
from .features import Span, View, holder_features, kind_of, workplace_features
from .model import Relations, load_relations
from .referents import WINDOW, Antecedent, antecedents, prominence

REACH = 30  # tokens between a post and a person the model weighs at all
OFFICES = {"должность", "пост"}  # `освобождён от должности директора`, `на посту мэра`
OFFICE_REACH = 8  # words between a name and its office phrase
AWARDS = set("грамота медаль орден премия диплом знак звание благодарность приз кубок".split())


@dataclass(frozen=True, slots=True)
class Person:
    mention: Mention
    span: Span


@dataclass(frozen=True, slots=True)
class Holder:
    """A candidate (person, post) pair and what the model sees of it."""

    person: Person
    post: Post
    features: list[str]
    rule: str = ""  # the hand rule that pairs them, if one does


@dataclass(frozen=True, slots=True)
class Workplace:
    """A candidate organisation for a post held: an entity id, its mention in the
    sentence (none for the rules' choice named elsewhere), the features."""

    entity_id: str
    mention: Mention | None
    features: list[str]


def candidate_posts(view: View, lexicon: frozenset[str]) -> list[tuple[Post, bool]]:
    """Every post phrase of the sentence, once, with whether its head is known only
    from the learned lexicon. Not a post: a word inside a name (`Почётной
    грамотой Совета Министров`), a relative's (`Жена президента`), the giver of an
    award (`Благодарностью Министра`), an honorary title (`Заслуженный артист
    России`)."""
    morph = view.morph
    found: dict[tuple[int, int], tuple[Post, bool]] = {}
    for index, token in enumerate(view.tokens):
        if not token.text[:1].isalpha():
            continue
        known = is_post_word(token, morph)
        word = lemma(token, morph)
        if not known and (word not in lexicon or word in POST_MODIFIERS):
            continue  # most words: asked first, as the cheapest test
        mention = view.taken.get(index)
        inside = mention is not None and (mention.type == PER or mention.start < token.start)
        if inside or any(start <= index < end for start, end in found):  # `совета директоров`
            continue
        if premiere(view, index):
            continue
        post = read_post(view.tokens, index, morph, lexicon)
        before = view.tokens[max(0, post.start - 1) : post.head]
        previous = lemma(view.tokens[post.start - 1], morph) if post.start > 0 else ""
        if previous in KIN:
            continue  # `Жена президента Мишель Обама`: the post is the relative's
        if previous in AWARDS:
            continue  # `Благодарностью Министра связи награждён ...`: whose award it is
        if any(t.text.lower().startswith(HONOURS) for t in before):
            continue
        shared = not is_singular(view.tokens[post.head].text, morph)
        key = (post.start, post.end)
        learned = not is_post_word(view.tokens[post.head], morph)
        found.setdefault(key, (Post(post.start, post.end, post.head, shared), learned))
    return list(found.values())


def premiere(view: View, index: int) -> bool:
    """A word read as a post over its first reading (`премьера`) that stands where the
    first reading does: opening the sentence (`Премьера фильма состоялась`) or after
    `на` (`на премьере спектакля`)."""
    if not post_over_first(view.tokens[index].text, view.morph):
        return False
    return index == 0 or view.tokens[index - 1].text.lower() == "на"


def people_of(view: View, inside: list[Mention]) -> list[Person]:
    index = {token.start: i for i, token in enumerate(view.tokens)}
    people = []
    for mention in inside:
        if mention.type != PER or mention.start not in index:
            continue
        first = index[mention.start]
        last = max(i for i in range(first, len(view.tokens)) if view.tokens[i].end <= mention.end)
        people.append(Person(mention, Span(first, last)))
    return people


def rule_pairs(view: View, people: list[Person]) -> dict[tuple[int, int], str]:
    """What the hand rules decide: (person's first token, post head) -> the rule."""
    tokens, taken, morph = view.tokens, view.taken, view.morph
    found: dict[tuple[int, int], str] = {}
    listed = {p.span.first for p in people}
    for person in people:
        first, last = person.span.first, person.span.last
        heads = last + 2 in listed and tokens[last + 1].text in {",", "и"}
        for rule, post in (
            ("before", post_before(tokens, first, taken, morph, heads)),
            ("after", post_after(tokens, last + 1, taken, morph)),
            ("predicate", post_predicate(tokens, first, last, taken, morph)),
        ):
            if post is not None:
                found[(first, post.head)] = rule
                break
        office = post_of_office(view, last + 1)
        if office is not None:
            found.setdefault((first, office), "office")
    return found


def post_of_office(view: View, start: int) -> int | None:
    """The head of the post an office phrase after a name gives it (`Стасевич
    освобождён от должности генерального директора`, `Петров назначен на должность
    заместителя министра`), within `OFFICE_REACH` words and one clause."""
    tokens, morph = view.tokens, view.morph
    for index in range(start, min(len(tokens) - 1, start + OFFICE_REACH)):
        if tokens[index].text in {".", ";", ":", "(", ")"} or index in view.taken:
            return None
        if lemma(tokens[index], morph) in OFFICES:
            for after in range(index + 1, min(len(tokens), index + 4)):
                if is_post_word(tokens[after], morph):
                    return read_post(tokens, after, morph).head
            return None
    return None


def holder_candidates(
    view: View, posts: list[tuple[Post, bool]], people: list[Person]
) -> list[Holder]:
    """Every (person, post) pair of the sentence within `REACH` tokens."""
    rules = rule_pairs(view, people)
    pairs = []
    for post, learned in posts:
        span = Span(post.start, post.end - 1)
        near = [p for p in people if distance(span, p.span) <= REACH]
        for side in (True, False):  # people after the post, then before it
            ranked = sorted(
                (p for p in near if (p.span.first > span.last) == side),
                key=lambda p: distance(span, p.span),
            )
            for rank, person in enumerate(ranked):
                if possessor(view, post, person):
                    continue
                rule = rules.get((person.span.first, post.head), "")
                features = holder_features(view, post, person.span, rank == 0, rule, learned)
                pairs.append(Holder(person, post, features, rule))
    return pairs


def possessor(view: View, post: Post, person: Person) -> bool:
    """A name right after a post in the nominative, itself inflected, is whose the
    post is (`Помощник Петрова Олег Сидоров`): it holds no post there."""
    if person.span.first != post.end:
        return False
    head = post_reading(view.tokens[post.head].text, view.morph).tag.case
    return head == "nomn" and person.mention.normal != person.mention.text


def distance(a: Span, b: Span) -> int:
    return b.first - a.last if a.last < b.first else a.first - b.last


def held(pairs: list[Holder], relations: Relations) -> list[Holder]:
    """The pairs the model keeps: per post, of the people scoring above the
    threshold, the best one a hand rule pairs with it, else the best one; for a
    plural post shared by a list, every one of them a rule pairs or the model keeps."""
    by_post: dict[Post, list[tuple[float, Holder]]] = {}
    for pair in pairs:
        score = relations.holds.score(pair.features)
        if score > relations.holds.threshold or (pair.post.shared and pair.rule):
            by_post.setdefault(pair.post, []).append((score, pair))
    kept = []
    for post, scored in by_post.items():
        scored.sort(key=lambda item: -item[0])
        if post.shared:
            kept += [pair for _, pair in scored]
            continue
        ruled = [pair for _, pair in scored if pair.rule]
        kept.append(ruled[0] if ruled else scored[0][1])
    return kept


def workplace_candidates(
    view: View, post: Post, person: Span | None, inside: list[Mention], rule_org: str
) -> list[Workplace]:
    """The organisations and places of the sentence, and the rules' choice; `person`
    is where the holder is named in the sentence, if it is. An award named like an
    organisation (`Почётной грамотой Совета Министров`) employs no one."""
    index = {token.start: i for i, token in enumerate(view.tokens)}
    post_end = post.end - 1
    candidates = []
    seen_kinds: set[str] = set()
    ends = [token.end for token in view.tokens]
    awards = {m.entity_id for m in inside if is_award(m, view, ends)}
    rule_org = "" if rule_org in awards else rule_org
    for mention in inside:
        if mention.type not in (ORG, LOC) or mention.start not in index:
            continue
        if mention.entity_id in awards:
            continue
        first = index[mention.start]
        last = max(i for i in range(first, len(view.tokens)) if view.tokens[i].end <= mention.end)
        kind = kind_of(mention, view)
        after = first > post_end
        first_of_kind = after and kind not in seen_kinds
        if after:
            seen_kinds.add(kind)
        features = workplace_features(
            view,
            post,
            person,
            Span(first, last),
            mention,
            first_of_kind,
            mention.entity_id == rule_org,
        )
        candidates.append(Workplace(mention.entity_id, mention, features))
    if rule_org and all(c.entity_id != rule_org for c in candidates):
        features = workplace_features(view, post, person, None, None, False, True)
        candidates.append(Workplace(rule_org, None, features))
    return candidates


def is_award(mention: Mention, view: View, ends: list[int]) -> bool:
    """An award by its first two words (`Почётная грамота ...`, `Орден Почёта`), or
    whose award it is (`грамотой Совета Министров`, `Благодарность Министра`);
    `ends` are where the sentence's tokens end."""
    words = mention.text.lower().split()[:2]
    count = bisect_right(ends, mention.start)  # the tokens that end before the mention
    before = [view.tokens[count - 1].text.lower()] if count else []
    return any(analyses(word, view.morph)[0].normal_form in AWARDS for word in before + words)


def employer(candidates: list[Workplace], relations: Relations) -> str:
    """The best-scoring organisation above the threshold, if any."""
    best, found = relations.employs.threshold, ""
    for candidate in candidates:
        score = relations.employs.score(candidate.features)
        if score > best:
            best, found = score, candidate.entity_id
    return found


def stop_of(view: View, pair: Holder) -> int:
    """Where the words that may name the post's organisation must end: at the name
    after the post, else at the end of the sentence."""
    post = pair.post
    return pair.person.span.first if post.end <= pair.person.span.first else len(view.tokens)


def rule_org(release: Release, number: int, view: View, pair: Holder) -> str:
    """The organisation the rules of `positions` give the post."""
    org = release.organisation_of(number, view.tokens, view.taken, pair.post, stop_of(view, pair))
    return org or bracketed(view.tokens, pair.person.span.last + 1, view.taken)


def named_by_post(release: Release, view: View, post: Post, stop: int) -> str:
    """The ministry the post's own words name (`Министр связи ... Республики
    Беларусь` -> the ministry, not the state after it), when the release names it."""
    end = stretch_end(view.tokens, post, stop, view.taken, view.morph)
    return ministry(view.tokens, post, end, release.text, release.models, release.known)


def find_positions(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    models: Models,
    relations: Relations | None = None,
) -> list[Position]:
    """Every person-post-organisation triple a release states, once each."""
    relations = relations or load_relations()
    release = Release.of(text, sentences, mentions, models)
    ranks = prominence(mentions)
    posts_held: dict[str, set[str]] = {}  # person -> heads of the posts found so far
    in_sentences = by_sentence(sentences, mentions)
    for number, (sentence, inside) in enumerate(zip(sentences, in_sentences, strict=True)):
        view = View(list(sentence.tokens), covering(sentence, inside), models.morph, models.states)
        people = people_of(view, inside)
        posts = candidate_posts(view, relations.lexicon)
        kept = held(holder_candidates(view, posts, people), relations)
        for pair in kept:
            stop = stop_of(view, pair)
            ruled = rule_org(release, number, view, pair)
            candidates = workplace_candidates(view, pair.post, pair.person.span, inside, ruled)
            named = named_by_post(release, view, pair.post, stop)
            org = named or employer(candidates, relations) or ruled
            release.add(pair.person.mention, view.tokens, pair.post, org, professions=True)
            hold(posts_held, pair.person.mention, view, pair.post)
        holders = {pair.post for pair in kept}
        for post, learned in posts:
            if post in holders or post.shared:
                continue
            before = in_sentences[max(0, number - WINDOW) : number]
            found = antecedents(view, post, learned, before, ranks, bool(people), posts_held)
            person = referred(found, relations)
            if person is not None:
                stop = len(view.tokens)
                ruled = release.organisation_of(number, view.tokens, view.taken, post, stop)
                candidates = workplace_candidates(view, post, None, inside, ruled)
                named = named_by_post(release, view, post, stop)
                org = named or employer(candidates, relations) or ruled
                release.add(person, view.tokens, post, org, professions=True)
                hold(posts_held, person, view, post)
    return release.positions()


def hold(posts_held: dict[str, set[str]], person: Mention, view: View, post: Post) -> None:
    posts_held.setdefault(person.entity_id, set()).add(lemma(view.tokens[post.head], view.morph))


def referred(found: list[Antecedent], relations: Relations) -> Mention | None:
    """The person named before whom the model gives the post, if any."""
    best, person = relations.refers.threshold, None
    for antecedent in found:
        score = relations.refers.score(antecedent.features)
        if score > best:
            best, person = score, antecedent.mention
    return person
