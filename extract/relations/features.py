"""What the relation model sees of a candidate pair in one sentence.

A feature is a string, present or not. Features say what carries over from one
text to another: the order of the two and the distance between them, the
punctuation and the kinds of words between them (a lemma only for function
words and the words that tie a post to a name: `бывший`, `назначить`,
`являться`), their cases and whether they agree, the post's head lemma, the
number of the post, whether another candidate stands nearer, and what the
hand rules of `positions` decide (`rule`), so the model learns when to trust
them.
"""

from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer

from ..const import LOC
from ..morphology import analyses, is_indeclinable
from ..positions import Post, names_state
from ..posts import lemma, post_reading
from ..records import Mention, Token

PUNCTUATION = {
    ",": "comma",
    "(": "open",
    ")": "close",
    "«": "quote",
    "»": "quote",
    '"': "quote",
    "—": "dash",
    "–": "dash",
    "-": "dash",
    ":": "colon",
    ";": "semi",
    ".": "stop",
}
# Words whose presence between the two changes the reading; others count by part of speech.
FUNCTION = set(
    "и а но или что который как с со в во на по для из от у при после о об к за между также "
    "его её их свой бывший ранее новый назначить избрать стать являться занимать быть "
    "заявить сообщить сказать отметить".split()
)
NEAR = 4  # at most this many tokens between: their exact pattern is a feature


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a sentence's tokens, `last` included."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class View:
    """A sentence as the features read it: its tokens and the mention each lies in."""

    tokens: list[Token]
    taken: dict[int, Mention]
    morph: MorphAnalyzer
    states: frozenset[str] = frozenset()  # folded names of states: `Models.states`
    hedges: frozenset[str] | None = None  # the sentence's `HEDGES`, when known

    def is_state(self, mention: Mention) -> bool:
        return mention.type == LOC and names_state(mention, self.states)


def word_class(token: Token, morph: MorphAnalyzer) -> str:
    """Punctuation by kind, a function word by its lemma, any other word by its part
    of speech."""
    text = token.text
    if text in PUNCTUATION:
        return PUNCTUATION[text]
    if not any(ch.isalpha() for ch in text):
        return "num" if any(ch.isdigit() for ch in text) else "sym"
    parse = analyses(text.lower(), morph)[0]
    if parse.normal_form in FUNCTION:
        return parse.normal_form
    return str(parse.tag.POS or "X").lower()


def gap_bucket(gap: int) -> str:
    return str(gap) if gap < 6 else ("6-9" if gap < 10 else "10+")


def between(view: View, left: Span, right: Span) -> list[str]:
    """The stretch between two spans: its length, the kinds it holds, its exact
    pattern when short (a mention one item, whatever its length)."""
    classes: list[str] = []
    index = left.last + 1
    while index < right.first:
        mention = view.taken.get(index)
        if mention is not None:
            classes.append(mention.type)
            while index < right.first and view.taken.get(index) is mention:
                index += 1
            continue
        classes.append(word_class(view.tokens[index], view.morph))
        index += 1
    features = [f"gap={gap_bucket(right.first - left.last - 1)}"]
    features += [f"has={kind}" for kind in sorted(set(classes))]
    if len(classes) <= NEAR:
        features.append("seq=" + "_".join(classes))
    return features


def order(post: Span, other: Span, view: View) -> list[str]:
    """Which comes first, and the stretch between, each feature tagged with the order."""
    first = post.last < other.first
    left, right = (post, other) if first else (other, post)
    name = "post_first" if first else "post_last"
    return [name, *(f"{name}:{f}" for f in between(view, left, right))]


def case_of(token: Token, morph: MorphAnalyzer) -> str:
    return str(analyses(token.text, morph)[0].tag.case or "none")


def cases(token: Token, morph: MorphAnalyzer) -> set[str]:
    return {p.tag.case for p in analyses(token.text, morph) if p.tag.case}


def head_features(view: View, post: Post, lexicon_only: bool) -> list[str]:
    head = view.tokens[post.head]
    parse = post_reading(head.text, view.morph)
    features = [
        f"head={lemma(head, view.morph)}",
        f"head_case={parse.tag.case}",
        f"head_number={'plur' if post.shared else 'sing'}",
        f"head_upper={head.text[:1].isupper()}",
        f"post_words={min(post.end - post.start, 4)}",
    ]
    if lexicon_only:
        features.append("lexicon_only")
    return features


