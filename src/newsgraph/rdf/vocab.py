"""Which class or property each extracted kind becomes (tables, not logic)."""

from __future__ import annotations

from rdflib import URIRef

from newsgraph.rdf.namespaces import NG, SCHEMA

ORG_CLASSES: dict[str, URIRef] = {
    "government": SCHEMA.GovernmentOrganization,
    "party": NG.PartyOrganization,
    "corporation": SCHEMA.Corporation,
    "hospital": SCHEMA.Hospital,
    "school": SCHEMA.EducationalOrganization,
    "media": SCHEMA.NewsMediaOrganization,
    "association": SCHEMA.NGO,
    "ngo": SCHEMA.NGO,
    "court": SCHEMA.GovernmentOrganization,
}

PLACE_CLASSES: dict[str, URIRef] = {
    "country": SCHEMA.Country,
    "province": NG.AdministrativeArea,
    "city": NG.AdministrativeArea,
    "county": NG.AdministrativeArea,
    "township": NG.AdministrativeArea,
    "village": NG.AdministrativeArea,
    "region": NG.Region,
    "zone": NG.Zone,
    "landmark": NG.Landmark,
    "natural": NG.NaturalPlace,
}

EVENT_CLASSES: dict[str, URIRef] = {
    "meeting": NG.Meeting,
    "conference": NG.Conference,
    "forum": NG.Forum,
    "training": NG.Training,
    "inspection": NG.Inspection,
    "ceremony": NG.Ceremony,
    "festival": SCHEMA.Festival,
    "launch": NG.Launch,
    "contest": NG.Contest,
    "campaign": NG.Campaign,
}

PARTICIPANT_PROPERTIES: dict[str, URIRef] = {
    "chairs": NG.chair,
    "attends": NG.participant,
    "speaks": NG.speaker,
    "accompanies": NG.accompanier,
    "leads": NG.leader,
}


def person_classes(subtype: str) -> list[URIRef]:
    """schema:Person, plus ng:Official or ng:Journalist."""
    extra = {"official": NG.Official, "journalist": NG.Journalist}.get(subtype)
    return [SCHEMA.Person, extra] if extra else [SCHEMA.Person]
