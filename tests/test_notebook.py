from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
GRINKEVICH = [  # the releases that name the person named in the most releases
    "2024/05/nagrazhdenie-rabotnikov-otrasli-svyazi",
    "2024/10/vizit-delegacii-mincifry-uzbekistana",
    "2025/02/naznachenie-stasevich",
    "2025/03/node-10234",
    "2025/07/uchrezhdena-associaciya-razrabotchikov-ii",
    "2025/html/soveshchanie-proon-cifrovye-navyki",
]


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_notebook_is_stored_without_outputs() -> None:
    cells = code_cells(nbformat.read(NOTEBOOK, as_version=4))
    assert [(cell.outputs, cell.execution_count) for cell in cells] == [([], None)] * len(cells)


@pytest.fixture(scope="module")
def executed(raw_out: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel on a run over `data/raw/`;
    nbclient raises on the first cell that fails."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXTRACT_OUT", str(raw_out))
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()
    return notebook


def outputs(cell: nbformat.NotebookNode, kind: str) -> list[str]:
    return [output["data"][kind] for output in cell.outputs if kind in output.get("data", {})]


def test_notebook_runs_on_a_fresh_run(executed: nbformat.NotebookNode) -> None:
    cells = code_cells(executed)
    assert outputs(cells[0], "text/plain") == [
        "status\nok           16\nerror         0\nduplicate     0\nName: count, dtype: int64"
    ]
    assert [len(outputs(cell, "image/png")) for cell in cells] == [0, 0, 1, 0, 0, 0, 0, 0]


def test_notebook_shows_the_releases_of_the_chosen_entity(
    executed: nbformat.NotebookNode,
) -> None:
    choice, markup = code_cells(executed)[-2:]
    assert [output.get("text") for output in choice.outputs] == [
        "Гринкевич Олег Николаевич\n",
        None,
    ]
    listed = outputs(choice, "text/html")[0]
    assert [doc_id for doc_id in GRINKEVICH if doc_id in listed] == GRINKEVICH
    pages = outputs(markup, "text/html")
    assert len(pages) == 4
    assert pages[0] == (
        "<h4>В Минске состоялась торжественная церемония награждения работников отрасли связи</h4>"
    )
    assert [page.count(">PER</span></span>") for page in pages[1::2]] == [3, 2]


def test_notebook_exported_with_its_outputs(executed: nbformat.NotebookNode) -> None:
    """docs/explore.html (`make docs`) is the notebook as it stands, its cells'
    outputs in place (the timeline as a picture), and reads offline."""
    page = HTMLParser((ROOT / "docs" / "explore.html").read_text(encoding="utf-8"))
    inputs = [node.text().strip() for node in page.css(".jp-InputArea-editor")]
    assert inputs == [cell.source.strip() for cell in code_cells(executed)]
    first = page.css_first(".jp-OutputArea-output pre").text()
    assert first == outputs(code_cells(executed)[0], "text/plain")[0]
    assert len(page.css("img[src^='data:image/png;base64,']")) == 1
    assert page.css("script[src], link[href^=http]") == []
