"""Musterstadt's Beirat: eight sessions in the first term, fourteen in the current one.

The sixth session of the current term lacked a quorum: its items were postponed to a
repeat session two weeks later (without a number of its own), quorate by the reduced rule.
"""

from __future__ import annotations

from teilhabe.council.demo.agenda import (
    CANCELLED,
    HELD,
    INVITED,
    OPENING,
    OTHER_BUSINESS,
    PLANNED,
    adopted,
    ahead,
    communications,
    decided,
    held,
    minutes,
    noted,
    postponed,
    rejected,
    topic,
    withdrawn,
)
from teilhabe.council.demo.specs import ItemSpec, MeetingSpec, Result
from teilhabe.council.demo.timeline import BEIRAT_TIME
from teilhabe.council.models import Consultation

C = Consultation.Role
VHS_REPORT = "Sprachkurse und Integrationskurse in Musterstadt: Bericht der Volkshochschule"


def beirat(
    key: str, number: int | None, state: str, items: tuple[ItemSpec, ...], **kw: str
) -> MeetingSpec:
    term = "wp1" if key.startswith("beirat-1-") else "wp2"
    kw.setdefault("location", "rathaus")
    return MeetingSpec(key, "beirat", number, state, BEIRAT_TIME, items, term=term, **kw)


CONSTITUENT_1 = (
    topic("Eröffnung der konstituierenden Sitzung durch die Oberbürgermeisterin"),
    noted("Verpflichtung der neu gewählten Mitglieder"),
    adopted(
        "Wahl der oder des Vorsitzenden",
        (10, 3, 2),
        "Frau Rosa Fernández wird zur Vorsitzenden des Beirats gewählt.",
    ),
    adopted(
        "Wahl der Stellvertretung im Vorsitz",
        (12, 1, 2),
        "Frau Dr. Leyla Aydın wird zur stellvertretenden Vorsitzenden gewählt.",
    ),
    adopted(
        "Geschäftsordnung des Beirats",
        (15, 0, 0),
        "Der Beirat gibt sich die Geschäftsordnung in der vorgelegten Fassung.",
    ),
    communications(),
    OTHER_BUSINESS,
)
CONSTITUENT_2 = (
    topic("Eröffnung der konstituierenden Sitzung durch die Oberbürgermeisterin"),
    noted("Verpflichtung der neu gewählten Mitglieder"),
    adopted(
        "Wahl der oder des Vorsitzenden",
        (11, 2, 2),
        "Frau Dr. Leyla Aydın wird zur Vorsitzenden des Beirats gewählt.",
    ),
    adopted(
        "Wahl der Stellvertretung im Vorsitz",
        (12, 1, 2),
        "Herr Mihail Popescu wird zum stellvertretenden Vorsitzenden gewählt.",
    ),
    adopted(
        "Geschäftsordnung des Beirats",
        (15, 0, 0),
        "Der Beirat bestätigt die Geschäftsordnung der vergangenen Wahlperiode.",
    ),
    communications(),
    OTHER_BUSINESS,
)

