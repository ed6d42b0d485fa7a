"""Every URL pattern of the project is covered by a permission case, and none leaks.

`test_every_url_pattern_is_covered` walks the URL resolver and fails on any named pattern
without a case below. Each case requests its URL as every role and checks the status, and
that no page shows a role a non-public marker (SECRET) it may not see, nor anything of the
other body (OTHER_BODY) under body A's addresses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from teilhabe.accounts.services import calendar_token_reset
from teilhabe.concept import services as concept_services
from teilhabe.concept.models import ConceptVersion
from teilhabe.concept.spreadsheet import COLUMNS
from teilhabe.council import services
from tests.leak_world import OTHER_BODY, PASSWORD, ROLES, SECRET, SEES_SECRETS, World, build_world

OK = {200}
NOT_FOUND = {404}
TO_LOGIN = {302}


def expect(**by_role: set[int]) -> dict[str, set[int]]:
    default = by_role.pop("default", None)
    result: dict[str, set[int]] = {}
    for role in ROLES:
        statuses = by_role.get(role, default)
        assert statuses is not None, f"no expectation for {role}"
        result[role] = statuses
    return result


EVERYONE = expect(default=OK)
SECRET_ROLES = expect(default=NOT_FOUND, member=OK, staff=OK, admin=OK)
STAFF_ONLY = expect(default=NOT_FOUND, staff=OK, admin=OK)
NOBODY = expect(default=NOT_FOUND)


@dataclass
class Case:
    path: str
    statuses: dict[str, set[int]]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    # Only the roles in SEES_SECRETS may see SECRET on this URL; nobody sees OTHER_BODY.
    check_leaks: bool = True
    # Public open data (OParl): nobody, whatever their role, may see SECRET here.
    public_only: bool = False
    # Addresses not scoped to body A (the OParl System's list of all bodies) may name
    # the other body.
    other_bodies: bool = False
    # The data succeeds for staff: their request must write (so that "the refused roles
    # change nothing" is tested against a write that would happen).
    writes: bool = False


def _pk(world: World, key: str) -> int:
    return int(world.objects[key].pk)


def _u(name: str, world: World, **kwargs: Any) -> str:
    return reverse(name, kwargs={"body": world.body.slug, **kwargs})


def _file_url(world: World, key: str, body_slug: str | None = None) -> str:
    obj = world.objects[key]
    return reverse(
        "council:file_download",
        kwargs={"body": body_slug or world.body.slug, "pk": obj.pk, "file_name": obj.file_name},
    )


CaseFactory = Callable[[World], list[Case]]

PUBLIC_CASES: dict[str, CaseFactory] = {
    "home": lambda w: [Case("/", EVERYONE, check_leaks=False)],
    "council:body": lambda w: [
        Case(_u("council:body", w), EVERYONE),
        Case(reverse("council:body", kwargs={"body": "gibt-es-nicht"}), NOBODY),
    ],
    "council:organization_list": lambda w: [Case(_u("council:organization_list", w), EVERYONE)],
    "council:organization_detail": lambda w: [
        Case(_u("council:organization_detail", w, pk=_pk(w, "beirat")), EVERYONE),
        Case(_u("council:organization_detail", w, pk=_pk(w, "other_org")), NOBODY),
    ],
    "council:organization_ical": lambda w: [
        Case(_u("council:organization_ical", w, pk=_pk(w, "beirat")), EVERYONE),
        Case(_u("council:organization_ical", w, pk=_pk(w, "other_org")), NOBODY),
    ],
    "council:meeting_list": lambda w: [
        Case(_u("council:meeting_list", w), EVERYONE),
        Case(_u("council:meeting_list", w) + "?gremium=abc&page=x", EVERYONE),
    ],
    "council:meeting_detail": lambda w: [
        Case(_u("council:meeting_detail", w, pk=_pk(w, "meeting")), EVERYONE),
        Case(_u("council:meeting_detail", w, pk=_pk(w, "past_meeting")), EVERYONE),
        Case(_u("council:meeting_detail", w, pk=_pk(w, "other_meeting")), NOBODY),
    ],
    "council:minutes_detail": lambda w: [
        # Published: the public part for everyone, without the non-public item.
        Case(_u("council:minutes_detail", w, pk=_pk(w, "past_meeting")), EVERYONE),
        # No (published) minutes, or another body's meeting: not found.
        Case(_u("council:minutes_detail", w, pk=_pk(w, "meeting")), NOBODY),
        Case(_u("council:minutes_detail", w, pk=_pk(w, "other_meeting")), NOBODY),
    ],
    "council:paper_list": lambda w: [
        Case(_u("council:paper_list", w), EVERYONE),
        Case(_u("council:paper_list", w) + f"?q={SECRET[:6]}&art=zzz&page=999", EVERYONE),
    ],
    "council:paper_detail": lambda w: [
        Case(_u("council:paper_detail", w, pk=_pk(w, "public_paper")), EVERYONE),
        Case(_u("council:paper_detail", w, pk=_pk(w, "secret_paper")), SECRET_ROLES),
        Case(_u("council:paper_detail", w, pk=_pk(w, "other_paper")), NOBODY),
    ],
    "council:person_list": lambda w: [Case(_u("council:person_list", w), EVERYONE)],
    "council:person_detail": lambda w: [
        Case(_u("council:person_detail", w, pk=_pk(w, "chair")), EVERYONE),
        Case(
            _u("council:person_detail", w, pk=_pk(w, "shy_person")),
            expect(default=NOT_FOUND, member=OK, staff=OK, admin=OK),
        ),
        Case(_u("council:person_detail", w, pk=_pk(w, "other_person")), NOBODY),
    ],
    "council:file_download": lambda w: [
        Case(_file_url(w, "public_file"), EVERYONE, check_leaks=False),
        Case(_file_url(w, "secret_file"), SECRET_ROLES, check_leaks=False),
        Case(_file_url(w, "secret_paper_file"), SECRET_ROLES, check_leaks=False),
        # The invitation PDF is attached to the (public) meeting but is itself non-public.
        Case(_file_url(w, "invitation_file"), SECRET_ROLES, check_leaks=False),
        Case(_file_url(w, "other_file"), NOBODY),
        Case(_file_url(w, "other_file", body_slug="stadt-b"), EVERYONE, check_leaks=False),
    ],
}

ACCOUNT_CASES: dict[str, CaseFactory] = {
    "accounts:login": lambda w: [
        Case(
            reverse("accounts:login"),
            expect(
                default=OK,
                member=TO_LOGIN,
                member_of_other_org=TO_LOGIN,
                staff=TO_LOGIN,
                other_body_staff=TO_LOGIN,
                admin=TO_LOGIN,
            ),
        )
    ],
    "accounts:logout": lambda w: [
        Case(reverse("accounts:logout"), expect(default={302}), method="post")
    ],
    "accounts:password_reset": lambda w: [Case(reverse("accounts:password_reset"), EVERYONE)],
    "accounts:password_reset_done": lambda w: [
        Case(reverse("accounts:password_reset_done"), EVERYONE)
    ],
    "accounts:password_reset_confirm": lambda w: [
        Case(
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"}),
            EVERYONE,
        )
    ],
    "accounts:password_reset_complete": lambda w: [
        Case(reverse("accounts:password_reset_complete"), EVERYONE)
    ],
    "set_language": lambda w: [
        Case(
            reverse("set_language"),
            expect(default={302}),
            method="post",
            data={"language": "ar", "next": "/"},
        )
    ],
}

STAFF_WRITE = expect(default=NOT_FOUND, staff={200, 302}, admin={200, 302})


def _s(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"council_staff:{name}", kwargs={"body": world.body.slug, **kwargs})


def _staff_page(name: str, key: str | None = None, other_key: str | None = None) -> CaseFactory:
    """A staff GET page (list, create or edit form): staff only, and a POST of empty input
    is refused for outsiders (404) and answered with form errors for staff (200)."""

    def cases(w: World) -> list[Case]:
        kwargs = {"pk": _pk(w, key)} if key else {}
        result = [
            Case(_s(name, w, **kwargs), STAFF_ONLY),
        ]
        if name.endswith(("_create", "_edit")):
            result.append(Case(_s(name, w, **kwargs), STAFF_WRITE, method="post"))
        if other_key:
            result.append(Case(_s(name, w, pk=_pk(w, other_key)), NOBODY))
        return result

    return cases


def _staff_action(name: str, data: Callable[[World], dict[str, Any]], **keys: str) -> CaseFactory:
    """A staff POST action: outsiders get 404 and change nothing; GET is not allowed."""

    def cases(w: World) -> list[Case]:
        kwargs = {arg: _pk(w, key) for arg, key in keys.items()}
        url = _s(name, w, **kwargs)
        return [
            Case(url, STAFF_WRITE, method="post", data=data(w)),
            Case(url, expect(default={404, 405}), method="get"),
        ]

    return cases


def _version(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"version": w.objects[key].version}


def _dispatch_retry_cases(w: World) -> list[Case]:
    """Retrying a failed e-mail: staff only; through another meeting it is not found."""
    retry = _staff_action(
        "dispatch_retry", lambda w: {}, pk="meeting", dispatch_pk="failed_dispatch"
    )
    elsewhere = _s(
        "dispatch_retry", w, pk=_pk(w, "past_meeting"), dispatch_pk=_pk(w, "failed_dispatch")
    )
    return [*retry(w), Case(elsewhere, NOBODY, method="post")]


def _consultation_delete_url(w: World) -> str:
    consultation = w.objects["public_paper"].consultations.first()
    return _s("consultation_delete", w, pk=_pk(w, "public_paper"), consultation_pk=consultation.pk)


STAFF_CASES: dict[str, CaseFactory] = {
    "council_staff:dashboard": _staff_page("dashboard"),
    "council_staff:organization_list": _staff_page("organization_list"),
    "council_staff:organization_create": _staff_page("organization_create"),
    "council_staff:organization_edit": _staff_page("organization_edit", "beirat", "other_org"),
    "council_staff:legislative_term_list": _staff_page("legislative_term_list"),
    "council_staff:legislative_term_create": _staff_page("legislative_term_create"),
    "council_staff:legislative_term_edit": _staff_page("legislative_term_edit", "term"),
    "council_staff:person_list": _staff_page("person_list"),
    "council_staff:person_create": _staff_page("person_create"),
    "council_staff:person_edit": _staff_page("person_edit", "shy_person", "other_person"),
    "council_staff:membership_list": _staff_page("membership_list"),
    "council_staff:membership_create": _staff_page("membership_create"),
    "council_staff:membership_edit": _staff_page("membership_edit", "chair_membership"),
    "council_staff:membership_end": lambda w: [
        Case(_s("membership_end", w, pk=_pk(w, "chair_membership")), STAFF_ONLY),
        Case(
            _s("membership_end", w, pk=_pk(w, "chair_membership")),
            STAFF_WRITE,
            method="post",
            data={"version": w.objects["chair_membership"].version, "end_date": "2026-01-31"},
        ),
    ],
    "council_staff:session_rules_list": _staff_page("session_rules_list"),
    "council_staff:session_rules_create": _staff_page("session_rules_create"),
    "council_staff:session_rules_edit": _staff_page(
        "session_rules_edit", "session_rules", "other_session_rules"
    ),
    "council_staff:location_list": _staff_page("location_list"),
    "council_staff:location_create": _staff_page("location_create"),
    "council_staff:location_edit": _staff_page("location_edit", "location"),
    "council_staff:meeting_list": _staff_page("meeting_list"),
    "council_staff:meeting_create": _staff_page("meeting_create"),
    "council_staff:meeting_edit": _staff_page("meeting_edit", "meeting", "other_meeting"),
    "council_staff:meeting_cancel": _staff_action(
        "meeting_cancel", _version("meeting"), pk="meeting"
    ),
    "council_staff:invitation": _staff_page("invitation", "meeting", "other_meeting"),
    "council_staff:invitation_preview_pdf": lambda w: [
        Case(_s("invitation_preview_pdf", w, pk=_pk(w, "meeting")), STAFF_ONLY),
        Case(_s("invitation_preview_pdf", w, pk=_pk(w, "other_meeting")), NOBODY),
    ],
    "council_staff:invitation_send": _staff_action(
        "invitation_send", lambda w: {"confirm_late": "on"}, pk="meeting"
    ),
    "council_staff:dispatch_retry": lambda w: _dispatch_retry_cases(w),
    "council_staff:minutes": lambda w: [
        Case(_s("minutes", w, pk=_pk(w, "past_meeting")), STAFF_ONLY),
        Case(_s("minutes", w, pk=_pk(w, "meeting")), STAFF_ONLY),
        Case(_s("minutes", w, pk=_pk(w, "other_meeting")), NOBODY),
        Case(_s("minutes", w, pk=_pk(w, "past_meeting")), STAFF_WRITE, method="post"),
        Case(
            _s("minutes", w, pk=_pk(w, "past_meeting")),
            STAFF_WRITE,
            method="post",
            data={"action": "send"},
        ),
        Case(
            _s("minutes", w, pk=_pk(w, "meeting")),
            STAFF_WRITE,
            method="post",
            data={"action": "draft"},
        ),
    ],
    "council_staff:meeting_history": _staff_page("meeting_history", "meeting", "other_meeting"),
    # Sitzungsverlauf: the desk, attendance, votes and outcomes (staff only; an attendance
    # row or item addressed through another meeting is not found).
    "council_staff:session_desk": _staff_page("session_desk", "meeting", "other_meeting"),
    "council_staff:session_attendance_prefill": _staff_action(
        "session_attendance_prefill", lambda w: {}, pk="meeting"
    ),
    "council_staff:session_attendance_set": lambda w: [
        *_staff_action(
            "session_attendance_set",
            lambda w: {
                f"a{_pk(w, 'shy_attendance')}-status": "excused",
                f"a{_pk(w, 'shy_attendance')}-version": w.objects["shy_attendance"].version,
            },
            pk="meeting",
            attendance_pk="shy_attendance",
        )(w),
        Case(
            _s(
                "session_attendance_set",
                w,
                pk=_pk(w, "past_meeting"),
                attendance_pk=_pk(w, "shy_attendance"),
            ),
            NOBODY,
            method="post",
        ),
    ],
    "council_staff:session_vote": lambda w: [
        Case(
            _s("session_vote", w, pk=_pk(w, "meeting"), item_pk=_pk(w, "secret_item")),
            STAFF_ONLY,
        ),
        Case(
            _s("session_vote", w, pk=_pk(w, "meeting"), item_pk=_pk(w, "secret_item")),
            STAFF_WRITE,
            method="post",
            data={
                f"v{_pk(w, 'secret_item')}-{key}": value
                for key, value in (("yes", 3), ("no", 1), ("abstain", 0), ("version", 1))
            },
        ),
        Case(
            _s("session_vote", w, pk=_pk(w, "past_meeting"), item_pk=_pk(w, "secret_item")),
            NOBODY,
        ),
    ],
    "council_staff:session_outcome": lambda w: [
        *_staff_action(
            "session_outcome",
            lambda w: {
                f"o{_pk(w, 'secret_item')}-outcome": "postponed",
                f"o{_pk(w, 'secret_item')}-version": w.objects["secret_item"].version,
            },
            pk="meeting",
            item_pk="secret_item",
        )(w),
        Case(
            _s("session_outcome", w, pk=_pk(w, "past_meeting"), item_pk=_pk(w, "secret_item")),
            NOBODY,
            method="post",
        ),
    ],
    "council_staff:agenda_item_create": _staff_action(
        "agenda_item_create", lambda w: {"name": "Neuer Punkt", "public": "on"}, pk="meeting"
    ),
    "council_staff:agenda_item_edit": lambda w: [
        Case(
            _s("agenda_item_edit", w, pk=_pk(w, "meeting"), item_pk=_pk(w, "secret_item")),
            STAFF_ONLY,
        ),
        Case(
            _s("agenda_item_edit", w, pk=_pk(w, "meeting"), item_pk=_pk(w, "secret_item")),
            STAFF_WRITE,
            method="post",
        ),
        # An item addressed through another meeting is not found.
        Case(
            _s("agenda_item_edit", w, pk=_pk(w, "past_meeting"), item_pk=_pk(w, "secret_item")),
            NOBODY,
        ),
    ],
    "council_staff:agenda_item_move": _staff_action(
        "agenda_item_move", lambda w: {"direction": "up"}, pk="meeting", item_pk="secret_item"
    ),
    "council_staff:agenda_item_reorder": _staff_action(
        "agenda_item_reorder",
        lambda w: {"order": f"{_pk(w, 'secret_item')},{_pk(w, 'public_item')}"},
        pk="meeting",
    ),
    "council_staff:agenda_item_delete": _staff_action(
        "agenda_item_delete", _version("secret_item"), pk="meeting", item_pk="secret_item"
    ),
    "council_staff:paper_list": _staff_page("paper_list"),
    "council_staff:paper_create": _staff_page("paper_create"),
    "council_staff:paper_edit": _staff_page("paper_edit", "secret_paper", "other_paper"),
    "council_staff:paper_history": _staff_page("paper_history", "secret_paper", "other_paper"),
    "council_staff:consultation_create": _staff_action(
        "consultation_create", lambda w: {"organization": _pk(w, "stadtrat")}, pk="public_paper"
    ),
    "council_staff:consultation_delete": lambda w: [
        Case(_consultation_delete_url(w), STAFF_WRITE, method="post", data={"version": 1}),
        Case(_consultation_delete_url(w), expect(default={404, 405})),
    ],
    "council_staff:file_list": _staff_page("file_list"),
    "council_staff:file_upload": lambda w: [
        Case(_s("file_upload", w), STAFF_ONLY),
        Case(_s("file_upload", w), STAFF_WRITE, method="post"),
    ],
}

CASES: dict[str, CaseFactory] = {**PUBLIC_CASES, **ACCOUNT_CASES, **STAFF_CASES}


# --- the integration concept: public versions for everyone, the AG's draft for staff ------


def _c(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"concept:{name}", kwargs={"body": world.body.slug, **kwargs})


def _concept_cases(name: str, public: str, draft: str, other: str) -> CaseFactory:
    """The public record for everyone; the draft's (SECRET in its titles) for the body's
    staff only (none of the other roles belongs to the drafting AG); the other body's for
    nobody under body A's address."""

    def cases(w: World) -> list[Case]:
        return [
            Case(_c(name, w, pk=_pk(w, public)), EVERYONE),
            Case(_c(name, w, pk=_pk(w, draft)), STAFF_ONLY),
            Case(_c(name, w, pk=_pk(w, other)), NOBODY),
        ]

    return cases


