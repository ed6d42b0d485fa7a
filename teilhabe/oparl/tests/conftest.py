"""Fixtures of the OParl API tests: a body full of secrets, and a JSON client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.leak_world import World, build_world

API = "/oparl/v1.1/"


class Api:
    """A test client that asks the API and reads its JSON."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, url: str, expect: int = 200, **headers: Any) -> Any:
        response = self.client.get(url, **headers)
        assert response.status_code == expect, (url, response.status_code, response.content)
        return response

    def json(self, url: str, expect: int = 200, **headers: Any) -> Any:
        response = self.get(url, expect, **headers)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(response.content)


@pytest.fixture
def api(client) -> Api:
    return Api(client)


@pytest.fixture
def world(db) -> World:
    return build_world()


def walk(value: Any):
    """Every value inside a JSON document (dicts, lists and scalars), depth first."""
    yield value
    if isinstance(value, dict):
        for inner in value.values():
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)
