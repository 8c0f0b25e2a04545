"""Checks of the identity settings: a sign-in provider half configured in the environment is
offered nowhere (settings.py enables one only with all its values), which should not go
unnoticed."""

import os

from django.core.checks import Warning, register

PROVIDERS = {
    "GitHub": ("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"),
    "Discord": ("DISCORD_CLIENT_ID", "DISCORD_CLIENT_SECRET"),
    "Google": ("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"),
    "OpenID Connect": ("OIDC_SERVER_URL", "OIDC_CLIENT_ID"),
}


@register()
def half_configured_providers(app_configs, environ=None, **kwargs):
    environ = os.environ if environ is None else environ
    problems = []
    for name, variables in PROVIDERS.items():
        present = [v for v in variables if environ.get(v)]
        if present and len(present) < len(variables):
            missing = ", ".join(v for v in variables if v not in present)
            problems.append(Warning(
                f"Sign-in with {name} is off: {', '.join(present)} is set but {missing} is not.",
                hint=f"Set {missing} too (README, Identity and trust), or unset the rest.",
                id="accounts.W001",
            ))
    return problems