CONCEPT_CASES: dict[str, CaseFactory] = {
    "concept:index": lambda w: [
        Case(_c("index", w), EVERYONE),
        Case(_c("index", w) + "?feld=abc&status=fertig&zustaendig=o1", EVERYONE),
        Case(reverse("concept:index", kwargs={"body": "gibt-es-nicht"}), NOBODY),
    ],
    "concept:version_detail": _concept_cases(
        "version_detail", "concept_version", "concept_draft", "other_concept_version"
    ),
    "concept:version_measures": lambda w: [
        *_concept_cases(
            "version_measures", "concept_version", "concept_draft", "other_concept_version"
        )(w),
        Case(
            _c("version_measures", w, pk=_pk(w, "concept_version"))
            + "?feld=abc&ziel=x&status=fertig&zustaendig=o1&seite=99",
            EVERYONE,
        ),
    ],
    "concept:version_compare": _concept_cases(
        "version_compare", "concept_version", "concept_draft", "other_concept_version"
    ),
    "concept:goal_detail": _concept_cases(
        "goal_detail", "concept_goal", "concept_draft_goal", "other_concept_goal"
    ),
    "concept:measure_detail": _concept_cases(
        "measure_detail", "concept_measure", "concept_draft_measure", "other_concept_measure"
    ),
    **{
        f"concept:version_export_{kind}": _concept_cases(
            f"version_export_{kind}", "concept_version", "concept_draft", "other_concept_version"
        )
        for kind in ("csv", "xlsx", "json")
    },
}
CASES.update(CONCEPT_CASES)


