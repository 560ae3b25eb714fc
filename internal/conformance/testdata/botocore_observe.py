"""Reads every corpus case with botocore and prints what each listed profile resolves to, as JSON.

Run once per `go test` by differential_test.go. Input (stdin): {"home": DIR, "cases": [{"name": ...,
"config": PATH, "credentials": PATH, "profiles": [NAME, ...]}]}. Output (stdout): {"version": ...,
"cases": {NAME: {"parse_error": {"file": "config"|"credentials", "message": ...}} or
{"profiles": {NAME: {"exists": bool, "fields": {...}, "resolve": {...}}}}}}.

Field values use the vocabulary the Go side compares against (see observe_test.go): "" for an absent
key; duration_seconds as botocore's int() of the value, or "ignored" when int() refuses it.

Nothing here reaches the network or runs a credential_process: the environment is emptied of AWS_*
variables, HOME points at an empty directory, instance metadata is disabled, and PATH is empty.
"""
import json
import os
import sys

FIELDS = [
    "region", "role_arn", "source_profile", "external_id", "mfa_serial", "role_session_name",
    "credential_source", "credential_process", "web_identity_token_file", "sso_session",
    "sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "services", "endpoint_url",
]


def hermetic_environment(home):
    for name in list(os.environ):
        if name.startswith("AWS_") or name.startswith("BOTO"):
            del os.environ[name]
    os.environ["HOME"] = home
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["PATH"] = ""


def text(value):
    # A nested block (`s3 =` + indented lines) is a dict in botocore; the Go side reads such a key's own
    # value as "". Anything else is the string botocore would use.
    if value is None or isinstance(value, dict):
        return ""
    return value


def duration(profile):
    raw = profile.get("duration_seconds")
    if raw is None:
        return ""
    try:
        return str(int(raw))
    except (TypeError, ValueError):
        return "ignored"


def services_values(full, profile):
    # The nested service settings of the [services NAME] section the profile names, flattened.
    name = profile.get("services")
    section = full.get("services", {}).get(name) if isinstance(name, str) else None
    if not isinstance(section, dict):
        return ""
    items = []
    for service, values in section.items():
        if isinstance(values, dict):
            items += ["%s.%s=%s" % (service, k, v) for k, v in values.items()]
    return "\n".join(sorted(items))


def resolve(session, name):
    """Runs botocore's credential resolver for the profile. Assume-role, SSO and web-identity credentials
    are deferred (no STS call); what is checked is the configuration botocore validates up front."""
    import botocore.credentials
    import botocore.exceptions as exc

    session.set_config_variable("profile", name)
    resolver = botocore.credentials.create_credential_resolver(session)
    try:
        creds = resolver.load_credentials()
    except (exc.InvalidConfigError, exc.PartialCredentialsError, exc.ProfileNotFound) as e:
        return {"config_error": "%s: %s" % (type(e).__name__, e)}
    except Exception as e:  # the environment has nothing to give (no env keys, no IMDS, no process)
        return {"env_error": type(e).__name__}
    return {"method": getattr(creds, "method", None) if creds else None}


def observe_case(case):
    import botocore.exceptions
    import botocore.session

    # The built-in event handlers only matter to API clients, and none is created here; registering
    # them takes most of a Session's start-up time.
    session = botocore.session.Session(include_builtin_handlers=False)
    session.set_config_variable("config_file", case["config"])
    session.set_config_variable("credentials_file", case["credentials"])
    try:
        full = session.full_config
    except botocore.exceptions.ConfigParseError as e:
        path = e.kwargs.get("path", "")
        which = "credentials" if path == case["credentials"] else "config"
        return {"parse_error": {"file": which, "message": str(e)}}
    profiles = full.get("profiles", {})
    out = {}
    for name in case["profiles"]:
        profile = profiles.get(name)
        if profile is None:
            out[name] = {"exists": False}
            continue
        fields = {f: text(profile.get(f)) for f in FIELDS}
        fields["duration_seconds"] = duration(profile)
        fields["has_key_id"] = "yes" if text(profile.get("aws_access_key_id")) else "no"
        fields["services_values"] = services_values(full, profile)
        out[name] = {"exists": True, "fields": fields, "resolve": resolve(session, name)}
    return {"profiles": out}


def main():
    request = json.load(sys.stdin)
    hermetic_environment(request["home"])
    try:
        import botocore
    except ImportError as e:
        json.dump({"unavailable": "python3 cannot import botocore (%s; `pip install botocore`)" % e}, sys.stdout)
        return

    result = {"version": botocore.__version__, "cases": {}}
    for case in request["cases"]:
        result["cases"][case["name"]] = observe_case(case)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
