"""Telling people things: e-mail where configured, page notices always."""
