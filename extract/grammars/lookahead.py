"""A yargy parser that predicts only the rules that can start at the next token,
and parses each stretch of tokens shaped like one it has parsed before once.

yargy's chart parser predicts, at every token, every rule reachable from the
grammar's start, whatever the token is; with a grammar of many alternatives
(the date grammar has about thirty) that is most of its time. This parser
computes once, for each rule, the token predicates that can begin it (its
FIRST set, and whether it can be empty) and skips a production whose first
terms cannot match the next token: the textbook lookahead of Earley parsing.
It also predicts a rule once per token, and after the last token only what
can be empty. Matches are the same; only the dead states are not made.

The grammar's predicates read a token's text and type only (yargy's plain
tokenizer gives no morphology), so what the parser does with a token depends
on its kind alone: the set of the grammar's predicates it matches. A token of
no kind (`министр`, `,`) can be in no match, so the tokens between two of
them are parsed apart. yargy builds every match (its tree normalised, its
relations checked) before it chooses those that cover the most tokens
without overlap; in a grammar without relations the choice goes by the
matches' spans alone, and since no match crosses from one stretch into
another, it is made in each stretch, and only the matches kept are built.
A stretch of kinds parsed once (`в 2019 году` and `в 2020 году` are the same
three kinds) keeps the same matches again, with the new stretch's tokens in
their leaves. On text seen for the first time, most stretches have been
seen in that sense.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from yargy import Parser
from yargy.parser import Chart, Match, State
from yargy.predicates import bank
from yargy.rule.bnf import is_rule
from yargy.span import resolve_spans
from yargy.token import Token
from yargy.tree import Leaf, Node, Tree

Predicate = Callable[[object], bool]
Kind = frozenset[int]  # the ids of the grammar's predicates a token matches
NO_KIND: Kind = frozenset()
Found = tuple[Node, tuple[int, int]]  # a match's tree and its columns in its stretch
STRETCHES = 1 << 11  # parsed stretches of kinds kept: see docs/performance.md


def reachable(start) -> list:
    seen: dict[int, object] = {}
    stack = [start]
    while stack:
        rule = stack.pop()
        if id(rule) in seen:
            continue
        seen[id(rule)] = rule
        stack.extend(t for p in rule.productions for t in p.terms if is_rule(t))
    return list(seen.values())


def first_sets(start) -> tuple[dict[int, list[Predicate]], dict[int, bool]]:
    """Per rule id: the predicates that can match its first token, and whether it is nullable."""
    rules = reachable(start)
    first: dict[int, dict[int, Predicate]] = {id(r): {} for r in rules}
    nullable = dict.fromkeys(first, False)
    changed = True
    while changed:
        changed = False
        for rule in rules:
            for production in rule.productions:
                found, empty = {}, True
                for term in production.terms:
                    if is_rule(term):
                        found.update(first[id(term)])
                        if nullable[id(term)]:
                            continue
                    else:
                        found[id(term)] = term
                    empty = False
                    break
                size = len(first[id(rule)])
                first[id(rule)].update(found)
                if len(first[id(rule)]) != size or (empty and not nullable[id(rule)]):
                    nullable[id(rule)] = nullable[id(rule)] or empty
                    changed = True
    return {key: list(value.values()) for key, value in first.items()}, nullable


class LookaheadParser(Parser):
    def __init__(self, rule, tokenizer=None) -> None:
        super().__init__(rule, tokenizer=tokenizer)
        first, nullable = first_sets(self.rule)
        if nullable[id(self.rule)]:
            raise ValueError("the grammar can match no tokens; every match must take one in")
        if any(rule.relation for rule in reachable(self.rule)):
            raise ValueError("the grammar has relations: a match is not kept by its span alone")
        productions = [p for rule in reachable(self.rule) for p in rule.productions]
        terminals = {id(t): t for p in productions for t in p.terms if not is_rule(t)}
        self.words, self.tests = word_index(terminals)
        self.starts = {}
        for production in productions:
            predicates, empty = starts_of(production, first, nullable)
            self.starts[id(production)] = (frozenset(map(id, predicates)), empty)
        self.chosen: dict[tuple[int, Kind], tuple] = {}
        self.kinds: dict[Kind, Kind] = {NO_KIND: NO_KIND}
        self.parsed: OrderedDict[tuple[Kind, ...], tuple[list, list[Found]]] = OrderedDict()
        self.lock = threading.Lock()

    def findall(self, text: str) -> Iterator[Match]:
        """yargy's `findall`: the matches that cover the most tokens without
        overlap, each the first of its span in yargy's order of trees. No
        match crosses from one stretch into another, so the choice is made
        in each stretch alone (`kept`), and kept with its stretch."""
        tokens = list(self.tagger(self.tokenizer(text)))
        kinds = [self.kind(token.value, token.type) for token in tokens]
        for start, stop in stretches(kinds):
            for root, (first, last) in self.kept_in(tokens[start:stop], tuple(kinds[start:stop])):
                yield Match(Tree(root, (first + start, last + start)))

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one parser per worker, kept as long)
    def kind(self, value: str, type: str) -> Kind:
        """The ids of the predicates a token of this text and type matches; one
        object for each kind (the grammar's tokens fall into a few hundred)."""
        token = Token(value, None, type)
        words = self.words.get(value, NO_KIND) | self.words.get(CASELESS + value.lower(), NO_KIND)
        kind = frozenset(words | {k for k, p in self.tests.items() if p(token)})
        return self.kinds.setdefault(kind, kind)

    def kept_in(self, tokens: list, key: tuple[Kind, ...]) -> list[Found]:
        """The normalised trees of the matches kept in a stretch of tokens, of
        `key`'s kinds, with their ranges (column numbers) in it: those of the
        first stretch of the same kinds, with this one's tokens in their
        leaves, or parsed now."""
        with self.lock:  # a Dask worker's threads share the parser
            seen = self.parsed.get(key)
            if seen is not None:
                self.parsed.move_to_end(key)
        if seen is not None:
            return copied(seen[1], seen[0], tokens)
        found = kept(self.completed(tokens, key))
        with self.lock:
            self.parsed[key] = (tokens, found)
            if len(self.parsed) > STRETCHES:
                self.parsed.popitem(last=False)
        return found

    def completed(self, tokens: list, kinds: Sequence[Kind]) -> list[Found]:
        """The roots and ranges of the grammar's completed parses, in the order
        yargy's chart makes them: column by column, state by state. yargy's
        loop, with a token's predicates read from its kind, each rule
        predicted once per column (see `predict_at`), and the states that
        scans and completions make appended without yargy's check that they
        are new (see `advance`)."""
        columns = Chart(tokens).columns
        found = []
        for index, column in enumerate(columns):
            kind = kinds[index] if index < len(kinds) else NO_KIND
            predicted: set[int] = set()
            self.predict_at(column, kind, self.rule, predicted)
            for state in column.states:  # grows as it is read
                terms = state.production.terms
                if state.dot_index == len(terms):
                    for parent in state.start_column.states_index[id(state.rule)]:  # grows too
                        advance(column, parent, state.node)
                    if state.rule is self.rule:
                        found.append((state.node, state.range))
                    continue
                term = terms[state.dot_index]
                if is_rule(term):
                    if id(term) not in predicted:
                        self.predict_at(column, kind, term, predicted)
                elif id(term) in kind:
                    following = columns[index + 1]
                    advance(following, state, Leaf(term, term.constrain(following.token)))
        return found

    def predict_at(self, column, kind: Kind, rule, predicted: set[int]) -> None:
        """Predict `rule` at `column`: once (`predicted` holds the rules the
        column has), since a second prediction makes the same states, which
        the column drops as duplicates; and only the productions that can
        start with the next token, of `kind`, or be empty: after the last
        token, where yargy predicts every production of every rule it
        reaches, only an empty one can still complete. A predicted state is
        therefore new to its column (scans and completions make states past
        their first term), and goes in without the hash yargy checks each
        state's novelty by, a tenth of the parse."""
        predicted.add(id(rule))
        states, index = column.states, column.states_index
        for rank, production, first in self.choices(rule, kind):
            state = State(rule, production, 0, column, column, Node(rule, production, rank, []))
            states.append(state)
            if first is not None:  # what yargy's `update_index` does for it
                index[first].append(state)

    def choices(self, rule, kind: Kind) -> tuple:
        """The productions of `rule`, with their ranks and the id of the rule each
        starts with (if it starts with one), that can start with a token of `kind`, or
        be empty. Kept per rule and kind: a grammar's tokens fall into few
        kinds, so the table stays small."""
        key = (id(rule), kind)
        if key not in self.chosen:
            self.chosen[key] = tuple(
                (index, production, first_rule(production))
                for index, production in enumerate(rule.productions)
                if self.can_start(production, kind)
            )
        return self.chosen[key]

    def can_start(self, production, kind: Kind) -> bool:
        predicates, empty = self.starts[id(production)]
        return empty or not predicates.isdisjoint(kind)


def kept(found: list[Found]) -> list[Found]:
    """What yargy's `findall` keeps of a stretch's parses: its trees sorted in
    yargy's order, the first of each span, the spans that cover the most
    tokens without overlap (`resolve_spans`), each tree normalised as
    `prepare_match` does (a grammar without relations constrains no token)."""
    trees = sorted(Tree(root, span) for root, span in found)
    firsts: dict[tuple[int, int], Tree] = {}
    for tree in trees:
        firsts.setdefault(tree.range, tree)  # the first tree of a span stands for it
    return [(firsts[span].normalized.root, span) for span in resolve_spans(list(firsts))]


def advance(column, state, child) -> None:
    """Append to `column` the state `state` moved past its next term, which
    `child` (a leaf of the next token, or a completed state's node) matched,
    as yargy's scan and completion do, without the hash yargy checks each
    state's novelty by: once each rule is predicted once per column, no state
    is made twice. A scan's leaf is new; a completion joins a completed
    state's own node to each of its parents, which differ from one another
    as the states of a column do; and predicted states, the only ones yargy
    made twice, stand before their first term, the others past it.
    """
    terms = state.production.terms
    dot = state.dot_index + 1
    node = state.node.attached(child)
    moved = State(state.rule, state.production, dot, state.start_column, column, node)
    column.states.append(moved)
    if dot < len(terms) and is_rule(terms[dot]):  # what yargy's `update_index` does
        column.states_index[id(terms[dot])].append(moved)


def stretches(kinds: list[Kind]) -> Iterator[tuple[int, int]]:
    """The runs of tokens of some kind, as (start, stop) indices: no match
    takes in a token no predicate of the grammar matches."""
    start = None
    for index, kind in enumerate(kinds):
        if kind and start is None:
            start = index
        elif not kind and start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(kinds)


def copied(found: list[Found], model: list, tokens: list) -> list[Found]:
    """The trees `found` over the tokens `model`, over `tokens` (of the same
    kinds) instead; a subtree two trees share stays shared."""
    where = {id(token): index for index, token in enumerate(model)}
    made: dict[int, Node] = {}

    def copy(node: Node) -> Node:
        if id(node) not in made:
            if isinstance(node, Leaf):
                token = tokens[where[id(node.token)]]
                made[id(node)] = Leaf(node.predicate, node.predicate.constrain(token))
            else:
                children = [copy(child) for child in node.children]
                made[id(node)] = Node(node.rule, node.production, node.rank, children)
        return made[id(node)]

    return [(copy(root), span) for root, span in found]


CASELESS = "\0"  # marks a lower-cased word in `word_index`'s table


def word_index(predicates: dict[int, Predicate]) -> tuple[dict[str, Kind], dict]:
    """The predicates that compare a token's text with words (yargy's `eq`, `in_`
    and `in_caseless`, most of a grammar's) as a table from each word (lower-cased
    ones marked with `CASELESS`) to their ids, and the others, which are asked."""
    words: dict[str, set[int]] = {}
    tests = {}
    for key, predicate in predicates.items():
        kind = type(predicate)
        if kind is bank.eq:
            values = [predicate.value]
        elif kind is bank.in_:
            values = list(predicate.value)
        elif kind is bank.in_caseless:
            values = [CASELESS + value for value in predicate.value]
        else:
            tests[key] = predicate
            continue
        for value in values:
            words.setdefault(value, set()).add(key)
    return {word: frozenset(ids) for word, ids in words.items()}, tests


def first_rule(production) -> int | None:
    """The id of the rule a production starts with, if its first term is one."""
    terms = production.terms
    return id(terms[0]) if terms and is_rule(terms[0]) else None


def starts_of(
    production, first: dict[int, list[Predicate]], nullable: dict[int, bool]
) -> tuple[list[Predicate], bool]:
    """The predicates one of which the first token of a production must match,
    and whether it can be empty (then it can start anywhere): its leading terms'
    FIRST sets, up to and including its first term that cannot be empty."""
    predicates: list[Predicate] = []
    for term in production.terms:
        if not is_rule(term):
            return [*predicates, term], False
        predicates.extend(first[id(term)])
        if not nullable[id(term)]:
            return predicates, False
    return predicates, True
