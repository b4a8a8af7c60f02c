"""Validates a static ORUK 3.0 feed against the ORUK JSON Schemas (draft 7), with format checks.

usage: validate_oruk.py SCHEMA_DIR FEED_DIR
Prints one line per schema error (FILE: PATH: MESSAGE) and a summary; exit 0 only when there are none.
Exit 3 when jsonschema cannot be imported, so the caller can tell "cannot check" from "invalid".
"""
import json
import os
import sys

try:
    from jsonschema import Draft7Validator, FormatChecker
except ImportError as e:  # pragma: no cover
    print("jsonschema missing: %s" % e)
    sys.exit(3)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    schema_dir, feed = sys.argv[1], sys.argv[2]
    checker = FormatChecker()
    service = load(os.path.join(schema_dir, "service_with_definitions.json"))
    validators = {
        "api_details": Draft7Validator(load(os.path.join(schema_dir, "api_details.json")), format_checker=checker),
        "service_list": Draft7Validator(load(os.path.join(schema_dir, "service_list.json")), format_checker=checker),
        "service": Draft7Validator(service, format_checker=checker),
        # The taxonomy pages have no schema file of their own: their items are checked against the
        # definitions the service schema uses for the same objects.
        "taxonomy": Draft7Validator({"$ref": "#/definitions/taxonomy", "definitions": service["definitions"]}, format_checker=checker),
        "taxonomy_term": Draft7Validator({"$ref": "#/definitions/taxonomy_term", "definitions": service["definitions"]}, format_checker=checker),
    }
    checks = [("index.json", "api_details"), ("services.json", "service_list")]
    services_dir = os.path.join(feed, "services")
    for name in sorted(os.listdir(services_dir)):
        checks.append((os.path.join("services", name), "service"))
    errors = 0
    validated = 0
    for rel, kind in checks:
        doc = load(os.path.join(feed, rel))
        for e in validators[kind].iter_errors(doc):
            errors += 1
            print("%s: %s: %s" % (rel, "/".join(str(p) for p in e.absolute_path), e.message))
        validated += 1
    for rel, kind in [("taxonomies.json", "taxonomy"), ("taxonomy_terms.json", "taxonomy_term")]:
        page = load(os.path.join(feed, rel))
        for e in validators["service_list"].iter_errors({k: v for k, v in page.items() if k != "contents"}):
            errors += 1
            print("%s: %s" % (rel, e.message))
        for i, item in enumerate(page.get("contents", [])):
            for e in validators[kind].iter_errors(item):
                errors += 1
                print("%s: contents/%d/%s: %s" % (rel, i, "/".join(str(p) for p in e.absolute_path), e.message))
        validated += 1
    print("validated %d documents: %d schema errors" % (validated, errors))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
