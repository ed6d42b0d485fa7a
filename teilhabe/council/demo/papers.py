"""Musterstadt's papers (Drucksachen): motions, a question, reports, draft resolutions.

Two stories run through them. In the current term the SPD group asks the Beirat to hear a
consultant on the state's advisory programme for integration concepts (citing a resolution
of the first term); her report leads to the AG „Integrationskonzept 2.0“, whose interim
report the Beirat adopts in a non-public item of its 11th session; the AG then drafts the
motion to move the foreigners' authority to the city centre, which goes through the Beirat
to the Stadtrat.
"""

from __future__ import annotations

from teilhabe.council.demo.specs import PaperSpec, PendingConsultation
from teilhabe.council.models import Consultation, Paper

T = Paper.Type
C = Consultation.Role

CONSULTANT = "Frau Julia Petersen von der Kompass Organisationsberatung"
PROGRAMME = (
    "Programm „Vielfalt gestaltet Zukunft“, Unterprogramm „Beratung von Kommunen zur "
    "Entwicklung und Umsetzung strategischer Integrationskonzepte“"
)

RECOMMENDATIONS = PaperSpec(
    "p-recommendations",
    "Antrag der Internationalen Liste: Integration als Querschnittsaufgabe – Anschluss an "
    "die Empfehlungen der kommunalen Spitzenverbände",
    T.MOTION,
    "beirat-1-2",
    offset_days=-28,
    originator_organizations=("il",),
    originator_persons=("wisniewski",),
    proposed_resolution=(
        "Der Beirat für Migration und Integration empfiehlt dem Stadtrat zu beschließen:\n\n"
        "Die Stadt Musterstadt schließt sich den Empfehlungen der kommunalen "
        "Spitzenverbände zur kommunalen Integrationspolitik an. Sie misst der Integration "
        "eine hohe kommunalpolitische Bedeutung bei, verankert Integration als "
        "ressortübergreifende Aufgabe in der Verwaltung und entwickelt eine Gesamtstrategie, "
        "die den örtlichen Bedürfnissen angepasst ist und regelmäßig fortgeschrieben wird."
    ),
    justification=(
        "Die Empfehlungen richten sich an alle Mitgliedskommunen der Spitzenverbände. Damit "
        "sie Wirklichkeit werden, muss jede Stadt sie aufgreifen und nach ihrer örtlichen "
        "Situation umsetzen. Ein Beschluss des Stadtrats macht deutlich, dass Integration "
        "in Musterstadt eine Aufgabe der ganzen Verwaltung ist."
    ),
)

SPEAKER_MOTION = PaperSpec(
    "p-speaker",
    "Antrag der SPD-Fraktion im Beirat für die Sitzung am {beirat-2-8}: Bericht über das "
    "Beratungsangebot des Landes zu strategischen Integrationskonzepten",
    T.MOTION,
    "beirat-2-8",
    offset_days=-35,
    originator_organizations=("spd",),
    originator_persons=("sahin",),
    proposed_resolution=(
        "Der Beirat für Migration und Integration der Stadt Musterstadt lädt zur nächsten "
        "Sitzung am {beirat-2-9} " + CONSULTANT + " zu einer ausführlichen "
        "Berichterstattung über das kostenfreie Angebot des Landes ein: " + PROGRAMME + "."
    ),
    justification=(
        "Die Stadt ist bereits Aktionspartnerin der Landesinitiative „Vielfalt "
        "gestaltet Zukunft“ und hat sich damit verpflichtet, die strukturelle "
        "Integrationsarbeit aktiv zu befördern.\n\n"
        "Der Beirat hat am {beirat-1-2} und in der Folge der Stadtrat am {stadtrat-1-4} mit "
        "deutlicher Mehrheit beschlossen, sich den Empfehlungen der kommunalen "
        "Spitzenverbände anzuschließen (Drucksache {ref:p-recommendations}). Danach soll "
        "die Stadt Integration als ressortübergreifende Aufgabe verankern und eine "
        "Gesamtstrategie entwickeln und fortschreiben, die den örtlichen Bedürfnissen "
        "angepasst ist.\n\n"
        "Da es sich hierbei um komplexe, aufwändige und ambitionierte Aufgaben handelt, "
        "stellt das Land kostenlos fachliche Beratung zur Verfügung. Um sich im Beirat eine "
        "Meinung zu diesem Angebot bilden zu können, soll die angebotene Dienstleistung im "
        "Beirat ausführlich dargestellt werden.\n\n"
        "Zum Angebot (aus dem Informationsblatt des Programms): Städte und Gemeinden sind die "
        "Orte des alltäglichen Zusammenlebens. Für die soziale, wirtschaftliche und "
        "kulturelle Integration von Zugewanderten sind sie von zentraler Bedeutung. Viele "
        "Kommunen im Land richten ihre Integrationspolitik deshalb konzeptionell neu und "
        "strategisch aus. Das Land unterstützt sie dabei mit einem kostenfreien "
        "Beratungsangebot, umgesetzt von der Landesarbeitsgemeinschaft der Beiräte und der "
        "Kompass Organisationsberatung."
    ),
    related=("p-recommendations",),
)