# --- the integration monitoring: public reference data for everyone ---------------------


def _mon(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"monitoring:{name}", kwargs={"body": world.body.slug, **kwargs})


def _monitoring_download(kind: str) -> CaseFactory:
    def cases(w: World) -> list[Case]:
        name = f"table_{kind}"
        return [
            Case(_mon(name, w, reference_date="2024-12-31"), EVERYONE),
            Case(_mon(name, w, reference_date="2020-01-01"), NOBODY),
            Case(_mon(name, w, reference_date="gestern"), NOBODY),
        ]

    return cases


MONITORING_CASES: dict[str, CaseFactory] = {
    "monitoring:index": lambda w: [
        Case(_mon("index", w), EVERYONE),
        Case(_mon("index", w) + "?indikator=residents&einteilung=gleich", EVERYONE),
        Case(_mon("index", w) + f"?indikator={SECRET[:6]}&stichtag=x&einteilung=y", EVERYONE),
        Case(reverse("monitoring:index", kwargs={"body": "gibt-es-nicht"}), NOBODY),
    ],
    "monitoring:district": lambda w: [
        Case(_mon("district", w, code="Q1"), EVERYONE),
        Case(_mon("district", w, code="S1"), EVERYONE),
        Case(_mon("district", w, code="X1"), NOBODY),
    ],
    "monitoring:comparison": lambda w: [
        Case(_mon("comparison", w), EVERYONE),
        Case(_mon("comparison", w) + "?stichtag=1999-01-01", EVERYONE),
    ],
    **{
        f"monitoring:table_{kind}": _monitoring_download(kind)
        for kind in ("csv", "xlsx", "geojson")
    },
}
CASES.update(MONITORING_CASES)


