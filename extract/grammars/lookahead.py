"""A yargy parser that predicts only the rules that can start at the next token.

yargy's chart parser predicts, at every token, every rule reachable from the
grammar's start, whatever the token is; with a grammar of many alternatives
(the date grammar has about thirty) that is most of its time. This parser
computes once, for each rule, the token predicates that can begin it (its
FIRST set, and whether it can be empty) and skips a production whose first
terms cannot match the next token: the textbook lookahead of Earley parsing.
It also predicts a rule once per token, and after the last token only what
can be empty. Matches are the same; only the dead states are not made.
"""

from collections.abc import Callable
from functools import lru_cache

from yargy import Parser
from yargy.parser import State
from yargy.rule.bnf import is_rule
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
        self.starts = {
            key: (frozenset(map(id, predicates)), empty)
            for key, (predicates, empty) in starts.items()
        }
        self.chosen: dict[tuple[int, frozenset[int]], tuple] = {}

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
        return frozenset(k for k, p in self.predicates.items() if p(token))

    def predict(self, column, next_column, rule) -> None:
        """Predict `rule` at `column`: once, since a second prediction makes the
        same states, which the column drops as duplicates; and only the
        productions that can start with the next token, or be empty: after the
        last token, where yargy predicts every production of every rule it
        reaches, only an empty one can still complete. A predicted state is
        therefore new to its column (scans and completions make states past
        their first term), and goes in without the hash yargy checks each
        state's novelty by, a tenth of the parse."""
        predicted = column.__dict__.setdefault("predicted", set())
        if id(rule) in predicted:
            return
        predicted.add(id(rule))
        for index, production in self.choices(rule, self.matching(next_column)):
            node = Node(rule, production, rank=index, children=[])
            state = State(
                rule, production, dot_index=0, start_column=column, stop_column=column, node=node
            )
            column.states.append(state)  # unique: see `predict`'s docstring
            column.update_index(state)

    def choices(self, rule, matching: frozenset[int]) -> tuple:
        """The productions of `rule`, with their ranks, that can start with a
        token the predicates `matching` match, or be empty. Kept per rule and
        set: a set is what a kind of token matches, and a grammar's tokens
        fall into few kinds, so the table stays small."""
        key = (id(rule), matching)
        if key not in self.chosen:
            self.chosen[key] = tuple(
                (index, production)
                for index, production in enumerate(rule.productions)
                if self.can_start(production, matching)
            )
        return self.chosen[key]

    def can_start(self, production, matching: frozenset[int]) -> bool:
        predicates, empty = self.starts[id(production)]
        return empty or not predicates.isdisjoint(matching)


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
