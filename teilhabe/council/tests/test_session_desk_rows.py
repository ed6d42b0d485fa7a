"""The rows of the session desk written by the `session_desk` tags: the same markup as the
templates they replace (kept here as the reference), escaped, and cheap to repeat. A row
without a form (every row that was not refused) is written as its unbound form renders."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from teilhabe.council import selectors, services
from teilhabe.council.forms.session import AttendanceForm
from teilhabe.council.models import AgendaItem, Attendance, Membership
from teilhabe.council.tests import factories as f
from teilhabe.council.views.staff_session import _row_context

pytestmark = pytest.mark.django_db

NASTY = '<script>alert("x")</script> & Co'

# The templates the tags replace, as they were: the tags must write exactly this.
ATTENDANCE_ROW = """{% load i18n %}{% with form=row.form slug=current_body.slug %}{% url 'council_staff:session_attendance_set' body=slug pk=meeting.pk attendance_pk=row.pk as row_url %}
<tr class="kern-table__row" id="anwesenheit-{{ row.pk }}">
  <th scope="row" class="kern-table__cell">{{ row.person.name }}{% if not row.voting %} <span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">{% translate "ohne Stimmrecht" %}</span></span>{% endif %}
    {% with general=form.general_errors %}{% if general %}<p class="kern-error" role="alert">{{ general|join:" " }}</p>{% endif %}{% endwith %}</th>
  <td class="kern-table__cell">
    <label class="kern-label kern-sr-only" for="{{ form.status.id_for_label }}">{% translate "Status" %}: {{ row.person.name }}</label>
    {% if form.status.errors %}<p class="kern-error" id="{{ form.status.auto_id }}_error">{{ form.status.errors|join:" " }}</p>{% endif %}
    <div class="kern-form-input__select-wrapper">{{ form.status }}</div>
  </td>
  <td class="kern-table__cell">
    <label class="kern-label kern-sr-only" for="{{ form.deputy.id_for_label }}">{% translate "vertreten durch" %}: {{ row.person.name }}</label>
    {% if form.deputy.errors %}<p class="kern-error" id="{{ form.deputy.auto_id }}_error">{{ form.deputy.errors|join:" " }}</p>{% endif %}
    <div class="kern-form-input__select-wrapper">{{ form.deputy }}</div>
  </td>
  <td class="kern-table__cell">
    <label class="kern-label kern-sr-only" for="{{ form.arrived.id_for_label }}">{% translate "gekommen um" %}: {{ row.person.name }}</label>
    {% if form.arrived.errors %}<p class="kern-error" id="{{ form.arrived.auto_id }}_error">{{ form.arrived.errors|join:" " }}</p>{% endif %}
    {{ form.arrived }}
  </td>
  <td class="kern-table__cell">
    <label class="kern-label kern-sr-only" for="{{ form.left.id_for_label }}">{% translate "gegangen um" %}: {{ row.person.name }}</label>
    {% if form.left.errors %}<p class="kern-error" id="{{ form.left.auto_id }}_error">{{ form.left.errors|join:" " }}</p>{% endif %}
    {{ form.left }}
  </td>
  <td class="kern-table__cell kern-table__cell--action">
    <form id="{{ form.form_id }}" method="post" action="{{ row_url }}" hx-post="{{ row_url }}" hx-target="closest tr" hx-swap="outerHTML">{% csrf_token %}
      {{ form.version }}
      <button type="submit" id="attendance-save-{{ row.pk }}" class="kern-btn kern-btn--secondary kern-btn--x-small"><span class="kern-label">{% translate "Speichern" %}<span class="kern-sr-only">: {{ row.person.name }}</span></span></button>
    </form>
  </td>
</tr>{% endwith %}"""  # noqa: E501

AGENDA_ROW = """<tr class="kern-table__row{% if item.pk == current_item_pk %} session-row--current{% endif %}" id="zeile-{{ item.pk }}"{% if row_oob %} hx-swap-oob="true"{% endif %}>
  <th scope="row" class="kern-table__cell">{{ item.number }}</th>
  <td class="kern-table__cell">{{ item.name }}{% if not item.public %} <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{{ labels.nonpublic }}</span></span>{% endif %}{% if item.reduced_quorum %} <span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">{{ labels.reduced_quorum }}</span></span>{% endif %}</td>
  <td class="kern-table__cell">{{ item.result_label|default:"–" }}</td>
  <td class="kern-table__cell">{% if item.votes_yes is not None %}{{ item.votes_yes }} / {{ item.votes_no|default_if_none:"–" }} / {{ item.votes_abstain|default_if_none:"–" }}{% else %}–{% endif %}{% if item.vote_warnings %} <span class="kern-badge kern-badge--danger"><span class="kern-label kern-label--small">{{ labels.check }}</span></span>{% endif %}</td>
  <td class="kern-table__cell kern-table__cell--action">{% if item.pk == current_item_pk %}<a class="kern-link" href="#top-{{ item.pk }}" aria-current="true">{{ labels.current }}<span class="kern-sr-only">: {{ labels.item }} {{ item.number }}</span></a>{% else %}<a class="kern-link" href="{{ desk_url }}?{{ current_item_param }}={{ item.pk }}#top-{{ item.pk }}">{% if item.result %}{{ labels.change }}{% else %}{{ labels.record }}{% endif %}<span class="kern-sr-only">: {{ labels.item }} {{ item.number }}</span></a>{% endif %}</td>