# --- the concept's staff pages: staff of the body, and the AG drafting a draft ----------
#
# Staff of body A use every page. The current members of the AG drafting a draft may use
# its version page, goals, measures, report, table template and import, and see the
# overview (their drafts only); none of the roles belongs to that AG, so the Beirat's
# member gets 404 like everyone else, and only staff see the draft's SECRET titles.


def _cs(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"concept_staff:{name}", kwargs={"body": world.body.slug, **kwargs})


def _today() -> str:
    return timezone.localdate().isoformat()


def _concept_staff_page(
    name: str,
    *keys: str,
    other: str | None = None,
    post: Callable[[World], dict[str, Any]] | None = None,
    query: str = "",
) -> CaseFactory:
    """A staff GET page of each record in `keys` (with `query`), for staff only; the
    other body's record (`other`) for nobody under body A's address; with `post`, a
    save of the first record that succeeds for staff and changes nothing for the rest."""

    def cases(w: World) -> list[Case]:
        result = [Case(_cs(name, w, pk=_pk(w, key)) + query, STAFF_ONLY) for key in keys]
        if post is not None:
            url = _cs(name, w, pk=_pk(w, keys[0]))
            result.append(Case(url, STAFF_WRITE, method="post", data=post(w), writes=True))
        if other is not None:
            result.append(Case(_cs(name, w, pk=_pk(w, other)), NOBODY))
            if post is not None:
                result.append(Case(_cs(name, w, pk=_pk(w, other)), NOBODY, method="post"))
        return result

    return cases


def _concept_staff_action(
    name: str,
    data: Callable[[World], dict[str, Any]],
    key: str | None = None,
    other: str | None = None,
) -> CaseFactory:
    """A staff POST action that succeeds for staff: everyone else gets 404 and changes
    nothing; GET is not allowed; through the other body's record it is not found."""

    def cases(w: World) -> list[Case]:
        url = _cs(name, w, pk=_pk(w, key)) if key else _cs(name, w)
        result = [
            Case(url, STAFF_WRITE, method="post", data=data(w), writes=True),
            Case(url, expect(default={404, 405})),
        ]
        if other is not None:
            result.append(Case(_cs(name, w, pk=_pk(w, other)), NOBODY, method="post"))
        return result

    return cases


def _delete_data(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"version": w.objects[key].version, "confirmed": "1"}


def _goal_data(w: World) -> dict[str, Any]:
    return {
        "action_field": _pk(w, "concept_draft_field"),
        "number": 1,
        "title": "Mehr Sprachkurse",
        "justification": "",
        "priority": "",
        "origin": "working_group",
        "origin_organization": "",
        "weight": "",
        "version": w.objects["concept_draft_goal"].version,
    }


def _measure_data(w: World) -> dict[str, Any]:
    return {
        "action_field": _pk(w, "concept_draft_field"),
        "number": 1,
        "title": "Sprachcafé im Quartier",
        "goals": [_pk(w, "concept_draft_goal")],
        "version": w.objects["concept_draft_measure"].version,
    }


def _report_data(w: World) -> dict[str, Any]:
    return {
        "organization": _pk(w, "ag"),
        "goals": [_pk(w, "concept_draft_goal")],
        "measures": [_pk(w, "concept_draft_measure")],
        "to": _pk(w, "beirat"),
        "title": "Zwischenbericht der AG",
        "date": _today(),
    }


class _Upload(SimpleUploadedFile):
    """An uploaded file the test client can send once per role: it reads from the start."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        return bytes(super().read(*args))


def _measures_table(w: World) -> dict[str, Any]:
    """A CSV table with one valid measure for the draft's field 1 and goal 1."""
    row = {"action_field": "1", "title": "Sprachcafé aus der Tabelle", "goals": "1"}
    lines = [
        ";".join(str(column.header) for column in COLUMNS),
        ";".join(row.get(column.key, "") for column in COLUMNS),
    ]
    return {"file": _Upload("massnahmen.csv", "\n".join(lines).encode("cp1252"), "text/csv")}


def _adopt_cases(w: World) -> list[Case]:
    """The draft, once in deliberation, is adopted by the Beirat's resolution."""
    draft = w.objects["concept_draft"]
    w.objects["concept_draft"] = concept_services.version_submit(
        version=draft, expected_version=draft.version
    )
    return _concept_staff_page(
        "version_adopt",
        "concept_draft",
        other="other_concept_version",
        post=lambda w: {
            "resolutions": [_pk(w, "past_secret_item")],
            "adopted_on": _today(),
            "version": w.objects["concept_draft"].version,
        },
    )(w)


def _revise_cases(w: World) -> list[Case]:
    """The version in force is revised, once no draft is under way (the AG's is gone)."""
    ConceptVersion.objects.filter(pk=_pk(w, "concept_draft")).update(deleted=True)
    return _concept_staff_page(
        "version_revise",
        "concept_version",
        other="other_concept_version",
        post=lambda w: {"number": "3.0", "drafted_by": _pk(w, "ag")},
    )(w)


