#!/usr/bin/env python3
"""Generate Sources/IAMCore/Model/IAMModel+Generated.swift from botocore's IAM and STS models.

Usage:

    python3 scripts/generate-iam-model.py            # write the Swift file
    python3 scripts/generate-iam-model.py --check    # exit 1 if the committed file is stale

Needs botocore (`pip install botocore`); the output names the botocore release it came from.

The tables keep only what the emulator needs: operations (input, output, result wrapper, errors),
every shape reachable from an operation's input, output or errors (type, length/value bounds,
pattern, enum, sensitivity, list member, map key/value, structure members in model order with
their required flag and locationName), and each error shape's code, HTTP status and fault.
Documentation is dropped. Output is deterministic: services, operations and shapes are sorted by
name; structure members and enum values keep the model's order.

The Swift is emitted as one `append` statement per shape, split into functions of at most
CHUNK statements, so the type checker sees many small expressions instead of one huge literal
(a debug build of the file takes seconds). Those functions run once, when a table is first used,
and are marked `@_optimize(none)`: optimizing them gains nothing and took the -O build of the
module from about 25 s to almost 4 minutes.
"""

import argparse
import gzip
import json
import os
import sys

CHUNK = 100
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources", "IAMCore", "Model", "IAMModel+Generated.swift")

# (Swift case, botocore folder, API version)
SERVICES = [("iam", "iam", "2010-05-08"), ("sts", "sts", "2011-06-15")]

KNOWN_SHAPE_KEYS = {
    "type", "documentation", "min", "max", "pattern", "enum", "sensitive", "member", "key",
    "value", "members", "required", "exception", "error", "fault", "box", "deprecated",
    "deprecatedMessage", "flattened", "locationName",
}
KNOWN_MEMBER_KEYS = {"shape", "documentation", "locationName", "deprecated", "deprecatedMessage", "box"}
KINDS = {"string", "integer", "long", "boolean", "timestamp", "blob", "list", "structure", "map",
         "float", "double"}


def load_model(folder, version):
    import botocore

    base = os.path.join(os.path.dirname(botocore.__file__), "data", folder, version)
    plain = os.path.join(base, "service-2.json")
    if os.path.exists(plain):
        with open(plain, encoding="utf-8") as f:
            return json.load(f), botocore.__version__
    with gzip.open(plain + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f), botocore.__version__


def swift_string(text):
    """A Swift literal for `text`: raw (#"..."#) when it holds a backslash, so patterns read verbatim."""
    if "\n" in text or "\r" in text:
        raise SystemExit(f"unexpected newline in {text!r}")
    if "\\" in text or '"' in text:
        hashes = "#"
        while f'"{hashes}' in text or f"\\{hashes}" in text:
            hashes += "#"
        return f'{hashes}"{text}"{hashes}'
    return f'"{text}"'


