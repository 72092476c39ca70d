"""Organisations and their code-hosting sources: one service creates and finds them."""

from registry.organisations.models import CodeSource, Organisation
from registry.organisations.services import (
    NewOrganisation,
    OrganisationService,
    OrganisationTaken,
    UnknownOrganisation,
    live_organisation,
    matching,
    named_organisation,
)

__all__ = [
    "CodeSource",
    "NewOrganisation",
    "Organisation",
    "OrganisationService",
    "OrganisationTaken",
    "UnknownOrganisation",
    "live_organisation",
    "matching",
    "named_organisation",
]
