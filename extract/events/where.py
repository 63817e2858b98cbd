"""Where an event happened when its own sentence does not say.

A news agency's release opens with its dateline (`КАЗАНЬ, 9 марта.
/РИА-Регион/.`, `published.AGENCY`): the city it was filed from, which is
where the events it reports took place unless it names another. An event the
release reports (`status` `reported`) with no place of its own takes the
dateline's; one it announces or recalls does not, as it need not be there.
`location_from` says where a place comes from: `text` for the event's own
sentence, `dateline` for the dateline's city.
"""

from dataclasses import replace

from ..const import LOC, REPORTED
from ..published import AGENCY, DATELINE_CHARS
from ..records import Event, Mention, Sentence

DATELINE_SENTENCES = 3  # the title, and the body's first sentences, may hold it


def dateline_place(text: str, sentences: list[Sentence], mentions: list[Mention]) -> str:
    """The entity id of the place a dateline names, or '' where there is none.
    Read from the text, not a sentence: `Новосибирск. 12 ноября.` is two."""
    places = {m.start: m for m in mentions if m.type == LOC}
    for sentence in sentences[:DATELINE_SENTENCES]:
        match = AGENCY.match(text[sentence.start : sentence.start + DATELINE_CHARS])
        if match is not None:
            place = places.get(sentence.start + match.start("place"))
            return place.entity_id if place is not None else ""
    return ""


def placed(
    events: list[Event], text: str, sentences: list[Sentence], mentions: list[Mention]
) -> list[Event]:
    """The events with `location_from`, and the dateline's place for those it gives one."""
    dateline = dateline_place(text, sentences, mentions)
    found = []
    for event in events:
        if event.location_id:
            found.append(replace(event, location_from="text"))
        elif dateline and event.status == REPORTED:
            found.append(replace(event, location_id=dateline, location_from="dateline"))
        else:
            found.append(event)
    return found
