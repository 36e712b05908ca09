#!/usr/bin/env python3
"""Writes the seed corpus for FuzzPrinterMapping from the device fixtures in
tests/snmp/data (format documented in FuzzInput.h) and for FuzzVendorProfile
from snmp/profiles. Run from anywhere; rewrites fuzz/corpus/."""
import json
import pathlib
import struct

top = pathlib.Path(__file__).resolve().parent.parent
TYPES = {"integer": 0, "octet_str": 1, "object_id": 2, "counter": 3, "gauge": 4, "unsigned": 4,
         "timeticks": 5, "counter64": 6}


def varint(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def oid_bytes(text):
    parts = [int(p) for p in text.strip(".").split(".")]
    return bytes([len(parts)]) + b"".join(varint(p) for p in parts)


def record(kind, oid, value):
    return bytes([kind]) + oid_bytes(oid) + struct.pack(">H", len(value)) + value


def encode_value(v):
    kind = TYPES[v["type"]]
    if "hex" in v:
        return kind, bytes.fromhex(v["hex"])
    if kind == 1:
        return kind, v["value"].encode()
    if kind == 2:
        parts = [int(p) for p in v["value"].strip(".").split(".")]
        return kind, b"".join(varint(p) for p in parts)
    n = int(v["value"])
    return kind, n.to_bytes(8, "big", signed=True)


def main():
    corpus = top / "fuzz" / "corpus" / "printer_mapping"
    corpus.mkdir(parents=True, exist_ok=True)
    for fixture in sorted((top / "tests" / "snmp" / "data").glob("*.json")):
        values = json.loads(fixture.read_text())["values"]
        body = b"".join(record(*encode_value(v)[:1], v["oid"], encode_value(v)[1]) for v in values)
        for selector in range(3):
            (corpus / f"{fixture.stem}-{selector}.bin").write_bytes(bytes([selector]) + body)
    # A few hand-made edge cases: every error bit, odd supply values, wrong types.
    edge = [
        record(1, "1.3.6.1.2.1.25.3.5.1.2.1", b"\xff\xff\xff"),
        record(0, "1.3.6.1.2.1.43.11.1.1.8.1.1", (-2).to_bytes(8, "big", signed=True)),
        record(0, "1.3.6.1.2.1.43.11.1.1.9.1.1", (-3).to_bytes(8, "big", signed=True)),
        record(0, "1.3.6.1.2.1.43.11.1.1.4.1.1", (4).to_bytes(8, "big", signed=True)),
        record(1, "1.3.6.1.2.1.1.1.0", b"\xc3\x28 bad utf-8 \xff" * 50),
        record(0, "1.3.6.1.2.1.43.10.2.1.4.1.1", (-5).to_bytes(8, "big", signed=True)),
        record(1, "1.3.6.1.2.1.1.2.0", b"not an oid"),
        record(0, "1.3.6.1.2.1.43.18.1.1.7.1.1", (23).to_bytes(8, "big", signed=True)),
    ]
    (corpus / "edge-cases.bin").write_bytes(b"\x01" + b"".join(edge))
    profiles = top / "fuzz" / "corpus" / "vendor_profile"
    profiles.mkdir(parents=True, exist_ok=True)
    for profile in sorted((top / "snmp" / "profiles").glob("*.profile")):
        (profiles / profile.name).write_bytes(profile.read_bytes())


if __name__ == "__main__":
    main()
