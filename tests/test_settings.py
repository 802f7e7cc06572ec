"""Settings: JSON round trip, atomic save, damaged files kept aside, never a password."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from foia_assist.domain.request import Requester
from foia_assist.paths import AppPaths
from foia_assist.storage.settings import Settings, SettingsStore, SmtpSettings

NOW = datetime(2026, 11, 26, 9, 30, 0)


def _sample() -> Settings:
    return Settings(
        requester=Requester(
            name="Ana Díaz",
            organisation="Clinic",
            address="1 Main St\nSpringfield",
            email="ana@example.org",
            phone="555-0100",
            news_media=True,
            residence="Virginia",
        ),
        output_dir="/tmp/letters",
        smtp=SmtpSettings(host="smtp.example.org", port=465, security="ssl", user="ana"),
    )


def test_missing_file_gives_defaults(app_paths: AppPaths) -> None:
    result = SettingsStore(app_paths.settings_file).load()
    assert result.settings == Settings()
    assert result.problem == ""
    assert result.settings.smtp.port == 587


def test_round_trip(app_paths: AppPaths) -> None:
    store = SettingsStore(app_paths.settings_file)
    store.save(_sample())
    assert store.load().settings == _sample()
    data = json.loads(app_paths.settings_file.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert set(data["smtp"]) == {"host", "port", "security", "user", "remember_password"}
    # no temporary files left behind by the atomic write
    assert sorted(p.name for p in app_paths.settings_file.parent.iterdir()) == ["settings.json"]


def test_not_json_is_moved_aside_and_defaults_used(app_paths: AppPaths) -> None:
    path = app_paths.settings_file
    path.write_text("{not json", encoding="utf-8")
    result = SettingsStore(path).load(now=NOW)
    assert result.settings == Settings()
    assert "not valid JSON" in result.problem
    assert result.moved_to == path.with_name("settings.json.damaged-20261126-093000")
    assert result.moved_to.read_text(encoding="utf-8") == "{not json"
    assert not path.exists()
    assert "settings.json.damaged-20261126-093000" in result.problem


def test_bad_values_fall_back_one_by_one(app_paths: AppPaths) -> None:
    path = app_paths.settings_file
    data = _sample().to_dict()
    data["smtp"]["port"] = "many"
    data["smtp"]["security"] = "tls1.0"
    data["requester"]["email"] = "not an email"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = SettingsStore(path).load(now=NOW)
    s = result.settings
    assert s.requester.name == "Ana Díaz"  # what could be read is kept
    assert s.requester.email == ""
    assert s.smtp.security == "starttls"
    assert s.smtp.port == 587
    assert s.smtp.host == "smtp.example.org"
    for field in ("smtp.port", "smtp.security", "requester.email"):
        assert field in result.problem
    assert result.moved_to is not None and result.moved_to.exists()


def test_a_second_damage_in_the_same_second_does_not_overwrite(app_paths: AppPaths) -> None:
    path = app_paths.settings_file
    store = SettingsStore(path)
    path.write_text("[1]", encoding="utf-8")
    first = store.load(now=NOW).moved_to
    path.write_text("[2]", encoding="utf-8")
    second = store.load(now=NOW).moved_to
    assert first and second and first != second
    assert first.read_text(encoding="utf-8") == "[1]"
    assert second.read_text(encoding="utf-8") == "[2]"


def test_top_level_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[]", encoding="utf-8")
    result = SettingsStore(path).load(now=NOW)
    assert result.settings == Settings()
    assert "not an object" in result.problem


def test_secret_account_names_the_server() -> None:
    smtp = SmtpSettings(host="smtp.example.org", port=587, user="ana")
    assert smtp.secret_account == "smtp:ana@smtp.example.org:587"
    assert smtp.configured
    assert not SmtpSettings().configured
