"""The readable text of a release page, without navigation and scripts.

A ministry page wraps one article in menus, banners and footers. The article
is the first `<article>` or `<main>` (else `<body>`); chrome elements inside
it are dropped; every block element becomes its own paragraph, runs of
white space (non-breaking spaces too) become one space, and the
paragraphs are joined by blank lines so that the text reads like a `.txt`
release. Nothing is fetched and no script runs: lexbor only parses.
"""

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import NestedTooDeep

DROP = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
ROOTS = ("article", "main", "[role=main]", "body")
BLOCKS = (
    "p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, pre, div, section, "
    "table, tr, td, th, figcaption, address, br, hr"
)
PUBLISHED_META = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publish-date"]',
    'meta[name="dc.date"]',
    "time[datetime]",
)
URL_META = ('link[rel="canonical"]', 'meta[property="og:url"]')
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
MAX_DEPTH = 500  # real pages nest under 100; lexbor's time grows as depth times tags
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
}  # fmt: skip
# Elements the parser closes by itself when the next one opens (`<p>a<p>b`), and
# the page's own `html`, `head` and `body`: counting them would see depth in a
# flat page that leaves its paragraphs open.
SELF_CLOSING = {
    "p", "li", "dt", "dd", "option", "optgroup", "rb", "rp", "rt", "rtc", "tr", "td",
    "th", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
}  # fmt: skip
FOREIGN = ("svg", "math")  # where `<path/>` closes itself
SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str
    published: str
    url: str


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first kilobytes, if any."""
    match = CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def nesting(html: str) -> int:
    """How deep the page's elements nest, about as the parser will build them,
    in one pass over its tags that stops once past `MAX_DEPTH`.

    Counted on a stack of open names, with a count of each, so that an end tag
    closes its element and those above it, and a stray one (`</x>`), which the
    parser ignores, closes nothing: every tag is pushed and popped once.
    """
    stack: list[str] = []
    counts: dict[str, int] = {}
    close = 0  # the `>` that ends the last tag
    deepest = 0
    for match in TAG.finditer(html):
        if match.start() < close:
            continue  # inside the attributes of the tag before: no tag
        close = html.find(">", match.end()) % (len(html) + 1)  # no `>`: the end
        name = match.group(2).lower()
        if name in VOID or name in SELF_CLOSING:
            continue
        if match.group(1):
            while counts.get(name):
                popped = stack.pop()
                counts[popped] -= 1
                if popped == name:
                    break
            continue
        if html[close - 1] == "/" and any(counts.get(n) for n in FOREIGN):
            continue
        stack.append(name)
        counts[name] = counts.get(name, 0) + 1
        deepest = max(deepest, len(stack))
        if deepest > MAX_DEPTH:
            break
    return deepest


def node_text(node: LexborNode | None) -> str:
    if node is None:
        return ""
    return SPACES.sub(" ", node.text(deep=True, separator=" ")).strip()


def attribute(tree: LexborHTMLParser, selectors: tuple[str, ...], name: str) -> str:
    for selector in selectors:
        for node in tree.css(selector):
            value = node.attributes.get("datetime" if node.tag == "time" else name)
            if value and value.strip():
                return value.strip()
    return ""


def main_text(root: LexborNode) -> str:
    for node in root.css(BLOCKS):
        node.insert_before("\n\n")
        node.insert_after("\n\n")
    raw = root.text(deep=True, separator="")
    paragraphs = (SPACES.sub(" ", part).strip() for part in PARAGRAPH_BREAK.split(raw))
    return "\n\n".join(part for part in paragraphs if part)


def parse_page(html: str) -> Page:
    """The page's text and metadata; a page nested deeper than `MAX_DEPTH` is
    refused before parsing, as lexbor's time grows with depth times length."""
    if nesting(html) > MAX_DEPTH:
        raise NestedTooDeep(MAX_DEPTH)
    tree = LexborHTMLParser(html)
    title = node_text(tree.css_first("h1")) or node_text(tree.css_first("title"))
    published = attribute(tree, PUBLISHED_META, "content")
    url = attribute(tree, URL_META[:1], "href") or attribute(tree, URL_META[1:], "content")
    for node in tree.css(DROP):
        node.decompose()
    root = next((node for node in map(tree.css_first, ROOTS) if node is not None), tree.root)
    text = main_text(root) if root is not None else ""
    return Page(text=text, title=title, published=published, url=url)
