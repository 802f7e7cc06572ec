"""Mail: the message is built safely and sent to a local aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from foia_assist.errors import UserError
from foia_assist.services.mail import (
    MailAuthError,
    MailConnectionError,
    MailError,
    MailHeaderError,
    MailProgress,
    MailRecipientRefusedError,
    SentReceipt,
    build_message,
    send_message,
    send_steps,
)
from foia_assist.storage.settings import SmtpSettings

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def free_port() -> int:
    # aiosmtpd's Controller can't use port=0, so bind one first and hand it over.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Recorder:
    refuse: set[str] = field(default_factory=set)
    envelopes: list[Any] = field(default_factory=list)
    data_reply: str = "250 Message accepted"

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if not self.data_reply.startswith("250"):
            return self.data_reply
        self.envelopes.append(envelope)
        return self.data_reply


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"ana", b"right")
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535


@pytest.fixture
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    handler = Recorder()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _letter(tmp_path: Path, name: str = "letter.docx", data: bytes = b"PK\x03\x04docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _message(attachment: Path | None, **changes: Any) -> EmailMessage:
    args: dict[str, Any] = {
        "sender_email": "ana@example.org",
        "sender_name": "Ana Díaz, Clinic",
        "to_email": "records@city.example.gov",
        "to_name": "Records Officer",
        "subject": "Public records request: facial recognition (Café PD)",
        "body": "Dear Records Officer,\n\nPlease find my request attached.\n",
        "attachment": attachment,
        "now": NOW,
    }
    args.update(changes)
    return build_message(**args)


def test_build_message_headers_and_attachment(tmp_path: Path) -> None:
    msg = _message(_letter(tmp_path))
    assert msg["To"].addresses[0].addr_spec == "records@city.example.gov"
    assert msg["From"].addresses[0].display_name == "Ana Díaz, Clinic"
    assert msg["Date"].datetime == NOW
    assert msg["Message-ID"].endswith("@example.org>")
    parts = list(msg.iter_attachments())
    assert [p.get_content_type() for p in parts] == [DOCX]
    assert parts[0].get_filename() == "letter.docx"
    assert "Please find my request attached." in msg.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("name", "ctype"),
    [("a.pdf", "application/pdf"), ("a.docx", DOCX), ("a.txt", "text/plain")],
)
def test_attachment_mime_types(tmp_path: Path, name: str, ctype: str) -> None:
    msg = _message(_letter(tmp_path, name, b"hello"))
    (part,) = list(msg.iter_attachments())
    assert part.get_content_type() == ctype


def test_unknown_attachment_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MailError, match="only"):
        _message(_letter(tmp_path, "letter.exe"))


@pytest.mark.parametrize(
    "changes",
    [
        {"subject": "Request\r\nBcc: victim@example.com"},
        {"sender_name": "Ana\nBcc: victim@example.com"},
        {"to_email": "records@city.example.gov\r\nBcc: x@example.com"},
        {"to_name": "Officer\rX"},
    ],
)
def test_header_injection_is_rejected(tmp_path: Path, changes: dict[str, str]) -> None:
    with pytest.raises(MailHeaderError, match="line break"):
        _message(None, **changes)


@pytest.mark.parametrize("bad", ["not-an-address", "a@b", "x@@example.org", ""])
def test_invalid_addresses_are_rejected(bad: str) -> None:
    with pytest.raises(MailHeaderError, match="not a valid email address"):
        _message(None, to_email=bad)


def test_send_plain_to_local_server(tmp_path: Path, smtp_server: tuple[Recorder, int]) -> None:
    handler, port = smtp_server
    data = b"PK\x03\x04" + bytes(range(256)) * 10
    msg = _message(_letter(tmp_path, data=data))
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
    receipt = send_message(msg, smtp, None, timeout=5)
    assert receipt.message_id == msg["Message-ID"]
    assert receipt.date == NOW
    assert receipt.recipient == "records@city.example.gov"
    (env,) = handler.envelopes
    assert env.mail_from == "ana@example.org"
    assert env.rcpt_tos == ["records@city.example.gov"]
    got = message_from_bytes(env.content, policy=policy.default)
    assert got["Subject"] == "Public records request: facial recognition (Café PD)"
    assert got["Message-ID"] == receipt.message_id
    (part,) = list(got.iter_attachments())
    assert part.get_content_type() == DOCX
    assert part.get_content() == data


def test_send_with_login(tmp_path: Path, smtp_server: tuple[Recorder, int]) -> None:
    handler, port = smtp_server
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none", user="ana")
    job = send_steps(_message(None), smtp, "right", timeout=5)
    steps: list[MailProgress] = []
    with pytest.raises(StopIteration) as done:
        while True:
            steps.append(next(job))
    assert isinstance(done.value.value, SentReceipt)
    assert [s.message for s in steps][1:] == [
        "Signing in…",
        "Sending to records@city.example.gov…",
    ]
    assert [(s.done, s.total) for s in steps] == [(0, 3), (1, 3), (2, 3)]
    assert len(handler.envelopes) == 1


def test_wrong_password(smtp_server: tuple[Recorder, int]) -> None:
    handler, port = smtp_server
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none", user="ana")
    with pytest.raises(MailAuthError, match="refused the user name or password") as info:
        send_message(_message(None), smtp, "wrong", timeout=5)
    assert isinstance(info.value, UserError)
    assert handler.envelopes == []


def test_refused_recipient(smtp_server: tuple[Recorder, int]) -> None:
    handler, port = smtp_server
    handler.refuse.add("records@city.example.gov")
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(MailRecipientRefusedError, match="records@city.example.gov.*550"):
        send_message(_message(None), smtp, None, timeout=5)
    assert handler.envelopes == []


def test_connection_refused() -> None:
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), security="none")
    with pytest.raises(MailConnectionError, match="Couldn't connect"):
        send_message(_message(None), smtp, None, timeout=5)


def test_starttls_not_offered(smtp_server: tuple[Recorder, int]) -> None:
    _, port = smtp_server
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="starttls")
    with pytest.raises(MailConnectionError, match="STARTTLS"):
        send_message(_message(None), smtp, None, timeout=5)


def test_ssl_against_a_plain_server(smtp_server: tuple[Recorder, int]) -> None:
    _, port = smtp_server
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="ssl")
    with pytest.raises(MailConnectionError):
        send_message(_message(None), smtp, None, timeout=5)


def test_password_never_sent_unencrypted_to_a_remote_host() -> None:
    smtp = SmtpSettings(host="smtp.example.org", port=25, security="none", user="ana")
    with pytest.raises(MailError, match="unencrypted"):
        send_message(_message(None), smtp, "pw", timeout=5)


def test_no_server_configured() -> None:
    with pytest.raises(MailError, match="Settings"):
        send_message(_message(None), SmtpSettings(), None)


@pytest.mark.parametrize(
    ("reply", "temporary"),
    [("554 5.7.1 Message rejected as spam", False), ("451 4.3.0 Try again later", True)],
)
def test_a_refused_message_is_not_called_a_connection_failure(
    smtp_server: tuple[Recorder, int], reply: str, temporary: bool
) -> None:
    handler, port = smtp_server
    handler.data_reply = reply
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(MailError) as err:
        send_message(_message(None), smtp, None, timeout=5)
    text = str(err.value)
    assert not isinstance(err.value, MailConnectionError)
    assert text.startswith(f"127.0.0.1 did not accept the message: {reply}.")
    assert ("try again later" in text) is temporary
    assert "b'" not in text  # no raw Python bytes


def test_nothing_is_yielded_after_the_server_took_the_message(
    smtp_server: tuple[Recorder, int],
) -> None:
    # A job runner checks for cancel between yields: a step after the send would let a cancel
    # throw away the receipt of a letter that was delivered.

    handler, port = smtp_server
    smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
    steps = send_steps(_message(None), smtp, None, timeout=5)
    texts = []
    with pytest.raises(StopIteration) as stop:
        while True:
            texts.append(next(steps).message)
    assert texts[-1].startswith("Sending to ")
    assert stop.value.value.recipient == "records@city.example.gov"
    assert len(handler.envelopes) == 1
