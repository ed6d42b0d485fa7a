from __future__ import annotations

from typing import Any

from teilhabe.council.forms import StaffModelForm
from teilhabe.council.models import SessionRules


class SessionRulesForm(StaffModelForm):
    class Meta:
        model = SessionRules
        fields = [
            "organization",
            "name",
            "notice_days",
            "motion_deadline_days",
            "quorum_percent",
            "repeat_quorum_minimum",
            "obliging_share_percent",
            "minutes_due_days",
        ]

    def limit_choices(self) -> None:
        field: Any = self.fields["organization"]
        field.queryset = self.organizations().holding_meetings().order_by("name")
