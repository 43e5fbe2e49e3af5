"""The extraction benchmark reads PolNeAR's brat files whole: spans named by an event further down the
file, and a quotation's second content (Content2) after its attribution. Lines written for this test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "bench_extraction", Path(__file__).resolve().parents[1] / "bench" / "extraction.py"
)
bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = bench  # its dataclasses look their module up by name
_SPEC.loader.exec_module(bench)


def test_a_second_content_defined_after_its_event_is_part_of_the_attribution():
    raw = "\n".join(
        [
            "T1\tContent 0 20\t“We will build it,”",
            "T2\tSource 21 24\tLee",
            "T3\tCue 25 29\tsaid",
            "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1 Content2:T4",
            "T4\tContent 31 52\t“It will take a year.”",
        ]
    )
    (attribution,) = bench._parse_ann(raw)
    assert attribution.source == "Lee"
    assert attribution.content == [(0, 20), (31, 52)]


def test_an_event_above_its_content_is_kept():
    raw = "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\nT1\tContent 0 9\t“Yes, no”\nT2\tSource 10 13\tLee"
    (attribution,) = bench._parse_ann(raw)
    assert (attribution.source, attribution.content) == ("Lee", [(0, 9)])
