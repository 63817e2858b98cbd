"""A yargy parser that predicts only the rules that can start at the next token.

yargy's chart parser predicts, at every token, every rule reachable from the
grammar's start, whatever the token is; with a grammar of many alternatives
(the date grammar has about thirty) that is most of its time. This parser
computes once, for each rule, the token predicates that can begin it (its
FIRST set, and whether it can be empty) and skips a production whose first
terms cannot match the next token: the textbook lookahead of Earley parsing.
It also predicts a rule once per token, and after the last token only what
can be empty. Matches are the same; only the dead states are not made.

Of the matches, yargy builds every one (its tree normalised, its relations
checked) before it chooses those that cover the most tokens without overlap;
a grammar without relations can choose first, by the matches' spans, and
build only those it keeps.
"""

from collections.abc import Callable, Iterator
from functools import lru_cache

from yargy import Parser
from yargy.parser import State, prepare_match, prepare_resolved_matches, prepare_trees
from yargy.predicates import bank
from yargy.rule.bnf import is_rule
from yargy.span import resolve_spans
from yargy.token import Token
from yargy.tree import Node

Predicate = Callable[[object], bool]


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
        productions = [p for rule in reachable(self.rule) for p in rule.productions]
        starts = {id(p): starts_of(p, first, nullable) for p in productions}
        self.predicates = {id(p): p for predicates, _ in starts.values() for p in predicates}
        self.words, self.tests = word_index(self.predicates)
        self.starts = {
            key: (frozenset(map(id, predicates)), empty)
            for key, (predicates, empty) in starts.items()
        }
        self.chosen: dict[tuple[int, frozenset[int]], tuple] = {}

    def findall(self, text: str) -> Iterator:
        """yargy's `findall`, each match built once it is chosen; yargy's own way
        where a relation fails (none does in a grammar without relations)."""
        trees = sorted(prepare_trees(self.matches(text)))
        firsts: dict[tuple[int, int], object] = {}
        for tree in trees:
            firsts.setdefault(tree.range, tree)  # the first tree of a span stands for it
        matches = [prepare_match(firsts[span]) for span in resolve_spans(list(firsts))]
        if all(matches):
            yield from matches
        else:
            yield from prepare_resolved_matches(trees)

    def matching(self, column) -> frozenset[int]:
        """The ids of the predicates that can begin a production which the
        column's token matches; none after the end. yargy's plain tokenizer
        gives tokens whose predicates read their text and type only, so the
        answer is kept per text and type: numbers and words recur."""
        if not column:
            return frozenset()
        return self.matching_kind(column.token.value, column.token.type)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one parser per worker, kept as long)
    def matching_kind(self, value: str, type: str) -> frozenset[int]:
        token = Token(value, None, type)
        words = self.words.get(value, frozenset()) | self.words.get(CASELESS + value.lower(), set())
        return frozenset(words | {k for k, p in self.tests.items() if p(token)})

    def predict(self, column, next_column, rule) -> None:
        """Predict `rule` at `column`: once, since a second prediction makes the
        same states, which the column drops as duplicates; and only the
        productions that can start with the next token, or be empty: after the
        last token, where yargy predicts every production of every rule it
        reaches, only an empty one can still complete. A predicted state is
        therefore new to its column (scans and completions make states past
        their first term), and goes in without the hash yargy checks each
        state's novelty by, a tenth of the parse."""
        kept = column.__dict__
        if "predicted" not in kept:
            kept["predicted"], kept["matching"] = set(), self.matching(next_column)
        if id(rule) in kept["predicted"]:
            return
        kept["predicted"].add(id(rule))
        for index, production, first_rule in self.choices(rule, kept["matching"]):
            node = Node(rule, production, rank=index, children=[])
            state = State(
                rule, production, dot_index=0, start_column=column, stop_column=column, node=node
            )
            column.states.append(state)  # unique: see `predict`'s docstring
            if first_rule is not None:  # what yargy's `update_index` does for it
                column.states_index[id(first_rule)].append(state)

    def choices(self, rule, matching: frozenset[int]) -> tuple:
        """The productions of `rule`, with their ranks and the rule each starts
        with (if it starts with one), that can start with a token the predicates
        `matching` match, or be empty. Kept per rule and set: a set is what a
        kind of token matches, and a grammar's tokens fall into few kinds, so
        the table stays small."""
        key = (id(rule), matching)
        if key not in self.chosen:
            self.chosen[key] = tuple(
                (index, production, first_rule(production))
                for index, production in enumerate(rule.productions)
                if self.can_start(production, matching)
            )
        return self.chosen[key]

    def can_start(self, production, matching: frozenset[int]) -> bool:
        predicates, empty = self.starts[id(production)]
        return empty or not predicates.isdisjoint(matching)


CASELESS = "\0"  # marks a lower-cased word in `word_index`'s table


def word_index(predicates: dict[int, Predicate]) -> tuple[dict[str, set[int]], dict]:
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
    return words, tests


def first_rule(production) -> object | None:
    """The rule a production starts with, if its first term is one."""
    terms = production.terms
    return terms[0] if terms and is_rule(terms[0]) else None


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