def holder_features(
    view: View,
    post: Post,
    person: Span,
    nearest: bool,
    rule: str,
    lexicon_only: bool,
) -> list[str]:
    """A person and a post of one sentence: may the person hold the post?"""
    span = Span(post.start, post.end - 1)
    head = view.tokens[post.head]
    last = view.tokens[person.last]
    named = set() if is_indeclinable(last.text, view.morph) else cases(last, view.morph)
    agree = bool(cases(head, view.morph) & named) or not named
    features = [
        *order(span, person, view),
        *head_features(view, post, lexicon_only),
        f"person_case={case_of(last, view.morph)}",
        f"agree={agree}",
        f"nearest={nearest}",
        f"rule={rule or 'none'}",
    ]
    features.append(f"order_agree={features[0]}:{agree}")
    features.append(f"order_nearest={features[0]}:{nearest}")
    return features


def kind_of(mention: Mention, view: View) -> str:
    return "state" if view.is_state(mention) else mention.type


def workplace_features(
    view: View,
    post: Post,
    person: Span | None,
    org: Span | None,
    mention: Mention | None,
    first_of_kind: bool,
    rule: bool,
) -> list[str]:
    """A post and an organisation or place: is the post held there?"""
    features = [f"rule={rule}"]
    if org is None or mention is None:  # the rules' choice, named outside the sentence
        return [*features, "outside"]
    span = Span(post.start, post.end - 1)
    kind = kind_of(mention, view)
    features += [f"kind={kind}", f"first_of_kind={first_of_kind}"]
    features += [f"{kind}:{f}" for f in order(span, org, view)]
    features.append(f"org_case={case_of(view.tokens[org.first], view.morph)}")
    features.append(f"head={lemma(view.tokens[post.head], view.morph)}")
    if person is not None:
        side = (
            "between"
            if min(span.last, person.last) < org.first < max(span.first, person.first)
            else "outside_pair"
        )
        features.append(f"side={side}")
        features.append(f"side_kind={side}:{kind}")
    return features


def participant_features(
    view: View,
    trigger: Span,
    actor: Span,
    mention: Mention,
    facts: dict[str, str],
) -> list[str]:
    """An event's words and an actor of its sentence: did the actor take part?
    `facts` are what the event stage knows of the pair, by name (the trigger's
    lemma and type, the role the hand rules give, whether the actor stands in
    this event's name or another's), each a feature and a few paired with the
    actor's type."""
    features = [f.replace("post_", "event_") for f in order(trigger, actor, view)]
    features += [f"{name}={value}" for name, value in facts.items()]
    features += [
        f"type={mention.type}",
        f"case={case_of(view.tokens[actor.last], view.morph)}",
        f"rule_type={facts.get('rule', 'none')}:{mention.type}",
        f"kind_type={facts.get('kind', '')}:{mention.type}",
        f"standing_rule={facts.get('standing', '')}:{facts.get('rule', 'none')}",
    ]
    return features


# Words that make an event words speak of something not reported as done: a
# negation, an expectation, a rumour, a condition, any one of a kind.
HEDGES = set(
    "не ни ожидать ожидаться планировать планироваться намереваться намерен собираться мочь "
    "должный предполагать предполагаться возможный возможно якобы слух если любой каждый "
    "всякий будущий предстоящий очередной".split()
)


def hedges_of(tokens: list[Token], morph: MorphAnalyzer) -> frozenset[str]:
    """The hedging words of a sentence (`HEDGES`), by lemma."""
    return frozenset(lemma(token, morph) for token in tokens) & HEDGES


def event_features(
    view: View, first: int, last: int, head: int, facts: dict[str, str]
) -> list[str]:
    """Words that may name an event (tokens `first`..`last`, `head` the event word):
    is an event reported there? `facts` are what the event stage knows of them."""
    tokens, morph = view.tokens, view.morph
    parse = analyses(tokens[head].text, morph)[0]
    features = [f"{name}={value}" for name, value in facts.items()]
    features += [
        f"tense={parse.tag.tense}",
        f"mood={parse.tag.mood}",
        f"number={parse.tag.number}",
        f"case={parse.tag.case}",
        f"initial={first == 0}",
        f"upper={tokens[head].text[:1].isupper()}",
        f"words={min(last - first + 1, 4)}",
    ]
    for offset in (-2, -1, 1, 2):
        index = first + offset if offset < 0 else last + offset
        if 0 <= index < len(tokens):
            mention = view.taken.get(index)
            kind = mention.type if mention is not None else word_class(tokens[index], morph)
            features.append(f"at{offset}={kind}")
    hedges = view.hedges if view.hedges is not None else hedges_of(tokens, morph)
    features += [f"hedge={word}" for word in sorted(hedges)]
    near = {lemma(t, morph) for t in tokens[max(0, first - 3) : first]}
    features += [f"hedge_near={word}" for word in sorted(near & HEDGES)]
    kinds = {m.type for m in view.taken.values()}
    features += [f"names={kind}" for kind in sorted(kinds)]
    return features