def _action_field_delete_cases(w: World) -> list[Case]:
    """An empty field of action of the draft is deleted (one with goals is refused)."""
    w.objects["concept_empty_field"] = concept_services.action_field_create(
        concept_version=w.objects["concept_draft"], title="Wohnen"
    )
    return _concept_staff_action(
        "action_field_delete",
        _delete_data("concept_empty_field"),
        "concept_empty_field",
        other="other_concept_field",
    )(w)


DRAFT_PAGES = ("concept_draft", "concept_version")

CONCEPT_STAFF_CASES: dict[str, CaseFactory] = {
    "concept_staff:overview": lambda w: [Case(_cs("overview", w), STAFF_ONLY)],
    "concept_staff:concept_create": _concept_staff_action(
        "concept_create", lambda w: {"concept-title": "Teilhabekonzept"}
    ),
    "concept_staff:version_create": _concept_staff_action(
        "version_create",
        lambda w: {"version-concept": _pk(w, "concept"), "version-number": "3.0"},
    ),
    "concept_staff:version": _concept_staff_page(
        "version", *DRAFT_PAGES, other="other_concept_version"
    ),
    "concept_staff:version_edit": _concept_staff_page(
        "version_edit",
        *DRAFT_PAGES,
        other="other_concept_version",
        post=lambda w: {
            "number": "2.0",
            "title": "Integrationskonzept 2030",
            "summary": "",
            "drafted_by": _pk(w, "ag"),
            "version": w.objects["concept_draft"].version,
        },
    ),
    "concept_staff:version_submit": _concept_staff_action(
        "version_submit", _version("concept_draft"), "concept_draft", "other_concept_version"
    ),
    "concept_staff:version_adopt": _adopt_cases,
    "concept_staff:version_revise": _revise_cases,
    "concept_staff:action_field_create": _concept_staff_action(
        "action_field_create",
        lambda w: {"field-title": "Arbeit"},
        "concept_draft",
        "other_concept_version",
    ),
    "concept_staff:goal_create": _concept_staff_page(
        "goal_create",
        *DRAFT_PAGES,
        other="other_concept_version",
        post=lambda w: {
            "goal-action_field": _pk(w, "concept_draft_field"),
            "goal-title": "Neues Ziel",
        },
    ),
    "concept_staff:measure_create": _concept_staff_page(
        "measure_create",
        *DRAFT_PAGES,
        other="other_concept_version",
        post=lambda w: {
            "measure-action_field": _pk(w, "concept_draft_field"),
            "measure-title": "Neue Maßnahme",
            "measure-goals": [_pk(w, "concept_draft_goal")],
        },
    ),
    "concept_staff:action_field_edit": _concept_staff_page(
        "action_field_edit",
        "concept_draft_field",
        "concept_field",
        other="other_concept_field",
        post=lambda w: {
            "number": 1,
            "title": "Sprache und Bildung",
            "description": "",
            "weight": "",
            "version": w.objects["concept_draft_field"].version,
        },
    ),
    "concept_staff:action_field_delete": _action_field_delete_cases,
    "concept_staff:goal_edit": _concept_staff_page(
        "goal_edit",
        "concept_draft_goal",
        "concept_goal",
        other="other_concept_goal",
        post=_goal_data,
    ),
    "concept_staff:goal_delete": _concept_staff_action(
        "goal_delete",
        _delete_data("concept_draft_goal"),
        "concept_draft_goal",
        "other_concept_goal",
    ),
    "concept_staff:measure_edit": _concept_staff_page(
        "measure_edit",
        "concept_draft_measure",
        "concept_measure",
        other="other_concept_measure",
        post=_measure_data,
    ),
    "concept_staff:measure_delete": _concept_staff_action(
        "measure_delete",
        _delete_data("concept_draft_measure"),
        "concept_draft_measure",
        "other_concept_measure",
    ),
    "concept_staff:measure_status": _concept_staff_action(
        "measure_status",
        lambda w: {
            "status-status": "done",
            "status-date": _today(),
            "status-progress": "100",
            "status-note": "",
            "status-version": w.objects["concept_measure"].version,
        },
        "concept_measure",
        "other_concept_measure",
    ),
    "concept_staff:measure_motion": _concept_staff_action(
        "measure_motion",
        lambda w: {
            "motion-by": _pk(w, "beirat"),
            "motion-to": _pk(w, "stadtrat"),
            "motion-version": w.objects["concept_draft_measure"].version,
        },
        "concept_draft_measure",
        "other_concept_measure",
    ),
    "concept_staff:report": _concept_staff_page(
        "report", *DRAFT_PAGES, other="other_concept_version", post=_report_data
    ),
    "concept_staff:spreadsheet_template": _concept_staff_page(
        "spreadsheet_template", *DRAFT_PAGES, other="other_concept_version"
    ),
    "concept_staff:measures_import": _concept_staff_page(
        "measures_import", *DRAFT_PAGES, other="other_concept_version", post=_measures_table
    ),
}
CASES.update(CONCEPT_STAFF_CASES)


# --- the monitoring's staff pages: staff of the body only -------------------------------


def _ms(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"monitoring_staff:{name}", kwargs={"body": world.body.slug, **kwargs})


def _districts_file(w: World) -> dict[str, Any]:
    """A valid GeoJSON file with one new Stadtteil: its preview writes nothing."""
    ring = [[7.5, 49.7], [7.51, 49.7], [7.51, 49.71], [7.5, 49.71], [7.5, 49.7]]
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "S9", "name": "Südstadt", "ebene": "Stadtteil"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    return {"file": _Upload("gebiete.geojson", json.dumps(data).encode(), "application/json")}


def _snapshot_file(w: World) -> dict[str, Any]:
    """A valid aggregated table for a new reference date: staff load it."""
    table = "Gebiet;Merkmal;Ausprägung;Anzahl\nQ1;population;total;140\nQ2;population;total;500\n"
    return {
        "reference_date": "2025-06-30",
        "file": _Upload("stand.csv", table.encode(), "text/csv"),
    }


