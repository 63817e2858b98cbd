"""Learned relations: which person holds which post, and in which organisation.

The stages before give the candidates: people (`PER` mentions), posts (a post
word of `posts` or of the lexicon learned from annotated posts, grown into a
phrase by `positions.read_post`) and organisations (`ORG` and `LOC` mentions,
and the one `positions`' rules derive for a post). `features` describes each
candidate pair, and `referents` the people named before a post that has no
holder in its sentence; `model` scores each pair with weights that `train`
learns from NEREL (Loukachevitch et al., 2023; Russian Wikinews, CC BY 2.5),
and `holders` takes the decisions and writes the `positions` rows.
"""