SPEAKER_REPORT = PaperSpec(
    "p-speaker-report",
    "Bericht: Beratung von Kommunen zu strategischen Integrationskonzepten – Vortrag von "
    "Frau Julia Petersen, Kompass Organisationsberatung",
    T.REPORT,
    "beirat-2-9",
    offset_days=-7,
    originator_organizations=("fachstelle",),
    originator_persons=("hartmann",),
    proposed_resolution="Der Beirat nimmt den Bericht zur Kenntnis.",
    justification=(
        "Auf Einladung des Beirats (Beschluss vom {beirat-2-8}, Drucksache {ref:p-speaker}) "
        "stellt " + CONSULTANT + " das " + PROGRAMME + " vor.\n\n"
        "Die Beratung ist für die Stadt kostenfrei und dauert in der Regel zwei Jahre. Sie "
        "folgt vier Schritten: eine Bestandsaufnahme („Wer wohnt wo und mit welchem "
        "Hintergrund?“), die Beteiligung der Menschen in den Quartieren, die Ausarbeitung von "
        "Zielen und Maßnahmen in Arbeitsgruppen und der Beschluss durch Beirat und Stadtrat. "
        "Die Stadt benennt dafür eine Ansprechperson in der Fachstelle Migration und "
        "Integration."
    ),
    related=("p-speaker",),
)

FOUND_AG = PaperSpec(
    "p-found-ag",
    "Beschlussvorlage: Einrichtung der Arbeitsgruppe „Integrationskonzept 2.0“",
    T.DRAFT_RESOLUTION,
    "beirat-2-10",
    offset_days=-14,
    originator_organizations=("beirat",),
    originator_persons=("aydin",),
    proposed_resolution=(
        "Der Beirat richtet die Arbeitsgruppe „Integrationskonzept 2.0“ ein. Sie erarbeitet "
        "Vorschläge zur Fortschreibung des Integrationskonzepts, priorisiert Ziele und "
        "Maßnahmen und berichtet dem Beirat. Mitglieder sind Herr Tomasz Wiśniewski "
        "(Sprecher), Frau Fatma Demir, Frau Samira Haddad und Frau Chiara Russo; sachkundige "
        "Einwohnerinnen und Einwohner können hinzukommen. Die Fachstelle Migration und "
        "Integration unterstützt die AG organisatorisch und technisch, auch bei Sitzungen "
        "per Videokonferenz."
    ),
    justification=(
        "Das Integrationskonzept der Stadt aus dem Jahr 2011 beruht auf den Verhältnissen "
        "von 2010. Der Bericht in der 9. Sitzung am {beirat-2-9} (Drucksache "
        "{ref:p-speaker-report}) hat gezeigt, wie eine Fortschreibung gelingen kann. Eine "
        "Arbeitsgruppe kann sie gründlicher vorbereiten, als es in den Sitzungen des "
        "Beirats möglich ist."
    ),
    related=("p-speaker-report",),
)