BEIRAT_TERM_1 = (
    beirat("beirat-1-1", 1, HELD, CONSTITUENT_1),
    beirat(
        "beirat-1-2",
        2,
        HELD,
        held(
            1,
            (13, 0, 1),
            adopted(
                "Antrag der Internationalen Liste: Integration als Querschnittsaufgabe",
                (13, 0, 1),
                "Der Beirat empfiehlt dem Stadtrat, sich den Empfehlungen der kommunalen "
                "Spitzenverbände zur kommunalen Integrationspolitik anzuschließen.",
                paper="p-recommendations",
            ),
        ),
    ),
    beirat(
        "beirat-1-3",
        3,
        CANCELLED,
        ahead(2, topic("Interkulturelle Woche: Planung")),
    ),
    beirat(
        "beirat-1-4",
        4,
        HELD,
        held(
            2,
            (11, 0, 1),
            noted(
                "Mehrsprachige Informationen zur Corona-Pandemie: Bericht der Fachstelle",
                paper="p-corona",
            ),
            nonpublic=(noted("Personalangelegenheit: Vertretung in der Geschäftsstelle"),),
        ),
        location="buergerhaus",
    ),
    beirat(
        "beirat-1-5",
        5,
        HELD,
        held(
            4,
            (12, 0, 2),
            decided(
                "Antrag der Liste Brücken bauen: Interkultureller Kalender der Stadt",
                "p-calendar",
                (12, 1, 1),
                "Der Beirat beschließt den Antrag.",
            ),
            adopted(
                "Organisatorische Vorgehensweise der Arbeitsgruppen des Beirats",
                (14, 0, 0),
                "Jede Arbeitsgruppe benennt eine Sprecherin oder einen Sprecher, trifft sich "
                "mindestens viermal im Jahr, auch per Videokonferenz, und berichtet dem "
                "Beirat schriftlich.",
            ),
        ),
    ),
    beirat(
        "beirat-1-6",
        6,
        HELD,
        held(
            5,
            (13, 0, 1),
            noted("Aufnahme von Geflüchteten aus der Ukraine", paper="p-ukraine"),
            nonpublic=(
                adopted(
                    "Vergabe: Dolmetschdienste für die Sitzungen des Beirats",
                    (13, 0, 0),
                    "Der Auftrag wird an den wirtschaftlichsten Anbieter vergeben.",
                ),
            ),
        ),
    ),
    beirat(
        "beirat-1-7",
        7,
        HELD,
        held(
            6,
            (14, 0, 0),
            decided(
                "Antrag der SPD-Fraktion im Beirat: Jährliche Einbürgerungsfeier der Stadt",
                "p-naturalisation",
                (14, 0, 1),
                "Der Beirat beschließt den Antrag und bittet die Oberbürgermeisterin um Umsetzung.",
            ),
        ),
    ),
    beirat(
        "beirat-1-8",
        8,
        HELD,
        held(
            7,
            (12, 0, 1),
            noted("Rückblick auf die Wahlperiode 2019–2024: Bericht der Vorsitzenden"),
            noted("Wahl des Beirats am 10.11.2024: Informationen der Wahlbehörde"),
        ),
    ),
)

