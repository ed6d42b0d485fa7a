"""Word pools for the benchmark dataset: fictional places, diverse names, plausible topics.

Everything here is invented; no record names a real council or a real person.
"""

from __future__ import annotations

# 10 x 5 fictional town names; more bodies than 50 get a number appended.
PLACE_STEMS = [
    "Linden",
    "Eichen",
    "Buchen",
    "Birken",
    "Ahorn",
    "Ulmen",
    "Erlen",
    "Tannen",
    "Weiden",
    "Eschen",
]
PLACE_ENDINGS = ["au", "feld", "heim", "bach", "berg"]

DISTRICTS = [
    "Altstadt",
    "Nordstadt",
    "Südstadt",
    "Weststadt",
    "Oststadt",
    "Bahnhofsviertel",
    "Neubaugebiet Am Hang",
    "Hafenviertel",
    "Gartenstadt",
    "Innenstadt",
]

GIVEN_NAMES = [
    "Anna", "Ahmet", "Ayşe", "Ali", "Fatma", "Mehmet", "Olena", "Oleksandr", "Irina",
    "Sergej", "Natalia", "Dmitri", "Yasmin", "Omar", "Layla", "Karim", "Maria", "Giuseppe",
    "Eleni", "Nikos", "Agnieszka", "Piotr", "Ana", "Jovan", "Amina", "Samuel", "Fatou",
    "Kofi", "Thi Lan", "Minh", "Julia", "Thomas", "Sabine", "Michael", "Katharina",
    "Stefan", "Petra", "Andreas", "Leonie", "Jonas", "Emine", "Hüseyin", "Zeynep",
    "Mustafa", "Rania", "Yusuf", "Hanna", "Lukas", "Miriam", "Tobias",
]  # fmt: skip

FAMILY_NAMES = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Kovalenko", "Shevchenko",
    "Bondarenko", "Ivanova", "Petrov", "Smirnov", "Haddad", "Al-Masri", "Nasser", "Khalil",
    "Rossi", "Esposito", "Papadopoulos", "Georgiou", "Kowalski", "Nowak", "Wiśniewska",
    "Popović", "Jovanović", "Diallo", "Mensah", "Nguyen", "Tran", "Müller", "Schmidt",
    "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer",
    "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hofmann", "Hartmann",
]  # fmt: skip

TITLES = ["", "", "", "", "", "", "", "", "Dr.", "Prof. Dr."]

LOCATIONS = [
    ("Rathaus, Großer Sitzungssaal", "Marktplatz 1", "Sitzungssaal"),
    ("Rathaus, Kleiner Sitzungssaal", "Marktplatz 1", "Raum 104"),
    ("Bürgerhaus", "Schulstraße 12", "Saal"),
    ("Haus der Kulturen", "Lindenallee 5", "Raum 2"),
    ("Stadtbibliothek", "Am Bahnhof 3", "Veranstaltungsraum"),
]

LISTS = [
    "Liste Internationale Gemeinschaft",
    "Liste Vielfalt verbindet",
    "Liste Gemeinsam für Teilhabe",
]
FACTIONS = [
    "Fraktion Bürgerliste",
    "Fraktion Grüne Liste",
    "Fraktion Soziale Mitte",
    "Fraktion Freie Wähler",
]
WORKING_GROUPS = [
    "AG Bildung und Sprache",
    "AG Arbeit und Ausbildung",
    "AG Wohnen und Quartier",
    "AG Gesundheit und Soziales",
]

TOPICS = [
    "Einrichtung eines Sprachcafés in der {district}",
    "Ausbau der Integrationskurse mit Kinderbetreuung",
    "Mehrsprachige Informationen zur Einschulung",
    "Interkulturelle Öffnung der Stadtverwaltung",
    "Förderung von Migrantenorganisationen {year}",
    "Sprachmittlerpool für Arztbesuche und Behördengänge",
    "Bezahlbarer Wohnraum für Geflüchtete in der {district}",
    "Anerkennung ausländischer Berufsabschlüsse – Beratungsangebot",
    "Integrationskonferenz {year}",
    "Fortschreibung des Integrationskonzepts",
    "Zwischenbericht zum Handlungsfeld Bildung",
    "Ausbildungspatenschaften für junge Zugewanderte",
    "Begegnungsfest in der {district}",
    "Schulungen zu Antidiskriminierung für Vereine",
    "Barrierefreie und mehrsprachige Website der Stadt",
    "Stadtteilmütter-Projekt in der {district}",
    "Haushaltsmittel für Integrationsprojekte {year}",
    "Ehrenamtliche Lernpatenschaften an Grundschulen",
    "Gesundheitslotsinnen und -lotsen für Zugewanderte",
    "Wahlbeteiligung bei der Beiratswahl erhöhen",
    "Gedenkveranstaltung gegen Rassismus",
    "Beratungsstelle für Arbeitsmigration",
    "Übergang Schule–Beruf: Mentoring-Programm",
    "Frauentreff in der {district}",
    "Monitoring der Integration: Daten {year}",
]

SENTENCES = [
    "Der Beirat bittet die Verwaltung, bis zur nächsten Sitzung ein Konzept vorzulegen.",
    "Die Kosten werden aus den Haushaltsmitteln für Integration gedeckt.",
    "Viele Familien erreichen die bestehenden Angebote bisher nicht.",
    "Die Arbeitsgruppe hat das Vorhaben in drei Sitzungen beraten.",
    "Träger der freien Wohlfahrtspflege haben ihre Unterstützung zugesagt.",
    "Eine Befragung im Stadtteil hat den Bedarf deutlich gezeigt.",
    "Das Angebot soll zunächst für zwei Jahre erprobt und dann ausgewertet werden.",
    "Die Maßnahme ist Teil des Handlungsfelds Bildung im Integrationskonzept.",
    "Die Verwaltung berichtet jährlich im Beirat über den Stand der Umsetzung.",
    "Ehrenamtliche aus den Migrantenorganisationen wirken mit.",
    "Die Informationen sollen in leichter Sprache und in sechs Sprachen erscheinen.",
    "Vergleichbare Städte haben mit diesem Ansatz gute Erfahrungen gemacht.",
    "Die Förderung durch das Land ist beantragt.",
    "Der Stadtrat wird gebeten, die erforderlichen Mittel bereitzustellen.",
]

OPENING_ITEMS = [
    "Eröffnung, Begrüßung und Feststellung der Beschlussfähigkeit",
    "Genehmigung der Niederschrift der letzten Sitzung",
]
PUBLIC_FILLERS = [
    "Mitteilungen und Anfragen",
    "Bericht der Verwaltung",
    "Berichte aus den Arbeitsgruppen",
    "Sachstand Integrationskonzept",
    "Verschiedenes",
    "Termine und Veranstaltungen",
]
NONPUBLIC_FILLERS = [
    "Personalangelegenheiten",
    "Grundstücksangelegenheit",
    "Vergabe von Zuschüssen an Vereine",
    "Vertragsangelegenheit",
]
