#!/usr/bin/python3
"""Validates SARIF logs against the official SARIF 2.1.0 JSON schema.

usage: validate_sarif.py SCHEMA LOG...
Exits 0 when every log is valid, 1 (printing the first error of each bad
log) when one is not, and 77 (the CTest skip code) with a message when the
schema file is not there: it lives outside the repository
(../shared/schemas/) and is never copied into it.
"""

import json
import os
import sys

import jsonschema

SKIP = 77


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, logs = sys.argv[1], sys.argv[2:]
    if not os.path.isfile(schema_path):
        print(f"SKIP: the official SARIF schema is not at {schema_path}; "
              "SARIF validation not run", file=sys.stderr)
        return SKIP
    with open(schema_path, encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(
        schema, format_checker=validator_class.FORMAT_CHECKER)
    status = 0
    for path in logs:
        with open(path, encoding="utf-8") as log_file:
            log = json.load(log_file)
        error = jsonschema.exceptions.best_match(validator.iter_errors(log))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: invalid at {where}: {error.message}",
                  file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