</tr>"""  # noqa: E501


def _both(reference: str, tag: str, context: dict) -> tuple[str, str]:
    expected = Template(reference).render(Context(context))
    actual = Template("{% load session_desk %}" + tag).render(Context(context))
    return actual, expected


@pytest.fixture
def sitting():
    """An attendance list with every kind of row: a name to escape, a member without a
    vote, a deputy standing in (with times) and a deputy whose membership has ended."""
    body = f.BodyFactory(slug="stadt-42")
    beirat = f.OrganizationFactory(body=body)
    members = [f.MembershipFactory(organization=beirat, person__body=body).person for _ in range(4)]
    members[0].family_name = NASTY
    members[0].save()
    deputy = f.MembershipFactory(
        organization=beirat, person__body=body, role=Membership.Role.DEPUTY
    ).person
    former = f.MembershipFactory(
        organization=beirat,
        person__body=body,
        role=Membership.Role.DEPUTY,
        end_date=dt.date(2020, 1, 1),
    ).person
    start = timezone.make_aware(dt.datetime(2026, 3, 10, 18, 0))
    meeting = f.MeetingFactory(organization=beirat, start=start)
    services.attendance_prefill(meeting=meeting)
    rows = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
    Attendance.objects.filter(pk=rows[members[1].pk].pk).update(voting=False)
    Attendance.objects.filter(pk=rows[members[2].pk].pk).update(
        status=Attendance.Status.REPRESENTED,
        deputy=deputy,
        arrived=start + dt.timedelta(minutes=5),
        left=start + dt.timedelta(hours=2, minutes=30),
    )
    Attendance.objects.filter(pk=rows[members[3].pk].pk).update(
        status=Attendance.Status.REPRESENTED, deputy=former
    )
    return {"body": body, "meeting": meeting, "members": members}


def _context(sitting, row, deputies=()):
    return {
        "row": row,
        "deputies": deputies,
        "meeting": sitting["meeting"],
        "current_body": sitting["body"],
        "csrf_token": "token&<x>",
    }


@pytest.mark.parametrize("language", ["de", "en"])
def test_attendance_rows_are_written_as_the_template_wrote_them(sitting, language):
    state = selectors.session_attendance(meeting=sitting["meeting"])
    assert len(state.rows) == 4
    written = []
    with translation.override(language):
        for row in state.rows:
            row.form = AttendanceForm(meeting=sitting["meeting"], row=row, deputies=state.deputies)
            actual, expected = _both(
                ATTENDANCE_ROW,
                "{% attendance_row row deputies %}",
                _context(sitting, row, state.deputies),
            )
            assert actual == expected
            written.append(actual)
    html = "".join(written)
    assert html.count("ohne Stimmrecht" if language == "de" else "without voting rights") == 1
    assert html.count('<option value="represented" selected>') == 2
    assert 'value="18:05"' in html
    assert 'value="20:30"' in html


def _formless(sitting, state, language):
    """Every row twice: by the reference template with its unbound form, and by the tag
    from the row alone (as the desk writes it)."""
    pairs = []
    with translation.override(language):
        for row in state.rows:
            row.form = AttendanceForm(meeting=sitting["meeting"], row=row, deputies=state.deputies)
            expected = Template(ATTENDANCE_ROW).render(Context(_context(sitting, row)))
            del row.form
            actual = Template("{% load session_desk %}{% attendance_row row deputies %}").render(
                Context(_context(sitting, row, state.deputies))
            )
            pairs.append((actual, expected))
    return pairs


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_rows_without_a_form_are_written_as_their_unbound_form_renders(sitting, language):
    """Status, deputy (a former deputy standing in stays choosable), times, version."""
    state = selectors.session_attendance(meeting=sitting["meeting"])
    pairs = _formless(sitting, state, language)
    for actual, expected in pairs:
        assert actual == expected
    html = "".join(actual for actual, _expected in pairs)
    assert html.count('<option value="represented" selected>') == 2
    assert 'value="18:05"' in html
    assert 'value="20:30"' in html
    assert html.count('<option value="" selected>') == 2  # the two rows without a deputy


def test_rows_without_a_form_escape_every_name_as_the_form_does(sitting):
    """Names with markup in the row's person, among the deputies and as a former deputy."""
    meeting = sitting["meeting"]
    for row in Attendance.objects.filter(meeting=meeting).exclude(deputy=None):
        row.deputy.given_name = "O'Brien & <i>"
        row.deputy.family_name = NASTY
        row.deputy.save()
    state = selectors.session_attendance(meeting=meeting)
    assert any(NASTY in person.name for person in state.deputies)
    for actual, expected in _formless(sitting, state, "de"):
        assert actual == expected
        assert "<script>" not in actual
        assert "<i>" not in actual