MONITORING_STAFF_CASES: dict[str, CaseFactory] = {
    "monitoring_staff:overview": lambda w: [
        Case(_ms("overview", w), STAFF_ONLY),
        Case(reverse("monitoring_staff:overview", kwargs={"body": "gibt-es-nicht"}), NOBODY),
    ],
    "monitoring_staff:districts_upload": lambda w: [
        Case(_ms("districts_upload", w), STAFF_ONLY),
        # The preview: the file checked in a rolled-back transaction, nothing written.
        Case(_ms("districts_upload", w), STAFF_ONLY, method="post", data=_districts_file(w)),
    ],
    "monitoring_staff:districts_confirm": lambda w: [
        # Without a preview of this session there is nothing to confirm: back to the upload.
        Case(_ms("districts_confirm", w), STAFF_WRITE, method="post", data={"token": "x" * 32}),
        Case(_ms("districts_confirm", w), expect(default={404, 405})),
    ],
    "monitoring_staff:snapshot_upload": lambda w: [
        Case(_ms("snapshot_upload", w), STAFF_ONLY),
        Case(
            _ms("snapshot_upload", w),
            STAFF_ONLY,
            method="post",
            data=_snapshot_file(w),
            writes=True,
        ),
    ],
    "monitoring_staff:indicators": lambda w: [Case(_ms("indicators", w), STAFF_ONLY)],
    "monitoring_staff:indicator_create": lambda w: [
        Case(_ms("indicator_create", w), STAFF_ONLY),
        Case(
            _ms("indicator_create", w),
            STAFF_WRITE,
            method="post",
            data={
                "code": "neu",
                "name": "Neu",
                "definition": "Neu",
                "numerator": ["sex:w"],
                "denominator": ["population:total"],
            },
            writes=True,
        ),
    ],
    "monitoring_staff:indicator_edit": lambda w: [
        Case(_ms("indicator_edit", w, pk=_pk(w, "monitoring_indicator")), STAFF_ONLY),
        Case(
            _ms("indicator_edit", w, pk=_pk(w, "monitoring_indicator")),
            STAFF_WRITE,
            method="post",
            data={
                "name": "Geändert",
                "definition": "Geändert",
                "numerator": ["sex:w"],
                "version": w.objects["monitoring_indicator"].version,
            },
            writes=True,
        ),
        Case(_ms("indicator_edit", w, pk=987654), NOBODY),
    ],
    "monitoring_staff:indicator_delete": lambda w: [
        Case(
            _ms("indicator_delete", w, pk=_pk(w, "monitoring_indicator")),
            STAFF_WRITE,
            method="post",
            data={"version": w.objects["monitoring_indicator"].version, "confirmed": "1"},
            writes=True,
        ),
        Case(
            _ms("indicator_delete", w, pk=_pk(w, "monitoring_indicator")),
            expect(default={404, 405}),
        ),
    ],
    "monitoring_staff:snapshot_job": lambda w: [
        Case(_ms("snapshot_job", w, pk=_pk(w, "monitoring_job")), STAFF_ONLY),
        Case(_ms("snapshot_job", w, pk=_pk(w, "other_monitoring_job")), NOBODY),
        Case(
            _ms("snapshot_job", w, pk=_pk(w, "monitoring_job")),
            expect(default={404, 405}),
            method="post",
            data={},
        ),
    ],
    "monitoring_staff:snapshot_delete": lambda w: [
        Case(
            _ms("snapshot_delete", w, pk=_pk(w, "monitoring_snapshot")),
            STAFF_WRITE,
            method="post",
            data={"version": w.objects["monitoring_snapshot"].version, "confirmed": "1"},
            writes=True,
        ),
        Case(
            _ms("snapshot_delete", w, pk=_pk(w, "monitoring_snapshot")),
            expect(default={404, 405}),
        ),
        Case(_ms("snapshot_delete", w, pk=987654), NOBODY, method="post", data={"confirmed": "1"}),
    ],
}
CASES.update(MONITORING_STAFF_CASES)


# --- needs (Handlungsbedarfe) and their thresholds: staff of the body only --------------


def _ps(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"participation_staff:{name}", kwargs={"body": world.body.slug, **kwargs})


def _participation(w: World) -> World:
    """A threshold of body A on the foreigners' share, and the need it proposes for Q2 (Q1's
    2 foreigners are suppressed and propose nothing); made once per world."""
    from teilhabe.participation import services as participation_services
    from teilhabe.participation.models import Need, Rule

    if "participation_threshold" not in w.objects:
        w.objects["participation_threshold"] = participation_services.threshold_create(
            body=w.body, indicator="foreigners_share", rule=Rule.ABOVE_VALUE, value=0
        )
        participation_services.needs_propose(snapshot=w.objects["monitoring_snapshot"])
        w.objects["participation_need"] = Need.objects.get(body=w.body)
    return w


def _need_action(name: str, data: Callable[[World], dict[str, Any]]) -> CaseFactory:
    def cases(w: World) -> list[Case]:
        url = _ps(name, _participation(w), pk=_pk(w, "participation_need"))
        return [
            Case(url, STAFF_WRITE, method="post", data=data(w), writes=True),
            Case(url, expect(default={404, 405})),
            Case(_ps(name, w, pk=987654), NOBODY, method="post", data=data(w)),
        ]

    return cases


def _threshold_data(w: World) -> dict[str, Any]:
    return {
        "indicator": "foreigners_share",
        "rule": "above_city",
        "value": "5",
        "active": "on",
        "version": w.objects["participation_threshold"].version,
    }


PARTICIPATION_STAFF_CASES: dict[str, CaseFactory] = {
    "participation_staff:needs": lambda w: [
        Case(_ps("needs", _participation(w)), STAFF_ONLY),
        Case(_ps("needs", w) + "?status=proposed&gebiet=1", STAFF_ONLY),
        Case(reverse("participation_staff:needs", kwargs={"body": "gibt-es-nicht"}), NOBODY),
    ],
    "participation_staff:needs_propose": lambda w: [
        Case(
            _ps("needs_propose", _participation(w)),
            STAFF_WRITE,
            method="post",
            data={"snapshot": _pk(w, "monitoring_snapshot")},
            # The need exists: a second run proposes nothing new, and so writes nothing.
        ),
        Case(_ps("needs_propose", w), expect(default={404, 405})),
    ],
    "participation_staff:need_confirm": _need_action(
        "need_confirm", lambda w: {"version": w.objects["participation_need"].version}
    ),
    "participation_staff:need_dismiss": _need_action(
        "need_dismiss", lambda w: {"version": w.objects["participation_need"].version}
    ),
    "participation_staff:need_comment": _need_action(
        "need_comment",
        lambda w: {"version": w.objects["participation_need"].version, "comment": "Kita"},
    ),
    "participation_staff:need_link_goal": _need_action(
        "need_link_goal",
        lambda w: {
            "version": w.objects["participation_need"].version,
            "goal": _pk(w, "concept_goal"),
        },
    ),
    "participation_staff:thresholds": lambda w: [
        Case(_ps("thresholds", _participation(w)), STAFF_ONLY),
    ],
    "participation_staff:threshold_create": lambda w: [
        Case(_ps("threshold_create", w), STAFF_ONLY),
        Case(
            _ps("threshold_create", w),
            STAFF_WRITE,
            method="post",
            data={"indicator": "foreigners_share", "rule": "above_value", "value": "10"},
            writes=True,
        ),
        Case(_ps("threshold_create", w), STAFF_ONLY, method="post"),
    ],
    "participation_staff:threshold_update": lambda w: [
        Case(
            _ps("threshold_update", _participation(w), pk=_pk(w, "participation_threshold")),
            STAFF_ONLY,
        ),
        Case(
            _ps("threshold_update", w, pk=_pk(w, "participation_threshold")),
            STAFF_WRITE,
            method="post",
            data=_threshold_data(w),
            writes=True,
        ),
        Case(_ps("threshold_update", w, pk=987654), NOBODY),
    ],
    "participation_staff:threshold_delete": lambda w: [
        Case(
            _ps("threshold_delete", _participation(w), pk=_pk(w, "participation_threshold")),
            STAFF_WRITE,
            method="post",
            data={"version": w.objects["participation_threshold"].version, "confirmed": "1"},
            writes=True,
        ),
        Case(
            _ps("threshold_delete", w, pk=_pk(w, "participation_threshold")),
            expect(default={404, 405}),
        ),
        Case(_ps("threshold_delete", w, pk=987654), NOBODY, method="post", data={"confirmed": "1"}),
    ],
}
CASES.update(PARTICIPATION_STAFF_CASES)