BEIRAT_TERM_2 = (
    beirat("beirat-2-1", 1, HELD, CONSTITUENT_2),
    beirat(
        "beirat-2-2",
        2,
        HELD,
        held(
            1,
            (14, 0, 1),
            noted("Vorstellung der Fachstelle Migration und Integration und ihrer Angebote"),
            adopted(
                "Sitzungstermine für das kommende Jahr",
                (15, 0, 0),
                "Der Beirat beschließt die vorgelegten Sitzungstermine.",
            ),
        ),
    ),
    beirat(
        "beirat-2-3",
        3,
        HELD,
        held(
            2,
            (15, 0, 0),
            decided(
                "Verwendung der Haushaltsmittel des Beirats",
                "p-budget",
                (15, 0, 0),
                "Der Beirat beschließt die Verwendung der Haushaltsmittel wie vorgeschlagen.",
            ),
            nonpublic=(
                adopted(
                    "Vergabe: Dolmetschdienste für die Sitzungen des Beirats",
                    (14, 0, 0),
                    "Der Auftrag wird an den wirtschaftlichsten Anbieter vergeben.",
                ),
            ),
        ),
    ),
    beirat(
        "beirat-2-4",
        4,
        HELD,
        held(
            3,
            (13, 0, 2),
            noted("Interkulturelle Woche: Rückblick und Planung"),
            nonpublic=(
                noted("Personalangelegenheit: Besetzung der Stelle in der Geschäftsstelle"),
            ),
        ),
        location="buergerhaus",
    ),
    beirat(
        "beirat-2-5",
        5,
        HELD,
        held(
            4,
            (14, 0, 0),
            noted(
                "Anfrage der Liste Vielfalt: Wartezeiten bei der Ausländerbehörde",
                "Die Verwaltung beantwortet die Anfrage in der Sitzung: Auf einen Termin "
                "warten Antragstellende derzeit im Durchschnitt elf Wochen. Der Standort Am "
                "Güterbahnhof ist mit einer Buslinie im Stundentakt erreichbar. Die Antwort "
                "ist der Niederschrift beigefügt.",
                paper="p-waiting-times",
            ),
        ),
    ),
    beirat(
        "beirat-2-6",
        6,
        HELD,
        (
            noted(
                OPENING.name,
                "Die Vorsitzende stellt fest, dass nur sieben der fünfzehn stimmberechtigten "
                "Mitglieder anwesend sind. Der Beirat ist nicht beschlussfähig. Die "
                "Gegenstände der Tagesordnung werden vertagt; die Vorsitzende lädt zu einer "
                "erneuten Sitzung über dieselben Gegenstände ein.",
            ),
            postponed(minutes(5).name, "Vertagt wegen Beschlussunfähigkeit."),
            postponed(
                VHS_REPORT,
                "Vertagt wegen Beschlussunfähigkeit.",
            ),
            postponed("Mitteilungen", "Vertagt wegen Beschlussunfähigkeit."),
            OTHER_BUSINESS,
        ),
    ),
    beirat(
        "beirat-2-6w",
        None,
        HELD,
        (
            noted(
                OPENING.name,
                "Die Vorsitzende stellt fest, dass der Beirat zum zweiten Mal über dieselben "
                "Gegenstände einberufen ist und nach der Geschäftsordnung mit mindestens drei "
                "anwesenden Mitgliedern beschlussfähig ist; die Einladung hat darauf "
                "hingewiesen.",
            ),
            minutes(5, (5, 0, 1)),
            noted(VHS_REPORT),
            communications(),
        ),
        name="Erneute Sitzung nach Beschlussunfähigkeit (Wiederholung der 6. Sitzung)",
        repeat_of="beirat-2-6",
    ),
    beirat(
        "beirat-2-7",
        7,
        HELD,
        held(
            6,
            (12, 0, 2),
            adopted(
                "Genehmigung der Niederschrift über die erneute Sitzung (Wiederholung der 6. "
                "Sitzung)",
                (12, 0, 2),
                "Die Niederschrift über die erneute Sitzung wird genehmigt.",
            ),
            adopted(
                "Wahl der Delegierten zur Landesversammlung der Beiräte",
                (13, 0, 2),
                "Frau Dr. Leyla Aydın und Herr Emre Şahin werden als Delegierte gewählt.",
            ),
            noted("Einbürgerungsfeier im Rathaus: Rückblick"),
            withdrawn(
                "Antrag der Liste Vielfalt: Infostand des Beirats auf dem Wochenmarkt",
                "Die Liste Vielfalt zieht den Antrag zurück: Die Fachstelle stellt den "
                "Infostand der Stadt an zwei Markttagen für den Beirat zur Verfügung.",
            ),
        ),
    ),
    beirat(
        "beirat-2-8",
        8,
        HELD,
        held(
            7,
            (14, 0, 1),
            decided(
                "Antrag der SPD-Fraktion im Beirat: Bericht über das Beratungsangebot des "
                "Landes zu strategischen Integrationskonzepten",
                "p-speaker",
                (13, 0, 1),
                "Der Beirat beschließt den Antrag. Frau Julia Petersen (Kompass "
                "Organisationsberatung) wird zur 9. Sitzung am {beirat-2-9} eingeladen.",
            ),
        ),
    ),
    beirat(
        "beirat-2-9",
        9,
        HELD,
        held(
            8,
            (15, 0, 0),
            noted(
                "Bericht: Beratung von Kommunen zu strategischen Integrationskonzepten "
                "(Vortrag von Frau Julia Petersen, Kompass Organisationsberatung)",
                "Der Beirat nimmt den Bericht zur Kenntnis und bittet die Vorsitzende, für "
                "die nächste Sitzung die Einrichtung einer Arbeitsgruppe "
                "„Integrationskonzept 2.0“ vorzubereiten.",
                paper="p-speaker-report",
            ),
        ),
        location="buergerhaus",
    ),
    beirat(
        "beirat-2-10",
        10,
        HELD,
        held(
            9,
            (14, 0, 0),
            decided(
                "Einrichtung der Arbeitsgruppe „Integrationskonzept 2.0“",
                "p-found-ag",
                (14, 0, 1),
                "Der Beirat richtet die Arbeitsgruppe „Integrationskonzept 2.0“ ein. "
                "Mitglieder: Herr Tomasz Wiśniewski (Sprecher), Frau Fatma Demir, Frau "
                "Samira Haddad, Frau Chiara Russo.",
            ),
            rejected(
                "Antrag von Herrn Ibrahim Diallo und Frau Marta Nowak: Sitzungen des Beirats "
                "am Samstagvormittag",
                "p-saturday",
                (4, 9, 1),
                "Der Beirat lehnt den Antrag ab. Die Sitzungen beginnen weiterhin um 18 Uhr.",
            ),
            nonpublic=(noted("Personalangelegenheit: Vertretung in der Geschäftsstelle"),),
        ),
    ),
    beirat(
        "beirat-2-11",
        11,
        HELD,
        held(
            10,
            (13, 0, 1),
            noted("Interkulturelle Woche: Programm"),
            nonpublic=(
                decided(
                    "Zwischenbericht der AG „Integrationskonzept 2.0“ mit Beschlussfassung",
                    "p-interim-report",
                    (12, 0, 2),
                    "Der Beirat stimmt den priorisierten Zielen I (Verlagerung der "
                    "Ausländerbehörde ins Zentrum) und II (Teilhabe im Beirat fördern) und "
                    "den vorgeschlagenen Maßnahmen zu. Die AG „Integrationskonzept 2.0“ "
                    "wird beauftragt, die Anträge an den Stadtrat auszuarbeiten.",
                ),
            ),
        ),
    ),
    beirat(
        "beirat-2-12",
        12,
        HELD,
        held(
            11,
            (14, 0, 1),
            adopted(
                "Antrag an den Stadtrat: Verlagerung der Ausländerbehörde in die Innenstadt",
                (14, 0, 1),
                "Der Beirat beschließt den Antrag und verweist ihn zur Entscheidung an den "
                "Stadtrat.",
                paper="p-authority",
            ),
            ItemSpec(
                "Antrag der Liste Vielfalt: Mehrsprachige Informationen auf der Website der Stadt",
                result=Result.REFERRED,
                resolution=(
                    "Der Antrag wird zur Vorberatung an die AG „Integrationskonzept 2.0“ verwiesen."
                ),
                votes=(13, 0, 2),
                paper="p-website",
            ),
        ),
    ),
    beirat(
        "beirat-2-13",
        13,
        INVITED,
        ahead(
            12,
            topic("Beschluss des Stadtrats zur Verlagerung der Ausländerbehörde: Bericht"),
            topic(
                "Antrag an den Stadtrat: Beratung und Unterstützung des Beirats durch die "
                "Geschäftsstelle",
                paper="p-support",
            ),
            topic(
                "Antrag der Internationalen Liste: Dolmetschpool für Elterngespräche in Kitas "
                "und Schulen (verspätet eingegangen)",
                paper="p-interpreters",
                role=C.DECIDE,
                authoritative=True,
            ),
            topic("Schulung „Sitzungsordnung“: Terminabstimmung"),
            nonpublic=("Vergabe: Verlängerung des Vertrags für Dolmetschdienste",),
        ),
    ),
    beirat(
        "beirat-2-14",
        14,
        PLANNED,
        ahead(13, topic("Haushaltsmittel des Beirats im kommenden Jahr")),
        location="buergerhaus",
    ),
)