INTERIM_REPORT = PaperSpec(
    "p-interim-report",
    "Zwischenbericht der AG „Integrationskonzept 2.0“ mit Beschlussfassung",
    T.REPORT,
    "ag-2-2",
    offset_days=2,
    public=False,
    originator_organizations=("ag",),
    originator_persons=("wisniewski",),
    proposed_resolution=(
        "Der Beirat für Migration und Integration stimmt den von der Arbeitsgruppe "
        "priorisierten Zielen I und II und den dazu vorgeschlagenen Maßnahmen zu."
    ),
    justification=(
        "Die Arbeitsgruppe hat sich am {ag-2-2} per Videokonferenz mit technischer "
        "Unterstützung der Fachstelle Migration und Integration zum zweiten Mal getroffen.\n\n"
        "Herr Abdi hat sich der AG angeschlossen. Die AG besteht aktuell aus fünf "
        "Mitgliedern: vier Beiratsmitgliedern und einem sachkundigen Einwohner.\n\n"
        "Auf Wunsch der Arbeitsgruppe wurde das Gremium in seiner 2. Sitzung von der "
        "städtischen Beauftragten für Migration und Integration in organisatorischen und "
        "inhaltlichen Fragen erneut beraten.\n\n"
        "Die AG orientiert sich an der organisatorischen Vorgehensweise der Arbeitsgruppen, "
        "die der Beirat bereits in der vergangenen Wahlperiode abgestimmt hat.\n\n"
        "Die Arbeitsgruppe „Integrationskonzept 2.0“ hat folgende Ziele und Maßnahmen im "
        "ersten Schritt priorisiert und schlägt sie dem Beirat für Migration und Integration "
        "zur Abstimmung vor.\n\n"
        "I.\n\n"
        "Ziel: Der Standort der Abteilung „Ausländerbehörde“ der Stadtverwaltung Musterstadt "
        "soll ins Zentrum verlagert werden.\n\n"
        "Begründung: Die Behörde muss für jeden auf kurzem Weg erreichbar sein und gehört "
        "somit in den Mittelpunkt der Stadt.\n\n"
        "Maßnahme: Der Beirat stellt den Antrag mit Begründung an den Stadtrat. Die "
        "Ausarbeitung des Antrages erfolgt durch die AG „Integrationskonzept 2.0“ und wird "
        "dem Beirat in der Folgesitzung zur Abstimmung vorgelegt.\n\n"
        "II.\n\n"
        "Ziel: Die gesellschaftliche und politische Teilhabe von Menschen mit "
        "Migrationsgeschichte soll im ersten Schritt im Beirat für Migration und Integration "
        "gefördert werden.\n\n"
        "Begründung: Der Beirat ist die erste „Schule“, in der Menschen mit "
        "Migrationsgeschichte Kenntnisse über die kommunale Politik und über Strukturen und "
        "Abläufe der Verwaltung erwerben können. Erst dann können sie als Multiplikatorinnen "
        "und Multiplikatoren Informationen dazu an andere Menschen mit Migrationsgeschichte "
        "weitergeben. In einem zweiten Schritt können Beiratsmitglieder in Gesprächen mit "
        "Vertreterinnen und Vertretern der Migrantenorganisationen das Interesse an Teilhabe "
        "in Erfahrung bringen. Eine Vorbereitung dazu ist sinnvoll und notwendig.\n\n"
        "Maßnahmen:\n\n"
        "- Sitzungsordnung – Schulung für den Beirat für Migration und Integration. "
        "Organisator und Referent: Geschäftsstelle des Beirats. Die Anfrage bei der "
        "Geschäftsstelle erfolgt über die AG „Integrationskonzept 2.0“.\n"
        "- Ich und meine Rolle im Beirat – Schulung für den Beirat für Migration und "
        "Integration. Organisator: Geschäftsstelle des Beirats; Referent: N.N. Die Anfrage "
        "bei der Geschäftsstelle erfolgt über die AG „Integrationskonzept 2.0“.\n"
        "- Der Beirat stellt den Antrag mit Begründung an den Stadtrat zur umfassenden "
        "Beratung und Unterstützung des Vorstandes und des Gremiums „Beirat für Migration "
        "und Integration“ durch die Geschäftsstelle bei verwaltungstechnischen und "
        "organisatorischen Fragen, bei Fragen der Gremienarbeit und bei anderen für die "
        "Arbeit des Beirats wichtigen Fragen.\n\n"
        "Die Ausarbeitung des Antrages erfolgt über die AG „Integrationskonzept 2.0“ und "
        "wird dem Beirat zur Abstimmung vorgelegt."
    ),
    related=("p-found-ag",),
)

