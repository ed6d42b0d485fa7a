"""Translations: the catalogues match the code, are complete, compile, and the pages speak them.

German is the source language: the msgids are German and the de catalogue keeps empty
msgstrs. English and Arabic are translated in full. The page tests render the demo
municipality in English and Arabic and read only the interface (navigation, headings,
table heads, labels), because the demo's own data is German on purpose.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed

from teilhabe.council.models import Meeting, Organization, Paper, Person

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Every language but German (the source) is translated completely.
TRANSLATED = [code for code in LANGUAGE_CODES if code != "de"]
# The options the catalogues are generated with:
#   manage.py makemessages -l de -l en -l tr -l ar -l uk -l ru --no-obsolete \
#     --ignore=.venv --ignore=frontend --ignore=bench --ignore=node_modules --ignore=var
MAKEMESSAGES_IGNORES = [".venv", "frontend", "bench", "node_modules", "var"]
DEMO_BODY = "musterstadt"


def catalogue(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


# --- a small .po reader (enough for what makemessages and msgmerge write) -------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")\s*$')


def _unquote(token: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"not a quoted .po string: {token!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], token[1:-1])


MsgKey = tuple[str | None, str, str | None]  # (msgctxt, msgid, msgid_plural)


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int | None, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> MsgKey:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def python_format(self) -> bool:
        return "python-format" in self.flags


def read_po(path: Path) -> list[Entry]:
    """Entries of a .po file in order, the header (msgid "") first; obsolete ones left out."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = Entry()
        target: tuple[str, int | None] | None = None
        for raw in block.splitlines():
            line = raw.strip()
            if not line or line.startswith("#~"):
                continue
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            match = _KEYWORD.match(line)
            if match:
                keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
                target = (keyword, int(index) if index is not None else None)
                if keyword == "msgstr":
                    entry.msgstr[target[1]] = value
                else:
                    setattr(entry, keyword, value)
            elif line.startswith('"') and target is not None:
                keyword, index = target
                if keyword == "msgstr":
                    entry.msgstr[index] += _unquote(line)
                else:
                    setattr(entry, keyword, getattr(entry, keyword) + _unquote(line))
            else:
                raise ValueError(f"{path}: cannot read line {raw!r}")
        if target is not None:
            entries.append(entry)
    return entries


def header(entries: list[Entry]) -> dict[str, str]:
    first = entries[0]
    assert first.msgid == "", "the header must come first"
    assert first.msgctxt is None, "the header must come first"
    fields = (line.partition(":") for line in first.msgstr[None].splitlines() if line)
    return {name.strip(): value.strip() for name, _sep, value in fields}


_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<conv>[diouxXeEfFgGcrsa%])"
)


def placeholders(text: str) -> Counter[str]:
    """Python %-placeholders of `text`: named ones by name, positional ones by conversion."""
    found: Counter[str] = Counter()
    for match in _PLACEHOLDER.finditer(text):
        if match.group("conv") == "%":
            continue
        name = match.group("name")
        found[f"%({name})" if name is not None else "%" + match.group("conv")] += 1
    return found


# --- the catalogues match the code ----------------------------------------------------------


def _copy_ignore(directory: str, names: list[str]) -> set[str]:
    skip = {*MAKEMESSAGES_IGNORES, "locale", "__pycache__"}
    return {n for n in names if n in skip or n.startswith(".") or n.endswith((".mo", ".pyc"))}


@pytest.fixture(scope="module")
def fresh_msgids(
    tmp_path_factory: pytest.TempPathFactory,
) -> set[MsgKey]:
    """The msgids makemessages finds in the code now, from a copy of the source tree.

    The copy keeps the committed catalogues untouched while makemessages runs, so the
    test also works while other tests (or other workers) read them.
    """
    source = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(ROOT, source, ignore=_copy_ignore)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "TEILHABE_VAR_DIR": str(source.parent / "var"),
    }
    ignores = [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES]
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", *ignores, "--no-obsolete"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    entries = read_po(source / "locale" / "de" / "LC_MESSAGES" / "django.po")
    return {entry.key for entry in entries[1:]}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_holds_exactly_the_strings_marked_in_the_code(
    code: str, fresh_msgids: set[MsgKey]
) -> None:
    """Every catalogue lists exactly what makemessages extracts now: a string marked for
    translation but missing from the catalogues (makemessages forgotten), or an entry whose
    string is gone from the code, fails here."""
    committed = {entry.key for entry in read_po(catalogue(code))[1:]}
    missing = sorted(fresh_msgids - committed, key=str)
    stale = sorted(committed - fresh_msgids, key=str)
    ignores = " ".join(f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES)
    advice = (
        f"locale/{code} is out of date: run manage.py makemessages -l {code} --no-obsolete "
        f"{ignores}, then translate the new entries."
    )
    assert not missing, f"{advice}\nmissing: {missing[:10]}"
    assert not stale, f"{advice}\nno longer in the code: {stale[:10]}"