# --- the member area and motions ---------------------------------------------------------

# Logged-in persons of body A; anyone else logged in has no member area there.
MEMBER_AREA = expect(default=NOT_FOUND, anonymous=TO_LOGIN, member=OK, member_of_other_org=OK)


def _m(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"council_member:{name}", kwargs={"body": world.body.slug, **kwargs})


def _member_motion(w: World) -> Any:
    """A non-public motion (SECRET in its title) that `member` filed for the next session."""
    if "member_motion" not in w.objects:
        w.objects["member_motion"] = services.motion_submit(
            body=w.body,
            by=w.users["member"],
            meeting=w.objects["meeting"],
            name=f"Antrag {SECRET}",
            proposed_resolution="Der Beirat beschließt.",
            justification="Begründung.",
            public=False,
        )
    return w.objects["member_motion"]


def _calendar_token(w: World, role: str) -> str:
    return calendar_token_reset(user=w.users[role])


def _member_page(name: str) -> CaseFactory:
    def cases(w: World) -> list[Case]:
        _member_motion(w)
        return [Case(_m(name, w), MEMBER_AREA)]

    return cases


def _calendar_feed_cases(w: World, member_token: str, other_token: str) -> list[Case]:
    return [
        # The secret address is the key, whoever uses it; the member's own feed carries
        # the video link of their session (SECRET), so it is not leak-checked.
        Case(_m("calendar_feed", w, token=member_token), EVERYONE, check_leaks=False),
        Case(_m("calendar_feed", w, token=other_token), EVERYONE),
        Case(_m("calendar_feed", w, token="falsch"), NOBODY),
        Case(
            reverse(
                "council_member:calendar_feed", kwargs={"body": "stadt-b", "token": other_token}
            ),
            NOBODY,
        ),
    ]


MEMBER_CASES: dict[str, CaseFactory] = {
    "council_member:meetings": _member_page("meetings"),
    "council_member:motion_list": _member_page("motion_list"),
    "council_member:motion_create": lambda w: [
        Case(_m("motion_create", w), MEMBER_AREA),
        # Empty input: the form again with its errors, nothing written.
        Case(_m("motion_create", w), MEMBER_AREA, method="post"),
    ],
    "council_member:motion_submitted": lambda w: [
        # Only the filer sees the confirmation.
        Case(
            _m("motion_submitted", w, pk=_member_motion(w).pk),
            expect(default=NOT_FOUND, anonymous=TO_LOGIN, member=OK),
        ),
        Case(
            _m("motion_submitted", w, pk=_pk(w, "public_paper")),
            expect(default=NOT_FOUND, anonymous=TO_LOGIN),
        ),
    ],
    # The members' copy of the minutes (SECRET in a non-public item's note): members of
    # the Beirat only; a member of the Stadtrat, and everyone without a person, get 404.
    "council_member:minutes": lambda w: [
        Case(
            _m("minutes", w, pk=_pk(w, "past_meeting")),
            expect(default=NOT_FOUND, anonymous=TO_LOGIN, member=OK),
        ),
        Case(
            _m("minutes", w, pk=_pk(w, "other_meeting")),
            expect(default=NOT_FOUND, anonymous=TO_LOGIN),
        ),
    ],
    "council_member:calendar_reset": lambda w: [
        Case(
            _m("calendar_reset", w),
            expect(default=NOT_FOUND, anonymous=TO_LOGIN, member={302}, member_of_other_org={302}),
            method="post",
        ),
        Case(_m("calendar_reset", w), expect(default={405})),
    ],
    "council_member:calendar_feed": lambda w: _calendar_feed_cases(
        w, _calendar_token(w, "member"), _calendar_token(w, "member_of_other_org")
    ),
    "council_staff:motion_put_on_agenda": lambda w: [
        Case(
            _s("motion_put_on_agenda", w, pk=_member_motion(w).pk),
            STAFF_WRITE,
            method="post",
            data={"agenda-meeting": _pk(w, "meeting"), "agenda-public": "0", "agenda-version": 1},
        ),
        Case(_s("motion_put_on_agenda", w, pk=_member_motion(w).pk), expect(default={404, 405})),
    ],
}
CASES.update(MEMBER_CASES)


# --- the OParl API: public open data, the same for every role ---------------------------

BAD_REQUEST = expect(default={400})


def _o(name: str, **kwargs: Any) -> str:
    return reverse(f"oparl:{name}", kwargs=kwargs or None)


def _oparl(path: str, statuses: dict[str, set[int]], other_bodies: bool = False) -> Case:
    return Case(path, statuses, public_only=True, other_bodies=other_bodies)


def _shy_membership(w: World) -> Any:
    return w.objects["shy_person"].memberships.get()


def _consultation_in(w: World, item_key: str) -> Any:
    return w.objects["public_paper"].consultations.get(agenda_item=w.objects[item_key])


# For each OParl type: objects everyone may read, and objects nobody may read through
# OParl (not public, or a person without consent), whatever they may see on the pages.
OPARL_OBJECTS: dict[str, Callable[[World], tuple[list[Any], list[Any]]]] = {
    "legislativeterm": lambda w: ([w.objects["term"]], []),
    "location": lambda w: ([w.objects["location"]], []),
    "organization": lambda w: ([w.objects["beirat"], w.objects["ag"]], []),
    "person": lambda w: ([w.objects["chair"]], [w.objects["shy_person"]]),
    "membership": lambda w: ([w.objects["chair_membership"]], [_shy_membership(w)]),
    "meeting": lambda w: ([w.objects["meeting"], w.objects["past_meeting"]], []),
    "agendaitem": lambda w: ([w.objects["public_item"]], [w.objects["secret_item"]]),
    "paper": lambda w: ([w.objects["public_paper"]], [w.objects["secret_paper"]]),
    "consultation": lambda w: (
        [_consultation_in(w, "public_item")],
        [_consultation_in(w, "secret_item")],
    ),
    "file": lambda w: (
        [w.objects["public_file"]],
        [w.objects["secret_file"], w.objects["secret_paper_file"], w.objects["invitation_file"]],
    ),
}


