#!/usr/bin/env python3
"""Writes the seed corpus for FuzzPrinterMapping from the device fixtures in
tests/snmp/data (format documented in FuzzInput.h), for FuzzVendorProfile
from snmp/profiles, and small hand-written seeds for the other targets
(WS-Discovery, metadata, API requests, upgrade manifests, configuration,
discovery settings, control requests). Run from anywhere; rewrites the seeds
it owns in fuzz/corpus/ and leaves regression inputs (regression-*) alone."""
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
    text_seeds()


WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing"


def wsd_envelope(action, body, relates="urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" '
            f'xmlns:wsa="{WSA}" xmlns:wsd="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
            'xmlns:wsdp="http://schemas.xmlsoap.org/ws/2006/02/devprof" '
            'xmlns:wprt="http://schemas.microsoft.com/windows/2006/08/wdp/print"><soap:Header>'
            f'<wsa:To>{WSA}/role/anonymous</wsa:To>'
            f'<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/{action}</wsa:Action>'
            '<wsa:MessageID>urn:uuid:11111111-2222-3333-4444-555555555555</wsa:MessageID>'
            + (f'<wsa:RelatesTo>{relates}</wsa:RelatesTo>' if relates else '') +
            '<wsd:AppSequence InstanceId="7" MessageNumber="1"/></soap:Header>'
            f'<soap:Body>{body}</soap:Body></soap:Envelope>')


def endpoint(tag, address="urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f",
             xaddrs="http://192.0.2.50:80/wsd http://[2001:db8::50]:80/wsd"):
    return (f'<wsd:{tag}><wsa:EndpointReference><wsa:Address>{address}</wsa:Address></wsa:EndpointReference>'
            '<wsd:Types>wsdp:Device wprt:PrintDeviceType</wsd:Types>'
            f'<wsd:XAddrs>{xaddrs}</wsd:XAddrs><wsd:MetadataVersion>3</wsd:MetadataVersion></wsd:{tag}>')


def metadata(sections):
    return ('<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:wsx="http://schemas.xmlsoap.org/ws/2004/09/mex" '
            'xmlns:wsdp="http://schemas.xmlsoap.org/ws/2006/02/devprof"><soap:Header/><soap:Body><wsx:Metadata>'
            f'{sections}</wsx:Metadata></soap:Body></soap:Envelope>')


def manifest_payload(**changes):
    payload = {"product": "netgateway", "platform": "linux-amd64", "version": "1.3.0",
               "expires": "2026-12-31T00:00:00Z", "keyId": "KEY",
               "package": {"path": "/packages/netgateway_1.3.0_amd64.deb", "sha256": "ab" * 32, "size": 1048576}}
    payload.update(changes)
    return json.dumps(payload, separators=(",", ":"))