def reachable(model):
    shapes = model["shapes"]
    seen = set()

    def visit(name):
        if name in seen:
            return
        if name not in shapes:
            raise SystemExit(f"missing shape {name}")
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            visit(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                visit(shape[key]["shape"])

    for op in model["operations"].values():
        for key in ("input", "output"):
            if key in op:
                visit(op[key]["shape"])
        for err in op.get("errors", []):
            visit(err["shape"])
    return seen


def shape_expr(name, shape):
    unknown = set(shape) - KNOWN_SHAPE_KEYS
    if unknown:
        raise SystemExit(f"shape {name}: unhandled keys {sorted(unknown)}; teach the generator")
    kind = shape["type"]
    if kind not in KINDS:
        raise SystemExit(f"shape {name}: unhandled type {kind}")
    if shape.get("flattened") or shape.get("locationName"):
        raise SystemExit(f"shape {name}: flattened/locationName shapes are not modelled yet")
    args = [swift_string(name), f".{kind}"]
    if "min" in shape:
        args.append(f"min: {int(shape['min'])}")
    if "max" in shape:
        args.append(f"max: {int(shape['max'])}")
    if "pattern" in shape:
        args.append(f"pattern: {swift_string(shape['pattern'])}")
    if "enum" in shape:
        args.append("enumValues: [" + ", ".join(swift_string(v) for v in shape["enum"]) + "]")
    if shape.get("sensitive"):
        args.append("isSensitive: true")
    if kind == "list":
        ref = shape["member"]
        _check_member(name, "member", ref)
        args.append(f"member: {swift_string(ref['shape'])}")
        if "locationName" in ref:
            args.append(f"memberLocationName: {swift_string(ref['locationName'])}")
    if kind == "map":
        for part in ("key", "value"):
            _check_member(name, part, shape[part])
            if "locationName" in shape[part]:
                raise SystemExit(f"shape {name}: map {part} locationName is not modelled yet")
        args.append(f"key: {swift_string(shape['key']['shape'])}")
        args.append(f"value: {swift_string(shape['value']['shape'])}")
    if kind == "structure":
        required = set(shape.get("required", []))
        missing = required - set(shape.get("members", {}))
        if missing:
            raise SystemExit(f"shape {name}: required members {sorted(missing)} are not members")
        members = []
        for member_name, ref in shape.get("members", {}).items():
            _check_member(name, member_name, ref)
            parts = [swift_string(member_name), swift_string(ref["shape"])]
            if member_name in required:
                parts.append("required: true")
            if "locationName" in ref:
                parts.append(f"locationName: {swift_string(ref['locationName'])}")
            members.append(".init(" + ", ".join(parts) + ")")
        args.append("members: [" + ", ".join(members) + "]")
    if shape.get("exception"):
        error = shape.get("error", {})
        parts = [f"code: {swift_string(error.get('code', name))}"]
        if "httpStatusCode" in error:
            parts.append(f"httpStatusCode: {int(error['httpStatusCode'])}")
        # botocore writes senderFault only for client errors that carry an "error" block; a shape
        # with no block at all (newer Smithy-converted ones) is a client error unless marked "fault".
        sender = error.get("senderFault", False) if error else not shape.get("fault", False)
        parts.append(f"senderFault: {'true' if sender else 'false'}")
        args.append("error: .init(" + ", ".join(parts) + ")")
    return "ModelShape(" + ", ".join(args) + ")"


def _check_member(shape_name, member_name, ref):
    unknown = set(ref) - KNOWN_MEMBER_KEYS
    if unknown:
        raise SystemExit(f"shape {shape_name}.{member_name}: unhandled keys {sorted(unknown)}")


def operation_expr(service, op):
    args = [swift_string(op["name"]), f".{service}"]
    if "input" in op:
        args.append(f"input: {swift_string(op['input']['shape'])}")
    if "output" in op:
        args.append(f"output: {swift_string(op['output']['shape'])}")
        if "resultWrapper" in op["output"]:
            args.append(f"resultWrapper: {swift_string(op['output']['resultWrapper'])}")
    errors = [swift_string(e["shape"]) for e in op.get("errors", [])]
    if errors:
        args.append("errors: [" + ", ".join(errors) + "]")
    return "ModelOperation(" + ", ".join(args) + ")"


def chunked_function(out, name, element_type, exprs):
    """Emit `name()` returning all exprs, built from helper functions of at most CHUNK appends."""
    parts = [exprs[i:i + CHUNK] for i in range(0, len(exprs), CHUNK)] or [[]]
    out.append(f"static func {name}() -> [{element_type}] {{")
    out.append(f"    var all: [{element_type}] = []")
    out.append(f"    all.reserveCapacity({len(exprs)})")
    for index in range(len(parts)):
        out.append(f"    {name}{index + 1}(&all)")
    out.append("    return all")
    out.append("}")
    for index, part in enumerate(parts):
        out.append("")
        out.append("@_optimize(none)  // runs once; optimizing ~100 initializers costs minutes of -O build time")
        out.append(f"private static func {name}{index + 1}(_ all: inout [{element_type}]) {{")
        for expr in part:
            out.append(f"    all.append({expr})")
        out.append("}")


def generate():
    lines = []
    versions = set()
    service_blocks = []
    seen_ops = {}
    seen_codes = {}
    for case, folder, version in SERVICES:
        model, botocore_version = load_model(folder, version)
        versions.add(botocore_version)
        if model["metadata"].get("protocol") != "query":
            raise SystemExit(f"{folder}: expected the query protocol")
        for op_name in model["operations"]:
            if op_name in seen_ops:
                raise SystemExit(f"operation {op_name} is in both {seen_ops[op_name]} and {case}")
            seen_ops[op_name] = case
        for shape_name, shape in model["shapes"].items():
            if shape.get("exception"):
                error = shape.get("error", {})
                code, status = error.get("code", shape_name), error.get("httpStatusCode")
                if seen_codes.setdefault(code, status) != status:
                    raise SystemExit(f"error code {code} has two HTTP statuses across the models")
        names = sorted(reachable(model))
        shapes = [shape_expr(n, model["shapes"][n]) for n in names]
        ops = [operation_expr(case, model["operations"][n]) for n in sorted(model["operations"])]
        service_blocks.append((case, version, model["metadata"]["xmlNamespace"], shapes, ops))

    body = []
    body.append("/// The botocore release these tables were generated from.")
    body.append(f"static let botocoreVersion = {swift_string(sorted(versions)[-1])}")
    for case, version, namespace, shapes, ops in service_blocks:
        body.append("")
        body.append(f"// MARK: - {case.upper()} {version} ({len(ops)} operations, {len(shapes)} shapes)")
        body.append("")
        body.append(f"static let {case}APIVersion = {swift_string(version)}")
        body.append(f"static let {case}XMLNamespace = {swift_string(namespace)}")
        body.append("")
        chunked_function(body, f"{case}Operations", "ModelOperation", ops)
        body.append("")
        chunked_function(body, f"{case}Shapes", "ModelShape", shapes)

    lines.append("// Generated by scripts/generate-iam-model.py from botocore "
                 f"{', '.join(sorted(versions))} (iam 2010-05-08, sts 2011-06-15).")
    lines.append("// Do not edit: run `python3 scripts/generate-iam-model.py` to regenerate.")
    lines.append("")
    lines.append("extension IAMModel {")
    lines.append("    /// The tables behind ``IAMModel``: one function per service for operations and for shapes.")
    lines.append("    enum Generated {")
    lines.extend(("        " + line) if line else "" for line in body)
    lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    text = generate()
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            print(f"{args.output} is stale; run scripts/generate-iam-model.py", file=sys.stderr)
            return 1
        return 0
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
