"""`make extension`: the zip holds every file the manifest and the worker name, and asks for no more
host access than the loopback addresses (others only at run time, one origin at a time)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZIP = ROOT / "instance" / "quotetrace-extension.zip"


@pytest.fixture(scope="module")
def package() -> zipfile.ZipFile:
    if shutil.which("make") is None:
        pytest.skip("no make on PATH")
    subprocess.run(["make", "-s", "extension"], cwd=ROOT, check=True, capture_output=True)
    with zipfile.ZipFile(ZIP) as z:
        yield z


def test_zip_has_the_manifest_at_its_root_and_every_file_it_names(package):
    names = set(package.namelist())
    manifest = json.loads(package.read("manifest.json"))
    named = {
        manifest["background"]["service_worker"],
        manifest["side_panel"]["default_path"],
        manifest["options_ui"]["page"],
        *manifest["icons"].values(),
        *manifest["action"]["default_icon"].values(),
    }
    worker = package.read(manifest["background"]["service_worker"]).decode()
    named |= set(re.findall(r'files: \["([^"]+)"\]', worker))  # content script and its CSS
    named |= {m.lstrip("./") for m in re.findall(r'from "(\./[^"]+)"', worker)}
    assert named <= names, named - names
    assert {"content/check.js", "content/check.css"} <= named


def test_host_access_is_loopback_and_other_servers_are_asked_for(package):
    manifest = json.loads(package.read("manifest.json"))
    assert manifest["manifest_version"] == 3
    assert sorted(manifest["host_permissions"]) == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "<all_urls>" not in json.dumps(manifest)
    assert "content_scripts" not in manifest  # injected on the reader's action only
    assert manifest["optional_host_permissions"]


def test_nothing_is_loaded_from_the_network(package):
    for name in package.namelist():
        if name.endswith((".html", ".js", ".css")):
            text = package.read(name).decode()
            assert not re.search(r'(src|href)="https?://', text), name
            assert "@import url(http" not in text, name