WAITING_TIMES = PaperSpec(
    "p-waiting-times",
    "Anfrage der Liste Vielfalt: Wartezeiten bei der Ausländerbehörde",
    T.QUESTION,
    "beirat-2-5",
    offset_days=-21,
    originator_organizations=("lv",),
    originator_persons=("haddad",),
    justification=(
        "Wir bitten die Verwaltung um Auskunft:\n"
        "1. Wie lange warten Antragstellende derzeit auf einen Termin bei der "
        "Ausländerbehörde?\n"
        "2. Wie gut ist der Standort der Ausländerbehörde mit Bus und Bahn zu erreichen?\n"
        "3. Welche Möglichkeiten sieht die Verwaltung, Wartezeiten und Wege zu verkürzen?"
    ),
)

AUTHORITY_MOTION = PaperSpec(
    "p-authority",
    "Antrag des Beirats für Migration und Integration an den Stadtrat: Verlagerung der "
    "Ausländerbehörde in die Innenstadt",
    T.MOTION,
    "ag-2-3",
    offset_days=-7,
    originator_organizations=("beirat",),
    originator_persons=("aydin",),
    proposed_resolution=(
        "Der Stadtrat beauftragt die Verwaltung, die Abteilung „Ausländerbehörde“ an einen "
        "Standort im Stadtzentrum zu verlagern, der barrierefrei und mit Bus und Bahn gut "
        "erreichbar ist, und dem Stadtrat dazu geeignete Standorte mit Kosten und Zeitplan "
        "vorzulegen."
    ),
    justification=(
        "Für viele Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit ist die "
        "Ausländerbehörde die wichtigste Stelle der Stadtverwaltung: Aufenthaltstitel, "
        "Verlängerungen, Einbürgerung. Sie muss für jeden auf kurzem Weg erreichbar sein und "
        "gehört somit in den Mittelpunkt der Stadt.\n\n"
        "Der heutige Standort im Gewerbegebiet Am Güterbahnhof ist nur mit einer Buslinie im "
        "Stundentakt zu erreichen. Familien mit Kindern, ältere Menschen und Menschen mit "
        "Behinderungen brauchen für einen Termin oft einen halben Tag. Die Antwort auf die "
        "Anfrage der Liste Vielfalt (Drucksache {ref:p-waiting-times}) hat zudem lange "
        "Wartezeiten gezeigt.\n\n"
        "Der Antrag wurde von der AG „Integrationskonzept 2.0“ ausgearbeitet."
    ),
    related=("p-interim-report", "p-waiting-times"),
)

SUPPORT_MOTION = PaperSpec(
    "p-support",
    "Antrag des Beirats für Migration und Integration an den Stadtrat: Beratung und "
    "Unterstützung des Beirats durch die Geschäftsstelle",
    T.MOTION,
    "ag-2-3",
    offset_days=-7,
    originator_organizations=("beirat",),
    originator_persons=("aydin",),
    proposed_resolution=(
        "Der Stadtrat beauftragt die Verwaltung, den Vorstand und das Gremium „Beirat für "
        "Migration und Integration“ durch die Geschäftsstelle umfassend zu beraten und zu "
        "unterstützen: bei verwaltungstechnischen und organisatorischen Fragen, bei Fragen "
        "der Gremienarbeit und bei anderen für die Arbeit des Beirats wichtigen Fragen."
    ),
    justification=(
        "Der Beirat ist für viele seiner Mitglieder der erste Ort, an dem sie Kommunalpolitik "
        "und Verwaltung von innen kennenlernen. Damit sie ihr Mandat wirksam ausüben können, "
        "brauchen sie verlässliche Beratung. Der Antrag wurde von der AG "
        "„Integrationskonzept 2.0“ ausgearbeitet."
    ),
    related=("p-interim-report",),
    pending=(PendingConsultation("stadtrat", C.DECIDE, authoritative=True),),
)

