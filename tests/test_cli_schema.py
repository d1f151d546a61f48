"""`coconstruct schema`: what a user types and sees."""

from __future__ import annotations

import json


def test_schema_lists_choices_as_enums(cli) -> None:
    result = cli("schema", "--lang", "en")
    schema = json.loads(result.out)
    needs = schema["properties"]["answers"]["properties"]["needs"]
    assert needs["items"]["properties"]["domain"]["enum"] == [
        "economique",
        "social",
        "environnemental",
        "societal",
        None,  # `domain:` left empty in the interview
    ]
    assert needs["items"]["properties"]["id"]["pattern"] == "^N[0-9]+$"
    served = schema["properties"]["answers"]["properties"]["actions"]["items"]["properties"][
        "needs_served"
    ]
    assert served["items"]["pattern"] == "^N[0-9]+$"
