"""The learned choice of speaker: weights shipped as numbers only, the rules' answer kept where the grammar
is clear, a named person chosen where the rules find nobody. Passages written for these tests."""

from __future__ import annotations

import json
import re

import pytest

from service.extract import DIRECT, extract_quotes, ranker


def _speakers(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in extract_quotes(text) if q.kind == DIRECT]


@pytest.fixture
def rules_only(monkeypatch):
    """Extraction with the rules alone: the ranker's weights emptied."""
    monkeypatch.setattr(ranker, "WEIGHTS", {})


def test_the_shipped_weights_are_feature_names_and_numbers_only():
    payload = json.loads(ranker.WEIGHTS_PATH.read_text())
    assert "PolNeAR" in payload["trained_on"]
    assert payload["weights"]
    for name, value in payload["weights"].items():
        assert re.fullmatch(r"[a-z_]+", name), name
        assert isinstance(value, float | int)
    assert pytest.approx(payload["weights"]) == ranker.WEIGHTS


def test_an_attribution_next_to_the_quotation_is_kept():
    text = (
        "Carla Voss met Tomas Lind at the harbour on Friday.\n\n"
        '"The pier will reopen in May," said Tomas Lind. Carla Voss nodded.'
    )
    assert _speakers(text) == ["Tomas Lind"]


def test_a_quotation_the_rules_leave_unattributed_goes_to_the_person_just_described(rules_only):
    text = (
        "Carlos Mendez, who coaches the varsity team, watched from the sideline as rain fell.\n\n"
        '"They played with heart."'
    )
    assert _speakers(text) == [None]


def test_the_ranker_credits_the_person_just_described():
    text = (
        "Carlos Mendez, who coaches the varsity team, watched from the sideline as rain fell.\n\n"
        '"They played with heart."'
    )
    assert _speakers(text) == ["Carlos Mendez"]


def test_nobody_is_chosen_when_the_verbs_subject_cannot_be_named():
    text = 'Donald Trump and his aides arrived. "We are ready for this fight," they said.'
    assert _speakers(text) == [None]


def test_the_ranker_needs_no_weights_file(tmp_path):
    assert ranker.load_weights(tmp_path / "missing.json") == {}


def test_a_pronoun_next_to_a_speech_verb_puts_the_person_it_stands_for_among_the_candidates():
    text = (
        'Mayor Greta Holm opened the new bridge on Monday, a year late.\n\n"It took us four years," she said.'
    )
    with ranker.observe() as seen:
        quotes = [q for q in extract_quotes(text) if q.kind == DIRECT]
    ((_, _, cands),) = seen
    pronoun = [c for c in cands if c.features.get("pronoun_subject_after_quote")]
    assert [c.speaker.name for c in pronoun] == ["Greta Holm"]
    assert quotes[0].speaker.name == "Greta Holm"