WEBSITE_MOTION = PaperSpec(
    "p-website",
    "Antrag der Liste Vielfalt: Mehrsprachige Informationen auf der Website der Stadt",
    T.MOTION,
    "beirat-2-12",
    offset_days=-21,
    originator_organizations=("lv",),
    originator_persons=("haddad",),
    proposed_resolution=(
        "Der Beirat bittet die Verwaltung, die wichtigsten Informationen der "
        "Ausländerbehörde, des Bürgerbüros und der Fachstelle Migration und Integration auf "
        "der Website der Stadt in Leichter Sprache und in den fünf in Musterstadt am "
        "häufigsten gesprochenen Familiensprachen anzubieten."
    ),
    justification=(
        "Wer neu in der Stadt ist, sucht Informationen zuerst im Internet. Viele "
        "Zugewanderte verstehen die Texte der Stadt nicht oder nur mit Mühe."
    ),
    pending=(PendingConsultation("beirat", C.DECIDE, authoritative=True),),
)

BUDGET = PaperSpec(
    "p-budget",
    "Beschlussvorlage: Verwendung der Haushaltsmittel des Beirats",
    T.DRAFT_RESOLUTION,
    "beirat-2-3",
    offset_days=-14,
    originator_organizations=("fachstelle",),
    originator_persons=("hartmann",),
    proposed_resolution=(
        "Der Beirat beschließt die Verwendung seiner Haushaltsmittel von 8.500 Euro: "
        "Interkulturelle Woche 3.000 Euro, Dolmetschleistungen für Sitzungen 2.500 Euro, "
        "Schulungen für Beiratsmitglieder 1.500 Euro, Öffentlichkeitsarbeit 1.500 Euro."
    ),
)

TERM_1_PAPERS = (
    PaperSpec(
        "p-corona",
        "Bericht der Fachstelle: Mehrsprachige Informationen zur Corona-Pandemie",
        T.REPORT,
        "beirat-1-4",
        offset_days=-10,
        originator_organizations=("fachstelle",),
        originator_persons=("benali",),
        proposed_resolution="Der Beirat nimmt den Bericht zur Kenntnis.",
        justification=(
            "Seit März hat die Fachstelle die Regeln zum Infektionsschutz in zwölf Sprachen "
            "veröffentlicht, über die Website, Aushänge und die Migrantenorganisationen."
        ),
    ),
    PaperSpec(
        "p-calendar",
        "Antrag der Liste Brücken bauen: Interkultureller Kalender der Stadt",
        T.MOTION,
        "beirat-1-5",
        offset_days=-21,
        originator_organizations=("lbb",),
        originator_persons=("fernandez",),
        proposed_resolution=(
            "Die Stadt gibt jährlich einen interkulturellen Kalender heraus, der die Feste "
            "der in Musterstadt vertretenen Religionen und Kulturen vorstellt."
        ),
        justification="Wer die Feste der Nachbarn kennt, versteht einander besser.",
    ),
    PaperSpec(
        "p-ukraine",
        "Mitteilung der Verwaltung: Aufnahme von Geflüchteten aus der Ukraine",
        T.NOTICE,
        "beirat-1-6",
        offset_days=-7,
        originator_organizations=("fachstelle",),
        originator_persons=("hartmann",),
        justification=(
            "Die Verwaltung berichtet über Unterbringung, Sprachkurse und die Arbeit der "
            "ehrenamtlichen Helferinnen und Helfer."
        ),
    ),
    PaperSpec(
        "p-naturalisation",
        "Antrag der SPD-Fraktion im Beirat: Jährliche Einbürgerungsfeier der Stadt",
        T.MOTION,
        "beirat-1-7",
        offset_days=-21,
        originator_organizations=("spd",),
        originator_persons=("sahin",),
        proposed_resolution=(
            "Die Stadt lädt einmal im Jahr alle Neubürgerinnen und Neubürger zu einer "
            "Einbürgerungsfeier im Rathaus ein."
        ),
        justification="Die Einbürgerung ist ein wichtiger Schritt und verdient Anerkennung.",
    ),
)

