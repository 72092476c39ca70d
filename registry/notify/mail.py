"""E-mail through the operator's SMTP server (``REGISTRY_SMTP_URL``), bilingual, bounded.

Without a configured server nothing is sent and callers fall back to page notices, so
the embedded default needs no mail server. Messages are plain text in German and
English, one below the other, as public bodies in Germany expect.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from registry.errors import InvalidInput
from registry.settings import Settings

TIMEOUT = 20.0


@dataclass(frozen=True)
class Mail:
    """One message: recipients, subject and body in both languages."""

    to: tuple[str, ...]
    subject_de: str
    subject_en: str
    body_de: str
    body_en: str

    def message(self, sender: str) -> EmailMessage:
        """The MIME message."""
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = ", ".join(self.to)
        msg["Subject"] = f"{self.subject_de} / {self.subject_en}"
        msg.set_content(f"{self.body_de}\n\n-- English --\n\n{self.body_en}\n")
        return msg


class Mailer:
    """Sends ``Mail`` through SMTP (``smtp://``, STARTTLS with ``smtp+starttls://``, ``smtps://``)."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.smtp_url
        self.sender = settings.mail_from

    @property
    def configured(self) -> bool:
        """Whether mail can be sent at all."""
        return bool(self.url)

    def send(self, mail: Mail) -> None:
        """Send one message; SMTP errors propagate so the caller can retry later."""
        if not self.url or not mail.to:
            return
        parts = urlsplit(self.url)
        if parts.scheme not in {"smtp", "smtps", "smtp+starttls"} or not parts.hostname:
            raise InvalidInput("REGISTRY_SMTP_URL: expected smtp://host:port", field="smtp_url")
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if parts.scheme == "smtps":
            client = smtplib.SMTP_SSL(parts.hostname, port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(parts.hostname, port, timeout=TIMEOUT)
        with client:
            if parts.scheme == "smtp+starttls":
                client.starttls(context=context)
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(mail.message(self.sender))
