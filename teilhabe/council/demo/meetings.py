"""Musterstadt's sessions: the Beirat's, its AG's (mostly by video) and the Stadtrat's."""

from __future__ import annotations

from teilhabe.council.demo.agenda import (
    HELD,
    OPENING,
    OTHER_BUSINESS,
    PLANNED,
    adopted,
    communications,
    decided,
    minutes,
    noted,
    topic,
)
from teilhabe.council.demo.beirat_sessions import BEIRAT_TERM_1, BEIRAT_TERM_2
from teilhabe.council.demo.specs import ItemSpec, MeetingSpec
from teilhabe.council.demo.timeline import AG_TIME, STADTRAT_TIME

VIDEO_ROOM = "https://video.musterstadt.example/ag-integrationskonzept"


def ag(key: str, number: int, state: str, items: tuple[ItemSpec, ...], **kw: str) -> MeetingSpec:
    if "location" not in kw:
        kw["video_conference_url"] = VIDEO_ROOM
    return MeetingSpec(key, "ag", number, state, AG_TIME, items, term="wp2", **kw)


AG = (
    ag(
        "ag-2-1",
        1,
        HELD,
        (
            topic("Begrüßung und Vorstellungsrunde"),
            adopted(
                "Arbeitsweise der AG nach der organisatorischen Vorgehensweise der Arbeitsgruppen",
                (4, 0, 0),
                "Die AG arbeitet nach der Vorgehensweise, die der Beirat für seine "
                "Arbeitsgruppen beschlossen hat, und trifft sich in der Regel per "
                "Videokonferenz.",
            ),
            noted("Beratung durch die städtische Beauftragte für Migration und Integration"),
            noted("Sammlung der Themen für das Integrationskonzept 2.0"),
            OTHER_BUSINESS,
        ),
        location="stadthaus",
    ),
    ag(
        "ag-2-2",
        2,
        HELD,
        (
            noted("Begrüßung von Herrn Yusuf Abdi als sachkundigem Einwohner"),
            noted(
                "Erneute Beratung durch die städtische Beauftragte für Migration und Integration"
            ),
            adopted(
                "Priorisierung der Ziele und Maßnahmen; Entwurf des Zwischenberichts an den Beirat",
                (5, 0, 0),
                "Die AG schlägt dem Beirat die Ziele I und II mit ihren Maßnahmen zur "
                "Abstimmung vor.",
                public=False,
            ),
            OTHER_BUSINESS,
        ),
    ),
    ag(
        "ag-2-3",
        3,
        HELD,
        (
            minutes(2, (5, 0, 0)),
            adopted(
                "Antrag an den Stadtrat: Verlagerung der Ausländerbehörde in die Innenstadt",
                (5, 0, 0),
                "Die AG empfiehlt dem Beirat, den Antrag in der vorliegenden Fassung zu "
                "beschließen.",
                paper="p-authority",
            ),
            adopted(
                "Antrag an den Stadtrat: Beratung und Unterstützung des Beirats durch die "
                "Geschäftsstelle",
                (5, 0, 0),
                "Die AG empfiehlt dem Beirat, den Antrag in der vorliegenden Fassung zu "
                "beschließen.",
                paper="p-support",
            ),
            OTHER_BUSINESS,
        ),
    ),
    ag(
        "ag-2-4",
        4,
        PLANNED,
        (
            minutes(3),
            topic(
                "Antrag der Liste Vielfalt: Mehrsprachige Informationen auf der Website der Stadt",
                paper="p-website",
            ),
            topic("Planung der Schulungen „Sitzungsordnung“ und „Ich und meine Rolle im Beirat“"),
            OTHER_BUSINESS,
        ),
    ),
)


def stadtrat(key: str, number: int, state: str, items: tuple[ItemSpec, ...]) -> MeetingSpec:
    term = "wp1" if key.startswith("stadtrat-1-") else "wp2"
    return MeetingSpec(
        key, "stadtrat", number, state, STADTRAT_TIME, items, term=term, location="rathaus"
    )


QUESTION_TIME = noted("Einwohnerfragestunde")

STADTRAT = (
    stadtrat(
        "stadtrat-1-4",
        4,
        HELD,
        (
            OPENING,
            QUESTION_TIME,
            decided(
                "Empfehlungen der kommunalen Spitzenverbände zur kommunalen "
                "Integrationspolitik (Antrag aus dem Beirat für Migration und Integration)",
                "p-recommendations",
                (35, 4, 3),
                "Die Stadt Musterstadt schließt sich den Empfehlungen der kommunalen "
                "Spitzenverbände zur kommunalen Integrationspolitik an.",
            ),
            communications(),
            adopted(
                "Grundstücksangelegenheit: Erwerb einer Teilfläche in der Nordstadt",
                (38, 0, 2),
                "Der Stadtrat stimmt dem Erwerb zu.",
                public=False,
            ),
        ),
    ),
    stadtrat(
        "stadtrat-2-18",
        18,
        HELD,
        (
            OPENING,
            QUESTION_TIME,
            minutes(17, (38, 0, 3)),
            decided(
                "Antrag des Beirats für Migration und Integration: Verlagerung der "
                "Ausländerbehörde in die Innenstadt",
                "p-authority",
                (29, 8, 5),
                "Der Stadtrat beauftragt die Verwaltung, die Verlagerung der Ausländerbehörde "
                "an einen zentral gelegenen, barrierefreien und mit Bus und Bahn gut "
                "erreichbaren Standort zu prüfen und dem Stadtrat innerhalb von sechs Monaten "
                "geeignete Standorte mit Kosten und Zeitplan vorzulegen.",
            ),
            communications(),
            adopted(
                "Vergabe: Reinigungsleistungen für städtische Gebäude",
                (40, 0, 1),
                "Der Auftrag wird an den wirtschaftlichsten Anbieter vergeben.",
                public=False,
            ),
        ),
    ),
    stadtrat(
        "stadtrat-2-19",
        19,
        PLANNED,
        (
            OPENING,
            topic("Einwohnerfragestunde"),
            minutes(18),
            topic("Haushaltssatzung und Haushaltsplan für das kommende Jahr: Einbringung"),
            communications(held=False),
            topic("Grundstücksangelegenheit", public=False),
        ),
    ),
)

MEETINGS = (*BEIRAT_TERM_1, *BEIRAT_TERM_2, *AG, *STADTRAT)