# Motions filed through Teilhabe (the session work plays their filing, `session_work.py`).
SATURDAY_MOTION = PaperSpec(
    "p-saturday",
    "Antrag von Herrn Ibrahim Diallo und Frau Marta Nowak: Sitzungen des Beirats am "
    "Samstagvormittag",
    T.MOTION,
    "beirat-2-10",
    offset_days=-16,
    originator_persons=("diallo", "nowak"),
    proposed_resolution=(
        "Der Beirat hält seine Sitzungen ab dem kommenden Jahr am Samstagvormittag um 10 Uhr ab."
    ),
    justification=(
        "Viele Mitglieder arbeiten im Schichtdienst und kommen abends nur schwer zu den "
        "Sitzungen. Am Samstagvormittag können auch Eltern mit kleinen Kindern teilnehmen."
    ),
)

INTERPRETERS_MOTION = PaperSpec(
    "p-interpreters",
    "Antrag der Internationalen Liste: Dolmetschpool für Elterngespräche in Kitas und Schulen",
    T.MOTION,
    "beirat-2-12",
    offset_days=-9,
    originator_organizations=("il",),
    originator_persons=("mensah",),
    proposed_resolution=(
        "Der Beirat bittet die Verwaltung, einen Pool ehrenamtlicher Dolmetscherinnen und "
        "Dolmetscher für Elterngespräche in Kitas und Schulen aufzubauen und ihn über die "
        "Fachstelle Migration und Integration zu vermitteln."
    ),
    justification=(
        "Eltern, die wenig Deutsch sprechen, verstehen Elterngespräche oft nur mit Hilfe "
        "ihrer Kinder. Das belastet die Kinder und führt zu Missverständnissen. Der Antrag "
        "geht nach Ablauf der Antragsfrist ein und ist deshalb für die folgende Sitzung "
        "vorgesehen."
    ),
)

CONSULTATION_HOURS_MOTION = PaperSpec(
    "p-consultation-hours",
    "Antrag von Mitgliedern des Beirats: Sprechstunde des Beirats im Bürgerbüro",
    T.MOTION,
    "stadtrat-2-18",
    offset_days=10,
    originator_persons=("aydin", "popescu", "diallo", "nowak"),
    proposed_resolution=(
        "Der Beirat bietet ab dem kommenden Quartal einmal im Monat eine offene Sprechstunde "
        "im Bürgerbüro an. Die Mitglieder wechseln sich ab; die Fachstelle stellt den Raum."
    ),
    justification=(
        "Viele Einwohnerinnen und Einwohner kennen den Beirat nicht. Eine feste Sprechstunde "
        "an einem Ort, den alle kennen, macht ihn erreichbar. Der Antrag ist von vier "
        "Mitgliedern unterzeichnet, einem Viertel der gesetzlichen Mitgliederzahl."
    ),
)

ORGANISATIONS_MOTION = PaperSpec(
    "p-organisations",
    "Antrag von Herrn Yusuf Abdi: Gespräche mit Migrantenorganisationen über das "
    "Integrationskonzept",
    T.MOTION,
    "stadtrat-2-18",
    offset_days=12,
    originator_persons=("abdi",),
    proposed_resolution=(
        "Die AG „Integrationskonzept 2.0“ lädt die Migrantenorganisationen der Stadt zu zwei "
        "Gesprächsabenden ein, um ihr Interesse an Teilhabe im Beirat in Erfahrung zu bringen."
    ),
    justification=(
        "Der Zwischenbericht der AG sieht als zweiten Schritt Gespräche mit den "
        "Migrantenorganisationen vor. Die Gesprächsabende bereiten ihn vor."
    ),
)

PAPERS = (
    RECOMMENDATIONS,
    *TERM_1_PAPERS,
    BUDGET,
    WAITING_TIMES,
    SPEAKER_MOTION,
    SPEAKER_REPORT,
    FOUND_AG,
    INTERIM_REPORT,
    AUTHORITY_MOTION,
    SUPPORT_MOTION,
    WEBSITE_MOTION,
    SATURDAY_MOTION,
    INTERPRETERS_MOTION,
    CONSULTATION_HOURS_MOTION,
    ORGANISATIONS_MOTION,
)
