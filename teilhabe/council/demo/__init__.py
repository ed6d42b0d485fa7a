"""The demo municipality „Musterstadt“ (and a small district beside it).

`load_demo()` creates it; `manage.py load_demo` is the command around it. Every person and
list in it is invented; the texts are modelled on real session documents of councils for
migration and integration in Rhineland-Palatinate.
"""

from teilhabe.council.demo.data import LOGINS, PASSWORD, SLUGS
from teilhabe.council.demo.loader import (
    DemoRefused,
    DemoResult,
    LoginResult,
    delete_demo,
    demo_present,
    load_demo,
)

__all__ = [
    "LOGINS",
    "PASSWORD",
    "SLUGS",
    "DemoRefused",
    "DemoResult",
    "LoginResult",
    "delete_demo",
    "demo_present",
    "load_demo",
]