def test_rows_without_a_form_without_deputies_offer_only_none(sitting):
    """An organization without deputies on the day: the select offers "– keine –" (and a
    deputy already standing in)."""
    state = selectors.session_attendance(meeting=sitting["meeting"])
    state.deputies.clear()
    pairs = _formless(sitting, state, "de")
    for actual, expected in pairs:
        assert actual == expected
    assert sum(actual.count("<option ") for actual, _expected in pairs) == 4 * 4 + 4 + 2


@pytest.mark.parametrize(
    "data",
    [
        # a broken page (no version) and inputs that are no choice, no time
        {"status": "represented", "deputy": "999999", "arrived": "xx", "version": ""},
        # the form's own check: left before arrived
        {"status": "present", "arrived": "19:00", "left": "18:00", "version": "1"},
        {"status": "nonsense", "version": "1"},
    ],
)
def test_a_refused_attendance_row_shows_its_errors_as_the_template_did(sitting, data):
    state = selectors.session_attendance(meeting=sitting["meeting"])
    row = state.rows[0]
    prefix = f"a{row.pk}"
    form = AttendanceForm(
        {f"{prefix}-{key}": value for key, value in data.items()},
        meeting=sitting["meeting"],
        row=row,
        deputies=state.deputies,
    )
    assert not form.is_valid()
    row.form = form
    with translation.override("de"):
        actual, expected = _both(
            ATTENDANCE_ROW,
            "{% attendance_row row deputies %}",
            _context(sitting, row, state.deputies),
        )
    assert actual == expected
    assert 'class="kern-error"' in actual


def test_the_attendance_row_escapes_names_and_keeps_its_addresses(sitting):
    state = selectors.session_attendance(meeting=sitting["meeting"])
    row = next(r for r in state.rows if r.person_id == sitting["members"][0].pk)
    row.form = AttendanceForm(meeting=sitting["meeting"], row=row, deputies=state.deputies)
    html = Template("{% load session_desk %}{% attendance_row row deputies %}").render(
        Context(_context(sitting, row, state.deputies))
    )
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co") == 6
    assert 'value="token&amp;&lt;x&gt;"' in html  # the CSRF field as {% csrf_token %} writes it
    url = f"/stadt-42/verwaltung/sitzungen/{sitting['meeting'].pk}/sitzung/anwesenheit/{row.pk}/"
    assert f'action="{url}" hx-post="{url}"' in html
    assert html.count(f'form="attendance-form-{row.pk}"') == 5


def _items(sitting):
    meeting = sitting["meeting"]
    plain = f.AgendaItemFactory(meeting=meeting, number="1")
    hidden = f.AgendaItemFactory(
        meeting=meeting, number="2 <b>", name=NASTY, public=False, result="adopted"
    )
    hidden.votes_yes, hidden.votes_no, hidden.votes_abstain = 5, None, 0
    repeated = f.AgendaItemFactory(meeting=meeting, number="3", result="rejected")
    repeated.votes_yes, repeated.votes_no, repeated.votes_abstain = 1, 2, None
    items = [plain, hidden, repeated]
    results = dict(AgendaItem.Result.choices)
    for item in items:
        item.result_label = results.get(item.result, "")
        item.vote_warnings = []
        item.reduced_quorum = False
    repeated.reduced_quorum = True
    hidden.vote_warnings = [SimpleNamespace(code="x", message="y")]
    return items


@pytest.mark.parametrize("current", [None, 0, 1, 2])
@pytest.mark.parametrize("row_oob", [False, True])
@pytest.mark.parametrize("language", ["de", "en"])
def test_agenda_rows_are_written_as_the_template_wrote_them(sitting, current, row_oob, language):
    items = _items(sitting)
    request = RequestFactory().get("/")
    request.current_body = sitting["body"]
    current_pk = None if current is None else items[current].pk
    with translation.override(language):
        shared = {**_row_context(request, sitting["meeting"], current_pk), "row_oob": row_oob}
        for item in items:
            actual, expected = _both(AGENDA_ROW, "{% agenda_row item %}", {**shared, "item": item})
            assert actual == expected


def test_an_agenda_row_without_its_desk_attributes_is_written_as_the_template_did(sitting):
    """An item read elsewhere (no result label, warnings or quorum mark) still renders."""
    item = f.AgendaItemFactory(meeting=sitting["meeting"], number="7", result="noted")
    request = RequestFactory().get("/")
    request.current_body = sitting["body"]
    with translation.override("de"):
        context = {**_row_context(request, sitting["meeting"], None), "item": item}
        actual, expected = _both(AGENDA_ROW, "{% agenda_row item %}", context)
    assert actual == expected


def test_the_agenda_row_escapes_names_and_numbers(sitting):
    items = _items(sitting)
    request = RequestFactory().get("/")
    request.current_body = sitting["body"]
    context = {**_row_context(request, sitting["meeting"], None), "item": items[1]}
    html = Template("{% load session_desk %}{% agenda_row item %}").render(Context(context))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "2 &lt;b&gt;" in html
