"""Audit trail: every change with actor, before and after."""

from registry.audit.listener import install_audit_listener, plain, record_event
from registry.audit.models import AuditEvent

__all__ = ["AuditEvent", "install_audit_listener", "plain", "record_event"]
