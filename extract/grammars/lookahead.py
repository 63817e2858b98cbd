"""A yargy parser that predicts only the rules that can start at the next token.

yargy's chart parser predicts, at every token, every rule reachable from the
grammar's start, whatever the token is; with a grammar of many alternatives
(the date grammar has about thirty) that is most of its time. This parser
computes once, for each rule, the token predicates that can begin it (its
FIRST set, and whether it can be empty) and skips a production whose first
terms cannot match the next token: the textbook lookahead of Earley parsing.
Matches are the same; only the dead states are not made.
"""

from collections.abc import Callable

from yargy import Parser
from yargy.parser import State
from yargy.rule.bnf import is_rule
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
        self.first, self.nullable = first_sets(self.rule)

    def can_start(self, production, token, memo: dict[int, bool]) -> bool:
        for term in production.terms:
            if not is_rule(term):
                return self.test(term, token, memo)
            if any(self.test(p, token, memo) for p in self.first[id(term)]):
                return True
            if not self.nullable[id(term)]:
                return False
        return True

    @staticmethod
    def test(predicate: Predicate, token, memo: dict[int, bool]) -> bool:
        key = id(predicate)
        if key not in memo:
            memo[key] = bool(predicate(token))
        return memo[key]

    def predict(self, column, next_column, rule) -> None:
        if not next_column:
            super().predict(column, next_column, rule)
            return
        memo = next_column.__dict__.setdefault("lookahead", {})
        for index, production in enumerate(rule.productions):
            if not self.can_start(production, next_column.token, memo):
                continue
            node = Node(rule, production, rank=index, children=[])
            state = State(
                rule, production, dot_index=0, start_column=column, stop_column=column, node=node
            )
            column.append(state)
