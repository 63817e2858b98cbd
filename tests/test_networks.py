from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from extract import load
from extract.cli import main
from extract.networks import pair_weights

from .conftest import RAW


@pytest.fixture(scope="module")
def networks_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("networks-out")
    assert main(["run", str(RAW), str(out), "--networks", "--quiet", "--workers", "1"]) == 0
    return out


def by_name(network: nx.Graph) -> dict[frozenset[str], int]:
    names = nx.get_node_attributes(network, "name")
    return {frozenset((names[a], names[b])): w for a, b, w in network.edges(data="weight")}


def shared(frame: pd.DataFrame, group: str) -> dict[tuple[str, str], int]:
    """Pairs of entities and how many groups they share, by a self-join of the table."""
    rows = frame[[group, "entity_id"]].drop_duplicates()
    pairs = rows.merge(rows, on=group)
    pairs = pairs[pairs["entity_id_x"] < pairs["entity_id_y"]]
    counts = pairs.groupby(["entity_id_x", "entity_id_y"]).size()
    return {pair: int(count) for pair, count in counts.items()}


def test_pair_weights() -> None:
    groups = [["b", "a", "c"], ["a", "b", "a"], ["c"]]
    assert pair_weights(groups) == {("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 1}


def test_networks_read_back_by_networkx(networks_out: Path) -> None:
    tables = load(networks_out)
    folder = networks_out / "networks"
    assert sorted(path.name for path in folder.iterdir()) == [
        "comention.graphml",
        "comention_edges.csv",
        "participation.graphml",
        "participation_edges.csv",
    ]
    participation = nx.read_graphml(folder / "participation.graphml")
    comention = nx.read_graphml(folder / "comention.graphml")
    # the weights are the events and releases the tables say two entities share
    weights = {(a, b) if a < b else (b, a): w for a, b, w in participation.edges(data="weight")}
    assert weights == shared(tables["event_participants"], "event_id")
    weights = {(a, b) if a < b else (b, a): w for a, b, w in comention.edges(data="weight")}
    assert weights == shared(tables["mentions"], "doc_id")
    assert (participation.number_of_nodes(), participation.number_of_edges()) == (66, 210)
    assert (comention.number_of_nodes(), comention.number_of_edges()) == (110, 996)
    assert (
        by_name(participation)[frozenset(("Республика Беларусь", "Шпаковская Ирина Владимировна"))]
        == 4
    )
    ministry = "Министерство связи и информатизации Республики Беларусь"
    assert by_name(comention)[frozenset(("Республика Беларусь", ministry))] == 12
    russia = tables["entities"].set_index("name").loc["Российская Федерация", "entity_id"]
    assert comention.nodes[russia] == {
        "name": "Российская Федерация",
        "type": "LOC",
        "n_docs": 3,
        "country": "RU",
        "lat": 55.75204,
        "lon": 37.61781,
    }


def test_edge_lists_match_the_graphs(networks_out: Path) -> None:
    for name in ("participation", "comention"):
        network = nx.read_graphml(networks_out / "networks" / f"{name}.graphml")
        edges = pd.read_csv(networks_out / "networks" / f"{name}_edges.csv", dtype=str)
        assert list(edges.columns) == ["source", "target", "weight", "source_name", "target_name"]
        names = nx.get_node_attributes(network, "name")
        assert [tuple(row) for row in edges.itertuples(index=False)] == [
            (a, b, str(w), names[a], names[b]) for a, b, w in sorted(network.edges(data="weight"))
        ]


def test_no_networks_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Министр Иван Петров посетил Минск.\n", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet"]) == 0
    assert not (tmp_path / "out" / "networks").exists()