def _oparl_object_cases(slug: str) -> CaseFactory:
    def cases(w: World) -> list[Case]:
        readable, hidden = OPARL_OBJECTS[slug](w)
        return [
            *(_oparl(_o(slug, pk=obj.pk), EVERYONE) for obj in readable),
            *(_oparl(_o(slug, pk=obj.pk), NOBODY) for obj in hidden),
            _oparl(_o(slug, pk=987654), NOBODY),
        ]

    return cases


def _oparl_list_cases(slug: str) -> CaseFactory:
    def cases(w: World) -> list[Case]:
        url = _o(f"body_{slug}_list", pk=w.body.pk)
        return [
            _oparl(url, EVERYONE),
            _oparl(f"{url}?modified_since=2000-01-01T00:00:00%2B01:00&limit=1", EVERYONE),
            _oparl(f"{url}?modified_since=gestern", BAD_REQUEST),
            _oparl(_o(f"body_{slug}_list", pk=987654), NOBODY),
        ]

    return cases


OPARL_CASES: dict[str, CaseFactory] = {
    "oparl:system": lambda w: [_oparl(_o("system"), EVERYONE)],
    "oparl:body_list": lambda w: [_oparl(_o("body_list"), EVERYONE, other_bodies=True)],
    "oparl:body": lambda w: [
        _oparl(_o("body", pk=w.body.pk), EVERYONE),
        _oparl(_o("body", pk=_pk(w, "other_body")), EVERYONE, other_bodies=True),
        _oparl(_o("body", pk=987654), NOBODY),
    ],
    "oparl:organization_meeting_list": lambda w: [
        _oparl(_o("organization_meeting_list", pk=_pk(w, "beirat")), EVERYONE),
        _oparl(_o("organization_meeting_list", pk=987654), NOBODY),
    ],
    "oparl:not_found": lambda w: [_oparl(f"{_o('system')}gibt-es-nicht/", NOBODY)],
    **{f"oparl:{slug}": _oparl_object_cases(slug) for slug in OPARL_OBJECTS},
    **{f"oparl:body_{slug}_list": _oparl_list_cases(slug) for slug in OPARL_OBJECTS},
}
CASES.update(OPARL_CASES)


# --- the walk -------------------------------------------------------------------------


def _pattern_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _pattern_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or f'<unnamed {pattern}>'}"


def all_url_names() -> set[str]:
    return set(_pattern_names(get_resolver().url_patterns))


def _is_admin(name: str) -> bool:
    return name.startswith("admin:")


def test_every_url_pattern_is_covered():
    """A new URL without a permission case fails here, until a case is written for it."""
    uncovered = sorted(
        name for name in all_url_names() if name not in CASES and not _is_admin(name)
    )
    assert uncovered == []


def test_the_walk_sees_the_project_urls():
    """The walk itself works: it finds the public, account and admin patterns."""
    names = all_url_names()
    assert {"council:meeting_detail", "accounts:login", "admin:index"} <= names


# --- running the cases ----------------------------------------------------------------


@pytest.fixture
def world(db) -> World:
    return build_world()


def _client_for(role: str, world: World, client_factory: Callable[[], Any]) -> Any:
    client = client_factory()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _check(case: Case, role: str, response: Any) -> None:
    assert response.status_code in case.statuses[role], (
        f"{case.method.upper()} {case.path} as {role}: {response.status_code}, "
        f"expected {case.statuses[role]}"
    )
    if not case.check_leaks or response.status_code != 200 or response.streaming:
        return
    content = response.content.decode(errors="replace")
    if role not in SEES_SECRETS or case.public_only:
        assert SECRET not in content, f"{case.path} leaks a non-public marker to {role}"
    if not case.other_bodies:
        assert OTHER_BODY not in content, f"{case.path} shows the other body's data to {role}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_url_permissions(name, world, client_class):
    """Each URL answers each role as its case says, and shows no marker it may not."""
    cases = CASES[name](world)
    assert cases, name
    for case in cases:
        for role in ROLES:
            client = _client_for(role, world, client_class)
            before = _fingerprint()
            # Each request runs in a savepoint that is rolled back, so every role meets
            # the same world, also after a write.
            with transaction.atomic():
                response = getattr(client, case.method)(case.path, case.data)
                changed = _fingerprint() != before
                transaction.set_rollback(True)
            _check(case, role, response)
            if case.statuses[role] <= NOT_FOUND | {405, 302} and role not in {"staff", "admin"}:
                assert not changed, f"{case.method.upper()} {case.path} as {role} changed data"
            if case.writes and role in {"staff", "admin"}:
                assert changed, f"{case.method.upper()} {case.path} as {role} wrote nothing"


def _fingerprint() -> list[tuple[str, int, int]]:
    """Row count and sum of versions of every council, concept, monitoring, districts and
    participation table (row count only where a table has no version): any write changes it."""
    from django.apps import apps
    from django.db.models import Count, Sum

    result = []
    for app in ("council", "concept", "monitoring", "districts", "participation"):
        for model in apps.get_app_config(app).get_models():
            versioned = any(f.name == "version" for f in model._meta.concrete_fields)
            sums = {"v": Sum("version")} if versioned else {}
            agg = model._default_manager.aggregate(n=Count("pk"), **sums)
            result.append((model.__name__, agg["n"], agg.get("v") or 0))
    return result


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


# --- the Django admin: back office for staff only --------------------------------------


def _admin_urls(world: World) -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        obj = (
            model._default_manager.filter(body=world.body).first()
            if any(f.name == "body" for f in opts.fields)
            else None
        )
        if obj is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return urls


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_admin_shows_nothing_of_body_a_to_outsiders(role, world, client_class):
    """Nobody but staff of body A and superusers sees body A's rows in the admin."""
    client = _client_for(role, world, client_class)
    for url in _admin_urls(world):
        response = client.get(url)
        assert response.status_code != 500, url
        if role in {"staff"}:
            continue
        if response.status_code == 200:
            content = response.content.decode()
            assert SECRET not in content, f"admin {url} leaks to {role}"


def test_admin_works_for_superusers(world, client_class):
    client = _client_for("admin", world, client_class)
    for url in _admin_urls(world):
        assert client.get(url).status_code == 200, url


def test_login_with_the_world_password_works(world, client_class):
    """Sanity check of the world itself: its users are real users with a password."""
    client = client_class()
    response = client.post(reverse("accounts:login"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["member"].pk)
