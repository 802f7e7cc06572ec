"""Send a request letter by email: one message, the letter attached, its text in the body.

Header injection is impossible by construction: every header value is checked for CR/LF
and control characters, addresses are validated with `is_valid_email`, and display names
go through `email.headerregistry.Address`, which quotes and encodes them. Every SMTP or
network failure becomes a `MailError` (a `UserError`) with one plain sentence; nothing
is reported as sent unless the server accepted the message for the recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from foia_assist.domain.request import is_valid_email
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.errors import UserError
from foia_assist.storage.settings import SmtpSettings

DEFAULT_TIMEOUT = 30.0
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # most providers refuse more than 20-25 MB

ATTACHMENT_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".txt": ("text", "plain"),
}

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


class MailError(UserError):
    """The message could not be built or sent."""


class MailHeaderError(MailError):
    """A header value (address, name, subject) was unsafe or invalid."""


class MailAuthError(MailError):
    """The server refused the user name or password."""


class MailRecipientRefusedError(MailError):
    """The server would not accept the agency's address."""


class MailConnectionError(MailError):
    """The server could not be reached, or the secure connection failed."""


@dataclass(frozen=True)
class MailProgress:
    """One step of a send, for the window's progress dialog."""

    done: int
    total: int
    message: str


@dataclass(frozen=True)
class SentReceipt:
    message_id: str
    date: datetime  # timezone-aware, as written in the Date header
    recipient: str


def _clean_header(label: str, value: str) -> str:
    if has_control_characters(value, allow="\t"):  # a line break is one, and refused
        raise MailHeaderError(f"The {label} contains a line break or control character.")
    return value.strip()


def _address(label: str, email: str, name: str = "") -> Address:
    email = _clean_header(f"{label} address", email)
    name = _clean_header(f"{label} name", name)
    if not is_valid_email(email):
        raise MailHeaderError(f"The {label} address {email!r} is not a valid email address.")
    username, domain = email.rsplit("@", 1)
    return Address(display_name=name, username=username, domain=domain)


def build_message(
    *,
    sender_email: str,
    sender_name: str,
    to_email: str,
    to_name: str = "",
    subject: str,
    body: str,
    attachment: Path | None,
    now: datetime,
) -> EmailMessage:
    """The message to send; `now` (timezone-aware) becomes its Date header."""
    sender = _address("sender's", sender_email, sender_name)
    recipient = _address("agency's", to_email, to_name)
    subject = _clean_header("subject", subject)
    if not subject:
        raise MailHeaderError("The subject is empty.")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(domain=sender.domain)
    msg.set_content(body)
    if attachment is not None:
        _attach(msg, Path(attachment))
    return msg


def _attach(msg: EmailMessage, path: Path) -> None:
    kind = ATTACHMENT_TYPES.get(path.suffix.lower())
    if kind is None:
        allowed = ", ".join(sorted(ATTACHMENT_TYPES))
        raise MailError(f"Can't attach {path.name}: only {allowed} letters can be sent.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MailError(f"Can't read the letter {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise MailError(f"The letter {path.name} is too large to send by email.")
    filename = _clean_header("attachment's file name", path.name)
    maintype, subtype = kind
    if maintype == "text":
        msg.add_attachment(data.decode("utf-8"), subtype=subtype, filename=filename)
    else:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)


def send_message(
    msg: EmailMessage,
    smtp: SmtpSettings,
    password: str | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> SentReceipt:
    """Send and return the receipt; raises a `MailError` subclass on any failure."""
    steps = send_steps(msg, smtp, password, timeout=timeout)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            receipt: SentReceipt = done.value
            return receipt


def send_steps(
    msg: EmailMessage,
    smtp: SmtpSettings,
    password: str | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Generator[MailProgress, None, SentReceipt]:
    """The send as a job: yields progress and returns the `SentReceipt`."""
    if not smtp.host:
        raise MailError("No outgoing mail server is set up: add one in Settings.")
    host = _clean_header("mail server name", smtp.host)
    if smtp.security == "none" and smtp.user and host.lower() not in _LOOPBACK:
        raise MailError(
            "Refusing to send your password unencrypted: choose STARTTLS or SSL for this server."
        )
    recipient = str(msg["To"].addresses[0].addr_spec)
    yield MailProgress(0, 3, f"Connecting to {host}…")
    context = ssl.create_default_context()
    try:
        client = _connect(host, smtp, timeout, context)
        with client:
            if smtp.security == "starttls":
                client.ehlo()
                client.starttls(context=context)
                client.ehlo()
            if smtp.user:
                yield MailProgress(1, 3, "Signing in…")
                client.login(smtp.user, password or "")
            yield MailProgress(2, 3, f"Sending to {recipient}…")
            refused = client.send_message(msg)
    except smtplib.SMTPAuthenticationError:
        raise MailAuthError(
            f"{host} refused the user name or password. Check them in Settings."
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailRecipientRefusedError(
            f"{host} refused the agency's address {recipient}: {_server_says(exc.recipients)}"
        ) from None
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(
            f"{host} refused the sender address {exc.sender}: {_decode(exc.smtp_error)}"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailConnectionError(
            f"{host} does not offer STARTTLS; choose SSL or check the port in Settings."
        ) from None
    except ssl.SSLError as exc:
        raise MailConnectionError(
            f"The secure connection to {host} failed ({exc.reason or exc}). "
            "Check the port and security setting."
        ) from None
    except (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected) as exc:
        raise MailConnectionError(f"Couldn't talk to {host}:{smtp.port}: {exc}") from None
    except TimeoutError:
        raise MailConnectionError(
            f"{host}:{smtp.port} did not answer within {timeout:g} seconds."
        ) from None
    except smtplib.SMTPResponseException as exc:  # before OSError, which it subclasses
        code = int(exc.smtp_code)
        later = " This refusal is temporary: try again later." if 400 <= code < 500 else ""
        raise MailError(
            f"{host} did not accept the message: {code} {_decode(exc.smtp_error)}.{later}"
        ) from None
    except OSError as exc:
        raise MailConnectionError(
            f"Couldn't connect to {host}:{smtp.port}: {exc.strerror or exc}"
        ) from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{host} did not accept the message: {exc}") from None
    if recipient in refused:
        raise MailRecipientRefusedError(
            f"{host} refused the agency's address {recipient}: {_server_says(refused)}"
        )
    message_id = str(msg["Message-ID"])
    sent_at = _parsed_date(msg)
    # No progress step after the server has taken the message: a cancel checked between steps
    # would otherwise drop the receipt of a letter that was in fact delivered.
    return SentReceipt(message_id=message_id, date=sent_at, recipient=recipient)


def _connect(
    host: str, smtp: SmtpSettings, timeout: float, context: ssl.SSLContext
) -> smtplib.SMTP:
    if smtp.security == "ssl":
        return smtplib.SMTP_SSL(host, smtp.port, timeout=timeout, context=context)
    return smtplib.SMTP(host, smtp.port, timeout=timeout)


def _parsed_date(msg: EmailMessage) -> datetime:
    header = msg["Date"]
    value = getattr(header, "datetime", None)
    if isinstance(value, datetime):
        return value
    return datetime.now(UTC)


def _decode(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _server_says(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{code} {_decode(text)}" for code, text in refused.values()) or "refused"