def text_seeds():
    seeds = {
        "wsd_message": {
            "probe-matches.xml": wsd_envelope("ProbeMatches", "<wsd:ProbeMatches>" + endpoint("ProbeMatch")
                                              + endpoint("ProbeMatch", "urn:uuid:2", "") + "</wsd:ProbeMatches>"),
            "hello.xml": wsd_envelope("Hello", endpoint("Hello"), relates=None),
            "bye.xml": wsd_envelope("Bye", "<wsd:Bye><wsa:EndpointReference><wsa:Address>urn:uuid:3</wsa:Address>"
                                           "</wsa:EndpointReference></wsd:Bye>", relates=None),
            "resolve-matches.xml": wsd_envelope("ResolveMatches", "<wsd:ResolveMatches>" + endpoint("ResolveMatch")
                                                + "</wsd:ResolveMatches>"),
            "probe.xml": wsd_envelope("Probe", "<wsd:Probe><wsd:Types>wsdp:Device</wsd:Types></wsd:Probe>", None),
            "dtd.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        },
        "wsd_metadata": {
            "this-model-device.xml": metadata(
                '<wsx:MetadataSection><wsdp:ThisModel><wsdp:Manufacturer xml:lang="en">Acme Imaging'
                '</wsdp:Manufacturer><wsdp:ModelName>LaserMax 9000</wsdp:ModelName><wsdp:ModelNumber>9000'
                '</wsdp:ModelNumber><wsdp:PresentationUrl>http://192.0.2.50/</wsdp:PresentationUrl>'
                '</wsdp:ThisModel></wsx:MetadataSection><wsx:MetadataSection><wsdp:ThisDevice>'
                '<wsdp:FriendlyName>Floor 2 MFP</wsdp:FriendlyName><wsdp:FirmwareVersion>2.1</wsdp:FirmwareVersion>'
                '<wsdp:SerialNumber> CN123XYZ </wsdp:SerialNumber></wsdp:ThisDevice></wsx:MetadataSection>'),
            "entity.xml": '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e "x">]><s>&e;</s>',
            "deep.xml": metadata("<a>" * 40 + "</a>" * 40),
        },
        "api_request": {
            "login.txt": "POST /api/v1/auth/login\nhost: 127.0.0.1:9797\ncontent-type: application/json\n\n"
                         '{"account":"admin","password":"correct horse battery staple"}',
            "settings.txt": "PUT /api/v1/security/settings\ncontent-type: application/json; charset=utf-8\n"
                            "origin: https://127.0.0.1:9797\n\n"
                            '{"password":"p","sessionInactivityMinutes":30,"allowedHosts":["gw.example","10.0.0.2"]}',
            "audit.txt": "GET /api/v1/audit/export?limit=10&format=csv\n\n"
                         '{"limit":10,"format":"csv","all":true}',
            "session.txt": "DELETE /api/v1/sessions/abc%2Fdef\n\n",
            "certificate.txt": "PUT /api/v1/certificate\ncontent-type: application/json\n\n"
                               '{"certificate":"-----BEGIN CERTIFICATE-----","key":"k","unknown":1}',
            "bad-utf8.txt": "POST /api/v1/auth/login\ncontent-type: application/json\n\n{\"a\":\"\xc3\x28\"}",
        },
        "upgrade_manifest": {
            "signed-valid.txt": "\x01" + manifest_payload(),
            "signed-old.txt": "\x01" + manifest_payload(version="1.0.0"),
            "signed-path.txt": "\x01" + manifest_payload(package={"path": "/a/../b", "sha256": "00", "size": 1.5}),
            "envelope.txt": "\x00" + json.dumps({"format": 1, "keyId": "0011223344556677",
                                                   "payload": "e30=", "signature": "AAAA"}),
        },
        "service_config": {
            "full.ini": "[service]\ndata_dir=/var/lib/netgateway\n[ui]\nport=9797\n[relay]\nport=8081\n"
                        "enabled=true\n[log]\nlevel=info\nmax_size_mb=10\nfiles=5\n",
            "bad-port.ini": "[ui]\nport=70000\n",
            "regression-data-dir-comma.ini": "[service]\ndata_dir=/srv/a,b\n[log]\nlevel=\"warning\"\n",
        },
        "discovery_settings": {
            "setting.json": json.dumps({"name": "Floor 2", "targets": ["192.0.2.0/24", "192.0.2.10-192.0.2.20",
                                                                        "printer-7.example.com", "2001:db8::/120"],
                                        "exclusions": ["192.0.2.1"], "wsDiscovery": True,
                                        "credentials": [{"version": "v3", "user": "ops", "auth": "SHA256",
                                                         "authPassphrase": "x" * 8, "priv": "AES"}],
                                        "schedule": "08:00,13:30", "registration": "managed"}),
            "targets.txt": "192.0.2.1\n10.0.0.0/255.255.0.0\nfe80::1%eth0\n192.0.2.99-192.0.2.10\n::/0\n"
                           "host_name.example\n0.0.0.0/0\n",
        },
        "task_request": {
            "poll-now.json": '{"id":"t-1","type":"poll-now","device":"KYO-0001"}',
            "snapshot.json": '{"id":"t-2","type":"snapshot","device":"00:11:22:33:44:55","parameters":{"webPage":false}}',
            "settings.json": '{"id":"t.3","type":"settings","device":"KYO-0001","parameters":{"sysName":"Floor 2",'
                             '"sysLocation":"Room 201","sysContact":"IT desk"}}',
            "firmware.json": '{"id":"fw_4","type":"firmware","device":"KYO-0001","parameters":{"package":"fw-2.1.bin",'
                             '"sha256":"' + "ab" * 32 + '","size":1048576,"delivery":"http-pull"}}',
            "send-file.json": '[{"id":"f-5","type":"send-file","device":"KYO-0001","parameters":{"package":"page.ps",'
                              '"sha256":"' + "0f" * 32 + '"}},{"id":"bad id","type":"restart","device":"x"}]',
            "refused.json": '{"id":"' + "x" * 65 + '","type":"reboot-everything","device":"","parameters":[]}',
        },
        "control_request": {
            "status.json": '{"command":"status"}',
            "echo.json": '{"command":"echo","nested":{"a":[1,2,{"b":null}]}}',
            "fail.json": '{"command":"fail"}',
            "unknown.json": '{"command":"' + "x" * 100 + '"}',
            "array.json": '[{"command":"status"}]',
        },
    }
    for corpus, files in seeds.items():
        directory = top / "fuzz" / "corpus" / corpus
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            data = text.encode("latin-1") if name == "bad-utf8.txt" or corpus == "upgrade_manifest" else text.encode()
            if name.startswith("regression-") and (directory / name).exists():
                continue
            (directory / name).write_bytes(data)


def ber(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([tag, n])
    elif n < 0x100:
        head = bytes([tag, 0x81, n])
    else:
        head = bytes([tag, 0x82, n >> 8, n & 0xFF])
    return head + content


def ber_int(v):
    out = v.to_bytes((v.bit_length() + 8) // 8 or 1, "big", signed=True)
    return ber(0x02, out)


def ber_oid(text):
    parts = [int(p) for p in text.split(".")]
    body = bytes([parts[0] * 40 + parts[1]]) + b"".join(varint(p) for p in parts[2:])
    return ber(0x06, body)


def snmp_seeds():
    """FuzzSnmpMessage: a selector byte (0 raw datagram, 1 authPriv scoped PDU, 2 authNoPriv scoped PDU)."""
    engine = bytes.fromhex("80001f8880a1b2c3d4e5f60718293a4b5c")
    varbinds = ber(0x30, ber(0x30, ber_oid("1.3.6.1.2.1.43.10.2.1.4.1.1") + ber(0x41, b"\x01\x02\x03"))
                   + ber(0x30, ber_oid("1.3.6.1.2.1.1.5.0") + ber(0x04, b"printer-1"))
                   + ber(0x30, ber_oid("1.3.6.1.2.1.1.3.0") + ber(0x43, b"\x10\x00"))
                   + ber(0x30, ber_oid("1.3.6.1.2.1.99.1") + b"\x82\x00"))
    response = ber(0xA2, ber_int(4242) + ber_int(0) + ber_int(0) + varbinds)
    report = ber(0xA8, ber_int(4242) + ber_int(0) + ber_int(0)
                 + ber(0x30, ber(0x30, ber_oid("1.3.6.1.6.3.15.1.1.2.0") + ber(0x41, b"\x05"))))
    scoped = ber(0x30, ber(0x04, engine) + ber(0x04, b"") + response)
    seeds = {
        "v3-authpriv-response.bin": b"\x01" + scoped,
        "v3-authnopriv-response.bin": b"\x02" + scoped,
        "v3-authpriv-report.bin": b"\x01" + ber(0x30, ber(0x04, engine) + ber(0x04, b"") + report),
        "v3-authpriv-context.bin": b"\x01" + ber(0x30, ber(0x04, engine) + ber(0x04, b"ctx") + response),
        "v2c-response.bin": b"\x00" + ber(0x30, ber_int(1) + ber(0x04, b"public") + response),
        "v1-response.bin": b"\x00" + ber(0x30, ber_int(0) + ber(0x04, b"public") + response),
        "v3-plain-header.bin": b"\x00" + ber(0x30, ber_int(3) + ber(0x30, ber_int(7) + ber_int(65507)
                                                                      + ber(0x04, b"\x00") + ber_int(3))
                                            + ber(0x04, ber(0x30, ber(0x04, engine) + ber_int(1) + ber_int(5)
                                                            + ber(0x04, b"") + ber(0x04, b"") + ber(0x04, b"")))
                                            + ber(0x30, ber(0x04, engine) + ber(0x04, b"") + report)),
    }
    directory = top / "fuzz" / "corpus" / "snmp_message"
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in seeds.items():
        (directory / name).write_bytes(data)


if __name__ == "__main__":
    main()
    snmp_seeds()
