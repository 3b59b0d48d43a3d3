#!/usr/bin/python3
"""Validates a racegate JSON report against docs/report.schema.json.

usage: validate_report.py SCHEMA REPORT
Exits 0 when the report is valid, 1 (printing the first error) when it is not.
"""

import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, report_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    with open(report_path, encoding="utf-8") as report_file:
        report = json.load(report_file)

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)  # a broken schema must not pass
    error = jsonschema.exceptions.best_match(
        validator_class(schema).iter_errors(report))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{report_path}: invalid at {where}: {error.message}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
