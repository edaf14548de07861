"""A jsonschema validator for Reprocess objects, built from the CRD the operator installs.

The CRD's openAPIV3Schema is OpenAPI 3.0's dialect, closest to JSON Schema draft 4; jsonschema ignores the
keywords it does not know (x-kubernetes-*, nullable), so they act as annotations. Two things the API
server does beyond that schema are added here: it checks apiVersion, kind and metadata itself, and
`kubectl apply` (strict field validation, its default) rejects fields the schema does not declare.
"""
import copy
from pathlib import Path

import yaml
from jsonschema import Draft4Validator, FormatChecker

CRD = Path(__file__).resolve().parents[2] / "helm" / "userflow" / "crds" / "reprocesses.userflow.io-v1.yml"
DNS_SUBDOMAIN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
LABEL_VALUE = r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"


def _no_undeclared_fields(schema):
    if isinstance(schema, dict):
        if "properties" in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            _no_undeclared_fields(value)
    elif isinstance(schema, list):
        for item in schema:
            _no_undeclared_fields(item)
    return schema


def reprocess_validator() -> Draft4Validator:
    crd = yaml.safe_load(CRD.read_text())
    version = next(v for v in crd["spec"]["versions"] if v.get("storage"))
    schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
    schema["properties"].update(
        apiVersion={"enum": [f"{crd['spec']['group']}/{version['name']}"]},
        kind={"enum": [crd["spec"]["names"]["kind"]]},
        metadata={
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "maxLength": 253, "pattern": DNS_SUBDOMAIN},
                "namespace": {"type": "string", "maxLength": 63, "pattern": DNS_SUBDOMAIN},
                "labels": {"type": "object",
                           "additionalProperties": {"type": "string", "maxLength": 63, "pattern": LABEL_VALUE}},
            },
        },
    )
    schema["required"] = sorted({*schema.get("required", []), "apiVersion", "kind", "metadata", "spec"})
    _no_undeclared_fields(schema)
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())
