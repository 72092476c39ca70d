"""Telling people things: e-mail where configured, page notices always."""

from registry.notify.mail import Mail, Mailer

__all__ = ["Mail", "Mailer"]