# --- the catalogues compile and the translated ones are complete ----------------------------


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    assert path, "msgfmt (GNU gettext) is not installed; `make messages` installs it"
    return path


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_exists_and_compiles(code: str) -> None:
    """All six catalogues are there and msgfmt accepts them with format checking on, so a
    translation that drops or misspells a placeholder cannot be compiled."""
    path = catalogue(code)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    result = subprocess.run(
        [_msgfmt(), "--check-format", "--check-header", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _single_number_forms(plural_forms: str, nplurals: int) -> set[int]:
    """Plural forms used for exactly one number (such as Arabic's zero, one and two): these
    may say the number in words instead of repeating the placeholder."""
    expression = re.search(r"plural\s*=\s*(.+?);?\s*$", plural_forms)
    assert expression, plural_forms
    choose = gettext.c2py(expression.group(1))
    used = Counter(choose(n) for n in range(1000))
    assert set(used) <= set(range(nplurals)), plural_forms
    return {form for form, count in used.items() if count == 1}


@pytest.mark.parametrize("code", TRANSLATED)
def test_translated_catalogue_is_complete(code: str) -> None:
    """English and Arabic: the header names the language and its plural rule, and every
    entry is translated (every plural form), not fuzzy, with the msgid's placeholders."""
    entries = read_po(catalogue(code))
    meta = header(entries)
    assert "fuzzy" not in entries[0].flags, "the header is still marked fuzzy"
    assert meta.get("Language") == code
    nplurals_match = re.search(r"nplurals\s*=\s*(\d+)", meta.get("Plural-Forms", ""))
    assert nplurals_match, "the header has no Plural-Forms"
    nplurals = int(nplurals_match.group(1))
    assert nplurals == {"en": 2, "tr": 2, "ar": 6, "uk": 4, "ru": 4}[code]
    single = _single_number_forms(meta["Plural-Forms"], nplurals)

    problems: list[str] = []
    for entry in entries[1:]:
        label = repr(entry.msgid[:60])
        if "fuzzy" in entry.flags:
            problems.append(f"{label}: fuzzy")
        if entry.msgid_plural is None:
            text = entry.msgstr.get(None, "")
            if not text.strip():
                problems.append(f"{label}: not translated")
            elif entry.python_format and placeholders(text) != placeholders(entry.msgid):
                problems.append(f"{label}: placeholders {dict(placeholders(text))}")
            continue
        if sorted(entry.msgstr, key=str) != list(range(nplurals)):
            problems.append(f"{label}: plural forms {sorted(entry.msgstr, key=str)}")
            continue
        expected = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
        for form, text in entry.msgstr.items():
            assert form is not None
            found = set(placeholders(text)) if entry.python_format else set()
            if not text.strip():
                problems.append(f"{label}[{form}]: not translated")
            elif entry.python_format and not (
                found == expected or (form in single and found < expected)
            ):
                problems.append(f"{label}[{form}]: placeholders {sorted(found)}")
    assert not problems, "\n".join(problems)


def test_placeholder_reader_sees_what_django_interpolates() -> None:
    """The placeholder check above compares names, conversions and counts, and ignores %%."""
    assert placeholders("%(count)d von %(total)s, 100 %% sicher, %s") == Counter(
        {"%(count)": 1, "%(total)": 1, "%s": 1}
    )
    assert placeholders("„%(name)s“ und %(name)s") == Counter({"%(name)": 2})


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_language_names_stay_in_their_own_language(code: str) -> None:
    """The language list shows every language in its own language, whatever the page's
    language is: its entries are left untranslated or translated to themselves."""
    by_id = {entry.msgid: entry for entry in read_po(catalogue(code))[1:]}
    with translation.override(None):
        msgids = [str(name) for _code, name in settings.LANGUAGES]
    for msgid in msgids:
        assert msgid in by_id, msgid
        assert by_id[msgid].msgstr.get(None) in ("", msgid), by_id[msgid].msgstr


# --- rendered pages ---------------------------------------------------------------------------


def _compile(code: str) -> None:
    """Compile one catalogue next to it, atomically: msgfmt writes a temporary file in the
    same directory and os.replace swaps it in, so a second pytest worker doing the same,
    or a request reading the catalogue meanwhile, never sees a half-written .mo."""
    po = catalogue(code)
    handle, temporary = tempfile.mkstemp(dir=po.parent, prefix=".django-", suffix=".mo")
    os.close(handle)
    try:
        result = subprocess.run(
            [_msgfmt(), "--check-format", "-o", temporary, str(po)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        os.replace(temporary, po.with_suffix(".mo"))
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


@pytest.fixture(scope="module")
def compiled_catalogues() -> None:
    """The page tests need compiled catalogues; `make` builds them, this makes the module
    pass when run on its own. Django and gettext cache catalogues per process, so those
    caches are emptied after compiling (the same reset Django's autoreloader does)."""
    for code in TRANSLATED:
        _compile(code)
    translation_file_changed(sender=None, file_path=LOCALE_DIR / "django.mo")


class InterfaceText(HTMLParser):
    """Collects the interface text of a page: the site header with its navigation, h2
    headings, table captions and column heads, description terms, labels and buttons. Row
    headers and descriptions hold data (names of bodies, people, papers), which the demo
    writes in German, so they are left out; so are h1 (unless `with_h1`: on detail pages
    it is a name) and h3."""

    TAGS = frozenset({"header", "nav", "h2", "caption", "dt", "label", "button"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr"})

    def __init__(self, *, with_h1: bool) -> None:
        super().__init__()
        self.tags = self.TAGS | {"h1"} if with_h1 else self.TAGS
        self.html_attrs: dict[str, str | None] = {}
        self.chunks: list[str] = []
        self.nav: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _inside(self, tag: str | None = None) -> bool:
        return any(collect and (tag is None or name == tag) for name, collect in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        collect = tag in self.tags or (tag == "th" and attributes.get("scope") == "col")
        self._stack.append((tag, collect))
        if collect:
            self.chunks.append("")
            if tag == "nav":
                self.nav.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self._stack:
            name, _collect = self._stack.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        # Text inside nested collected elements (nav in header) lands once, in the chunk
        # opened last.
        if self._inside():
            self.chunks[-1] += data
        if self._inside("nav"):
            self.nav[-1] += data

    @property
    def text(self) -> str:
        return "\n".join(" ".join(chunk.split()) for chunk in self.chunks)

    @property
    def navigation(self) -> str:
        return " ".join(" ".join(chunk.split()) for chunk in self.nav)


# German interface words that must not survive a switch of language. None of them is part of
# the demo's names in the elements InterfaceText reads.
GERMAN_UI = [
    "Gremien",
    "Gremium",
    "Sitzungen",
    "Sitzung",
    "Drucksachen",
    "Drucksache",
    "Personen",
    "Anmelden",
    "Sprache",
    "Wechseln",
    "Tagesordnung",
    "Nichtöffentlicher Teil",
    "Mitglieder",
    "Mitgliedschaften",
    "Rolle",
    "Stimmrecht",
    "Beratungsfolge",
    "Ergebnis",
    "Datum",
    "Titel",
    "Nummer",
    "Wahlperiode",
    "Beginn",
    "Zeitraum",
    "Übersicht",
    "Nächste",
    "Neueste Beschlüsse",
    "Dokumente",
    "Passwort",
    "Benutzername",
    "Suchen",
    "Anzeigen",
]

NAV = {
    "de": ["Gremien", "Sitzungen", "Drucksachen", "Personen"],
    "en": ["Bodies", "Meetings", "Papers", "People"],
    "ar": ["الهيئات", "الجلسات", "الوثائق", "الأشخاص"],
}
LOGIN = {"de": "Anmelden", "en": "Log in", "ar": "تسجيل الدخول"}
# Pages whose h1 is an interface word rather than a name from the data.
UI_H1 = frozenset({"organization_list", "meeting_list", "paper_list", "person_list", "login"})

# Interface text each page shows, per language (headings, table heads, labels).
EXPECTED: dict[str, dict[str, list[str]]] = {
    "body": {
        "de": ["Nächste Sitzungen", "Gremien", "Neueste Beschlüsse"],
        "en": ["Next meetings", "Bodies", "Latest resolutions"],
        "ar": ["الجلسات المقبلة", "الهيئات", "أحدث القرارات"],
    },
    "organization_list": {
        "de": ["Gremien", "Beirat", "Stadtrat"],
        "en": ["Bodies", "Advisory council", "City Council"],
        "ar": ["الهيئات", "مجلس استشاري", "مجلس المدينة"],
    },
    "organization_detail": {
        "de": ["Mitglieder", "Rolle", "Stimmrecht", "Sitzungen"],
        "en": ["Members", "Role", "Voting rights", "Meetings"],
        "ar": ["الأعضاء", "الدور", "حق التصويت", "الجلسات"],
    },
    "meeting_list": {
        "de": ["Gremium", "Datum", "Ort", "Status"],
        "en": ["Body", "Date", "Place", "Status"],
        "ar": ["الهيئة", "التاريخ", "المكان", "الحالة"],
    },
    "meeting_detail": {
        "de": ["Tagesordnung – öffentlicher Teil", "Nichtöffentlicher Teil", "Beginn"],
        "en": ["Agenda – public part", "Non-public part", "Start"],
        "ar": ["جدول الأعمال – الجزء العلني", "الجزء غير العلني", "البداية"],
    },
    "paper_list": {
        "de": ["Nummer", "Titel", "Art", "Datum"],
        "en": ["Number", "Title", "Type", "Date"],
        "ar": ["الرقم", "العنوان", "النوع", "التاريخ"],
    },
    "paper_detail": {
        "de": ["Drucksachennummer", "Beratungsfolge"],
        "en": ["Paper number", "Consultation path"],
        "ar": ["رقم الوثيقة", "مسار المداولات"],
    },
    "person_list": {
        "de": ["Name", "Gremien"],
        "en": ["Name", "Bodies"],
        "ar": ["الاسم", "الهيئات"],
    },
    "person_detail": {
        "de": ["Mitgliedschaften", "Gremium", "Zeitraum"],
        "en": ["Memberships", "Body", "Period"],
        "ar": ["العضويات", "الهيئة", "الفترة"],
    },
    "login": {
        "de": ["Anmelden", "Benutzername", "Passwort"],
        "en": ["Log in", "Username", "Password"],
        "ar": ["تسجيل الدخول", "كلمة المرور"],
    },
}


def demo_pages() -> dict[str, str]:
    """URL of each public page, for objects the demo shows to everyone: the advisory council,
    a held meeting with a non-public part, a public paper with its consultation path and a
    person who consented to publication."""
    call_command("load_demo", stdout=io.StringIO())
    body = DEMO_BODY
    organization = Organization.objects.get(
        body__slug=body, organization_type=Organization.Type.BEIRAT
    )
    meeting = (
        Meeting.objects.filter(
            organization=organization,
            state=Meeting.State.HELD,
            agenda_items__public=False,
            agenda_items__deleted=False,
        )
        .alive()
        .order_by("-start")
        .first()
    )
    paper = (
        Paper.objects.filter(body__slug=body, public=True, consultations__isnull=False)
        .alive()
        .order_by("-date")
        .first()
    )
    person = (
        Person.objects.filter(body__slug=body, public_consent=True, memberships__isnull=False)
        .alive()
        .order_by("pk")
        .first()
    )
    assert meeting, "the demo lacks a held meeting with a non-public part"
    assert paper, "the demo lacks a public paper with consultations"
    assert person, "the demo lacks a published person with memberships"
    return {
        "body": reverse("council:body", kwargs={"body": body}),
        "organization_list": reverse("council:organization_list", kwargs={"body": body}),
        "organization_detail": reverse(
            "council:organization_detail", kwargs={"body": body, "pk": organization.pk}
        ),
        "meeting_list": reverse("council:meeting_list", kwargs={"body": body}),
        "meeting_detail": reverse(
            "council:meeting_detail", kwargs={"body": body, "pk": meeting.pk}
        ),
        "paper_list": reverse("council:paper_list", kwargs={"body": body}),
        "paper_detail": reverse("council:paper_detail", kwargs={"body": body, "pk": paper.pk}),
        "person_list": reverse("council:person_list", kwargs={"body": body}),
        "person_detail": reverse("council:person_detail", kwargs={"body": body, "pk": person.pk}),
        "login": reverse("accounts:login"),
    }


def render(client: Client, name: str, url: str, code: str) -> InterfaceText:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    response = client.get(url)
    assert response.status_code == 200, url
    parser = InterfaceText(with_h1=name in UI_H1)
    parser.feed(response.content.decode())
    parser.close()
    return parser


def german_words_in(text: str) -> list[str]:
    return [word for word in GERMAN_UI if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("code", ["en", "ar"])
def test_public_pages_speak_the_chosen_language(client: Client, code: str) -> None:
    """With the language cookie set to English or Arabic, every public page (body start,
    bodies, meetings, papers, people, login) has the html lang and direction of that
    language (rtl for Arabic), its navigation and headings in that language, and no German
    interface word left in navigation, headings, table heads, labels or buttons."""
    problems: list[str] = []
    for name, url in demo_pages().items():
        page = render(client, name, url, code)
        attrs = page.html_attrs
        if attrs.get("lang") != code:
            problems.append(f"{name}: lang={attrs.get('lang')!r}")
        if attrs.get("dir") != ("rtl" if code == "ar" else "ltr"):
            problems.append(f"{name}: dir={attrs.get('dir')!r}")
        for label in NAV[code] if name != "login" else []:
            if label not in page.navigation:
                problems.append(f"{name}: navigation lacks {label!r}")
        if LOGIN[code] not in page.text:
            problems.append(f"{name}: lacks {LOGIN[code]!r}")
        for expected in EXPECTED[name][code]:
            if expected not in page.text:
                problems.append(f"{name}: lacks {expected!r}")
        leftover = german_words_in(page.text)
        if leftover:
            problems.append(f"{name}: German interface text {leftover}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogues")
def test_german_pages_show_the_words_the_other_languages_must_not(client: Client) -> None:
    """The same pages in German (the default) carry the German interface words the test
    above looks for, in the same elements, so that test cannot pass by reading nothing."""
    problems: list[str] = []
    seen: set[str] = set()
    for name, url in demo_pages().items():
        page = render(client, name, url, "de")
        if page.html_attrs.get("lang") != "de" or page.html_attrs.get("dir") != "ltr":
            problems.append(f"{name}: {page.html_attrs}")
        for label in NAV["de"] if name != "login" else []:
            if label not in page.navigation:
                problems.append(f"{name}: navigation lacks {label!r}")
        for expected in EXPECTED[name]["de"]:
            if expected not in page.text:
                problems.append(f"{name}: lacks {expected!r}")
        seen.update(german_words_in(page.text))
    assert not problems, "\n".join(problems)
    for word in ["Sitzungen", "Drucksachen", "Gremien", "Nichtöffentlicher Teil", "Anmelden"]:
        assert word in seen, word


def test_english_dates_are_day_month_with_a_24_hour_clock():
    """English pages write dates as people in the EU read them, not in US order."""
    import datetime as dt

    from django.utils import formats, translation

    moment = dt.datetime(2026, 10, 27, 18, 30)
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "27 October 2026, 18:30"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "27/10/2026"


@pytest.mark.django_db
def test_german_content_on_an_arabic_page_is_marked_as_german(client):
    """WCAG 3.1.2: typed content (names, titles) keeps lang="de" inside an Arabic page."""
    from teilhabe.council.tests import factories as f

    person = f.PersonFactory(given_name="Aylin", family_name="Demir")
    client.cookies["django_language"] = "ar"
    url = reverse("council:person_detail", kwargs={"body": person.body.slug, "pk": person.pk})
    content = client.get(url).content.decode()
    assert 'lang="ar"' in content
    assert '<bdi lang="de">Aylin Demir</bdi>' in content
