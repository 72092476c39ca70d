"""Accounts, memberships and API tokens; every permission rule (authz), sign-in throttles,
self-service sign-up and verification of official domains."""

from registry.accounts.authz import (
    ROLE_MAX_SCOPE,
    SCOPE_RANK,
    Principal,
    may_see_people,
    require_admin,
    require_member,
    require_org_admin,
    require_organisation_creator,
    require_principal,
    require_scope,
    require_transfer,
)
from registry.accounts.models import Account, ApiToken, JoinRequest, Membership
from registry.accounts.services import AccountService
from registry.accounts.signup import (
    SignUp,
    SignUpService,
    find_organisations,
    official_key,
    waiting_requests,
)
from registry.accounts.throttle import (
    ApiThrottle,
    LoginThrottle,
    SlidingWindow,
    TooManyRequests,
    rate_limit_storage,
)
from registry.accounts.verification import (
    DomainLink,
    VerificationService,
    matching_domain,
    verification_mail,
)

__all__ = [
    "ROLE_MAX_SCOPE",
    "SCOPE_RANK",
    "Account",
    "AccountService",
    "ApiThrottle",
    "ApiToken",
    "DomainLink",
    "JoinRequest",
    "LoginThrottle",
    "Membership",
    "Principal",
    "SignUp",
    "SignUpService",
    "SlidingWindow",
    "TooManyRequests",
    "VerificationService",
    "find_organisations",
    "matching_domain",
    "may_see_people",
    "official_key",
    "rate_limit_storage",
    "require_admin",
    "require_member",
    "require_org_admin",
    "require_organisation_creator",
    "require_principal",
    "require_scope",
    "require_transfer",
    "verification_mail",
    "waiting_requests",
]
