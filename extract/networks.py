"""Networks for Gephi and networkx: who takes part in events together, and who
is named in the same releases.

`OUT/networks/` gets two undirected graphs, each as GraphML (which Gephi,
networkx, igraph and Cytoscape read, node attributes and all) and as an edge
list CSV (`source, target, weight, source_name, target_name`, Gephi's
spreadsheet import):

- `participation`: entities that take part in the same event
  (`event_participants`); an edge's `weight` is the number of events they
  share.
- `comention`: entities named in the same release (`mentions`); `weight` is
  the number of releases.

A node is an entity (`entities.entity_id`) with its `name`, `type` and
`n_docs`, and a place's `country`, `lat` and `lon` where it is on the map
(Gephi's geo layout reads them). The graphs are made from the tables as
written, so they always agree with them; nodes and edges come in id order,
so the same tables give the same files.
"""

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

from .export import csv_safe, replace_atomically, writing
from .load import load_table
from .tables import plain

FOLDER = "networks"
NODE_ATTRIBUTES = ["name", "type", "n_docs", "country", "lat", "lon"]


def pair_weights(groups: Iterable[Iterable[str]]) -> Counter:
    """How many groups each pair of distinct entities shares, as `(a, b)`, a < b."""
    weights: Counter = Counter()
    for group in groups:
        weights.update(combinations(sorted(set(group)), 2))
    return weights


def grouped(frame: pd.DataFrame, by: str) -> list[list[str]]:
    """The entity ids of each value of `by`."""
    return frame.groupby(by, sort=False, observed=True)["entity_id"].agg(list).tolist()


def graph(weights: Counter, entities: pd.DataFrame) -> nx.Graph:
    """The weighted graph of `weights`, its nodes the entities it joins with
    their known attributes (GraphML has no missing value: an unknown one is left
    out)."""
    network = nx.Graph()
    ids = sorted({entity for pair in weights for entity in pair})
    table = entities.set_index("entity_id").reindex(ids)[NODE_ATTRIBUTES].astype(object)
    for entity, attributes in table.to_dict("index").items():
        network.add_node(entity, **{k: plain(v) for k, v in attributes.items() if pd.notna(v)})
    for (source, target), weight in sorted(weights.items()):
        network.add_edge(source, target, weight=weight)
    return network


def edge_list(network: nx.Graph) -> pd.DataFrame:
    names = nx.get_node_attributes(network, "name")
    rows = [
        (source, target, data["weight"], names.get(source), names.get(target))
        for source, target, data in network.edges(data=True)
    ]
    columns = ["source", "target", "weight", "source_name", "target_name"]
    return pd.DataFrame(rows, columns=columns).astype({"weight": "int64"})


def write_networks(out_dir: str | Path) -> None:
    """Write both graphs of a run's tables into `OUT/networks/`."""
    out_dir = Path(out_dir)
    entities = load_table(out_dir, "entities", ["entity_id", *NODE_ATTRIBUTES])
    participants = load_table(out_dir, "event_participants", ["event_id", "entity_id"])
    mentions = load_table(out_dir, "mentions", ["doc_id", "entity_id"])
    networks = {
        "participation": graph(pair_weights(grouped(participants, "event_id")), entities),
        "comention": graph(pair_weights(grouped(mentions, "doc_id")), entities),
    }
    folder = out_dir / FOLDER
    with writing(folder):
        folder.mkdir(exist_ok=True)
    for name, network in networks.items():
        write_network(network, folder / name)


def write_network(network: nx.Graph, stem: Path) -> None:
    """`<stem>.graphml` and `<stem>_edges.csv`, each replaced whole."""
    replace_atomically(stem.with_suffix(".graphml"), lambda path: nx.write_graphml(network, path))
    edges = csv_safe(edge_list(network))
    replace_atomically(
        stem.with_name(f"{stem.name}_edges.csv"),
        lambda path: edges.to_csv(path, index=False, lineterminator="\n", encoding="utf-8"),
    )
