"""Settings with an in-memory keyring and with none; sending to a local SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from conftest import spec

from foia_assist.domain.lifecycle import EventKind, Letter
from foia_assist.gui.settings_dialog import SettingsDialog
from foia_assist.storage.secrets import (
    NO_SECURE_BACKEND_MESSAGE,
    KeyringSecretStore,
    MemorySecretStore,
)
from foia_assist.storage.settings import Settings, SmtpSettings


def test_settings_with_a_secure_keyring(qtbot: Any, gui_ctx: Any) -> None:
    secrets = MemorySecretStore()
    dialog = SettingsDialog(Settings(), secrets, gui_ctx.paths)
    qtbot.addWidget(dialog)
    assert dialog.save_password.isEnabled()
    dialog.name.setText("Ana Díaz")
    dialog.email.setText("ana@example.org")
    dialog.host.setText("smtp.example.org")
    dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
    assert dialog.port.value() == 465  # follows the security choice
    dialog.user.setText("ana")
    dialog.save_password.setChecked(True)
    dialog.password.setText("s3cret")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    s = dialog.settings
    assert (s.smtp.host, s.smtp.port, s.smtp.security, s.smtp.user) == (
        "smtp.example.org",
        465,
        "ssl",
        "ana",
    )
    assert s.smtp.remember_password
    assert secrets.get(s.smtp.secret_account) == "s3cret"
    assert "s3cret" not in str(s.to_dict())


def test_settings_without_a_secure_keyring_say_so_and_store_nothing(
    qtbot: Any, gui_ctx: Any
) -> None:
    store = KeyringSecretStore()  # tests/conftest.py selects keyring's failing backend
    dialog = SettingsDialog(Settings(), store, gui_ctx.paths)
    qtbot.addWidget(dialog)
    assert dialog.keyring_note.text() == NO_SECURE_BACKEND_MESSAGE
    assert not dialog.save_password.isEnabled()
    assert dialog.ask_password.isChecked()
    assert not dialog.password.isEnabled()
    dialog.host.setText("smtp.example.org")
    dialog.user.setText("ana")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.settings.smtp.remember_password is False
    gui_ctx.settings_store.save(dialog.settings)
    saved = gui_ctx.settings_store.path.read_text(encoding="utf-8")
    assert "password" not in saved.replace("remember_password", "")


def test_settings_reject_a_bad_email(qtbot: Any, gui_ctx: Any) -> None:
    dialog = SettingsDialog(Settings(), MemorySecretStore(), gui_ctx.paths)
    qtbot.addWidget(dialog)
    dialog.email.setText("ana at example")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "not a valid email address" in dialog.problem.text()


def test_settings_dialog_from_the_window_saves(
    make_window: Any, gui_ctx: Any, dialogs: Any
) -> None:
    window = make_window()

    def fill(d: Any) -> bool:
        d.name.setText("Ana Díaz")
        d.accept()
        return d.result() == d.DialogCode.Accepted

    dialogs.steps.append(fill)
    window.open_settings()
    assert gui_ctx.settings_store.load().settings.requester.name == "Ana Díaz"


# -- sending ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_port() -> Iterator[tuple[_Inbox, int]]:
    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _request_with_letter(gui_ctx: Any, tmp_path: Path) -> int:
    letter = tmp_path / "request.docx"
    today = date(2026, 11, 20)
    s = spec("Oakland Police Department", "CA", "records@oakland.example.gov")
    gui_ctx.letters.make_letter("request", s, letter, today)
    from foia_assist.services.tracked_letters import letter_record

    rid = gui_ctx.tracker.add_request(
        s, today=today, letters=[letter_record("request", letter, today)]
    )
    return int(rid)


def test_send_by_email_logs_sent_with_message_id(
    qtbot: Any,
    make_window: Any,
    gui_ctx: Any,
    modals: Any,
    tmp_path: Path,
    smtp_port: tuple[_Inbox, int],
) -> None:
    inbox, port = smtp_port
    rid = _request_with_letter(gui_ctx, tmp_path)
    window = make_window()
    window.save_settings(
        Settings(
            requester=spec("x", "CA").requester,
            smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"),
        )
    )
    window.select_request(rid)
    assert window.detail.send_button.isEnabled()
    window.send_letter()
    qtbot.waitUntil(
        lambda: window.ctx.tracker.get(rid).facts(lambda d: True).sent is not None, timeout=30_000
    )
    (envelope,) = inbox.messages
    msg = message_from_bytes(envelope.content, policy=policy.default)
    assert envelope.rcpt_tos == ["records@oakland.example.gov"]
    assert "California Public Records Act" in msg["Subject"]
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "request.docx"
    assert attachment.get_content() == (tmp_path / "request.docx").read_bytes()
    assert "Oakland Police Department" in msg.get_body(("plain",)).get_content()
    sent = [e for e in window.ctx.tracker.get(rid).events if e.kind is EventKind.SENT]
    assert sent[0].message_id == msg["Message-ID"]
    assert sent[0].method is not None and sent[0].method.value == "email"
    assert modals.errors == []
    # Sending again: the question says it was emailed before.
    modals.answer_yes = False
    window.send_letter()
    assert "was already emailed on" in modals.questions[-1][1]


def test_one_send_at_a_time(
    qtbot: Any,
    make_window: Any,
    gui_ctx: Any,
    modals: Any,
    tmp_path: Path,
    smtp_port: tuple[_Inbox, int],
) -> None:
    inbox, port = smtp_port
    rid = _request_with_letter(gui_ctx, tmp_path)
    window = make_window()
    window.save_settings(
        Settings(
            requester=spec("x", "CA").requester,
            smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"),
        )
    )
    window.select_request(rid)
    window.send_letter()
    window.send_letter()  # a double click: the first send is still running
    assert modals.errors == [("Send by email", "A letter is being sent; wait for it first.")]
    qtbot.waitUntil(lambda: window.runner.running == 0, timeout=30_000)
    assert len(inbox.messages) == 1


def test_an_appeal_to_another_body_warns_before_emailing_the_agency(
    make_window: Any, gui_ctx: Any, modals: Any, tmp_path: Path
) -> None:
    from foia_assist.services.tracked_letters import letter_record

    letter = tmp_path / "appeal.docx"
    s = spec("Philadelphia Police Department", "PA", "records@phila.example.gov")
    gui_ctx.letters.make_letter("request", s, letter, date(2026, 11, 20))
    rid = gui_ctx.tracker.add_request(
        s, today=date(2026, 11, 20), letters=[letter_record("appeal", letter, date(2026, 11, 20))]
    )
    window = make_window()
    window.save_settings(
        Settings(
            requester=spec("x", "PA").requester,
            smtp=SmtpSettings(host="127.0.0.1", port=_free_port(), security="none"),
        )
    )
    window.select_request(rid)
    modals.answer_yes = False
    window.send_letter()
    question = modals.questions[-1][1]
    assert "This email goes to the agency only" in question
    assert "must be filed with the Office of Open Records" in question


def test_preservation_letters_have_their_own_subject(gui_ctx: Any, tmp_path: Path) -> None:
    # The email's subject is the letter's own (issue 10: they differed); a preservation
    # letter still has its own prefix and names the law.
    from foia_assist.services.sending import email_subject

    rid = _request_with_letter(gui_ctx, tmp_path)
    view = gui_ctx.tracker.view(rid, date(2026, 11, 26))
    subject = email_subject(gui_ctx.letters, "preservation", view, date(2026, 11, 26))
    assert subject.startswith("Preservation of records: California Public Records Act")
    draft = gui_ctx.letters.draft("preservation", view.request.spec, date(2026, 11, 26))
    assert subject == draft.context["subject"]


def test_failed_send_logs_nothing(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any, tmp_path: Path
) -> None:
    rid = _request_with_letter(gui_ctx, tmp_path)
    window = make_window()
    window.save_settings(
        Settings(
            requester=spec("x", "CA").requester,
            smtp=SmtpSettings(host="127.0.0.1", port=_free_port(), security="none", user="ana"),
        )
    )
    modals.passwords.append("typed-at-send")  # no keyring password saved: asked for one
    window.select_request(rid)
    window.send_letter()
    qtbot.waitUntil(lambda: len(modals.errors) == 1, timeout=10_000)
    title, text = modals.errors[0]
    assert title == "Not sent" and "Couldn't connect" in text
    assert any("Password for ana" in q[1] for q in modals.questions)
    assert [e.kind for e in gui_ctx.tracker.get(rid).events] == [EventKind.DRAFTED]


def test_letter_record_hash(tmp_path: Path) -> None:
    from foia_assist.services.tracked_letters import letter_record

    p = tmp_path / "a.txt"
    p.write_text("abc", encoding="utf-8")
    rec = letter_record("request", p, date(2026, 1, 2))
    assert rec == Letter(
        "request",
        str(p),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        date(2026, 1, 2),
    )


def test_a_pdf_letter_goes_with_a_cover_note_not_a_rebuilt_text(
    make_window: Any, gui_ctx: Any, tmp_path: Path
) -> None:
    from foia_assist.domain.lifecycle import Letter
    from foia_assist.services.sending import body_text

    rid = _request_with_letter(gui_ctx, tmp_path)
    window = make_window()
    view = gui_ctx.tracker.view(rid, date(2026, 11, 26))
    pdf = tmp_path / "follow-up.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    name = window.settings.requester.name or view.request.spec.requester.name
    body = body_text(view, Letter("follow-up", str(pdf), "0" * 64, date(2026, 11, 21)), name)
    assert body.startswith("Dear ")
    assert "Please find attached my follow-up letter to Oakland Police Department" in body
    assert "dated 2026-11-21 (follow-up.pdf)" in body
