"""The readable text of a release page, without navigation and scripts.

A ministry page wraps one article in menus, banners and footers. Where the page
marks its article (the first `<article>`, `<main>` or `[role=main]`), that is
the text: chrome elements inside it are dropped, every block element becomes
its own paragraph, runs of white space (non-breaking spaces too) become one
space, and the paragraphs are joined by blank lines so that the text reads like
a `.txt` release. A page that marks none (the div layouts of most CMSs) and
carries menus (`LINKED_PAGE` links or more) is read by trafilatura, which tells
an article's paragraphs from menus, sidebars and footers by their text and link
density; its paragraphs are joined the same way.

The page's whole visible text (`Page.visible`, chrome included) is kept apart:
the date line under the title and the site's header date are read there
(`extract.published`). Nothing is fetched and no script runs.
"""

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import NestedTooDeep

SCRIPTS = "script, style, noscript, template, svg"
DROP = "nav, header, footer, aside, form, iframe, button"
ROOTS = ("article", "main", "[role=main]")
# Links on a page that marks no article, from which its menus and side lists are
# told apart by trafilatura; a page with fewer is read whole, as a short page is
# often all article and trafilatura drops its short paragraphs.
LINKED_PAGE = 10
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
SITE_SUFFIX = re.compile(r"\s+[-|—–]\s+")
SITE_WORDS = 3  # words of a site's name after its pages' titles


@dataclass(frozen=True, slots=True)
class Page:
    text: str  # the release's own text
    title: str
    published: str  # the date the page's metadata gives, as written there
    url: str
    marked: str  # the date htmldate finds in the markup of a page without metadata
    visible: str  # every block of the page's body, chrome included


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


def page_title(tree: LexborHTMLParser) -> str:
    """The `<title>` without the site's name after it (`Встреча ... - НордИнформ`):
    the part after the last ` - `, ` | ` or ` — ` when it is the site's name
    (`og:site_name`) or a short name after a longer title."""
    title = node_text(tree.css_first("title"))
    site = tree.css_first('meta[property="og:site_name"]')
    name = (site.attributes.get("content") or "").strip() if site is not None else ""
    cuts = list(SITE_SUFFIX.finditer(title))
    if not cuts:
        return title
    head, last = title[: cuts[-1].start()].strip(), title[cuts[-1].end() :].strip()
    if (name and last == name) or len(last.split()) <= SITE_WORDS < len(head.split()):
        return head
    return title


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


def article_text(html: str) -> str:
    """The article trafilatura finds in a page that does not mark it, paragraphs
    joined by blank lines; '' when it finds none."""
    import trafilatura  # a few hundred milliseconds to import: only pages without an article

    found = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    return "\n\n".join(line.strip() for line in (found or "").splitlines() if line.strip())


def metadata_date(html: str) -> str:
    """The publication date the page's markup gives (htmldate, without reading the
    text, whose dates may be a sidebar's or the day the page was saved)."""
    import htmldate

    return htmldate.find_date(html, extensive_search=False, original_date=True) or ""


def parse_page(html: str) -> Page:
    """The page's text and metadata; a page nested deeper than `MAX_DEPTH` is
    refused before parsing, as lexbor's time grows with depth times length."""
    if nesting(html) > MAX_DEPTH:
        raise NestedTooDeep(MAX_DEPTH)
    tree = LexborHTMLParser(html)
    title = node_text(tree.css_first("h1")) or page_title(tree)
    published = attribute(tree, PUBLISHED_META, "content")
    url = attribute(tree, URL_META[:1], "href") or attribute(tree, URL_META[1:], "content")
    for node in tree.css(SCRIPTS):
        node.decompose()
    body = tree.body or tree.root
    visible = main_text(body) if body is not None else ""  # its blocks then stay set apart
    marked = next((node for node in map(tree.css_first, ROOTS) if node is not None), None)
    linked = len(tree.css("a")) >= LINKED_PAGE
    text = article_text(html) if marked is None and linked else ""
    dated = metadata_date(html) if marked is None and linked and not published else ""
    if not text:
        for node in tree.css(DROP):
            node.decompose()
        root = marked or tree.body or tree.root
        text = main_text(root) if root is not None else ""
    return Page(text=text, title=title, published=published, url=url, marked=dated, visible=visible)
