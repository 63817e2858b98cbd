import pytest

from extract.htmltext import MAX_DEPTH, nesting

NESTING = [
    ("<div><p>Министр прибыл.<p>Встреча прошла.</div>", 1),  # a `p` closes the one before
    ("<ul><li>Минск<li>Брест</ul><ol><li>Гродно</ol>", 1),
    ("<br><img src=x><hr><div>Минск</div>", 1),  # void elements hold nothing
    ("<div><span>Минск</x></span></div>", 2),  # a stray end tag closes nothing
    ("<div><b><i>Минск</b></div><div>Брест</div>", 3),  # `</b>` closes the `i` in it
    ("<div/><div/>Минск", 2),  # HTML ignores `/>` on a `div`
    ("<svg><path d='M0'/><path d='M1'/></svg><p>Минск", 1),  # in SVG it closes
    ("<a <b <i>Минск", 1),  # attributes, not tags
    ("<div>" * 600, MAX_DEPTH + 1),  # the count stops past the limit
]


@pytest.mark.parametrize(("html", "depth"), NESTING, ids=[n[0][:40] for n in NESTING])
def test_htmltext_nesting(html: str, depth: int) -> None:
    assert nesting(html) == depth
