"""Verifies an exported Sportello audit trail without Sportello (docs/audit.md).

Usage: python3 verify_audit.py trail.jsonl [checkpoint.json keys.json]

Reads JSON lines (`sportello-server audit export --format jsonl`), checks every entry's
number, link and hash, and, given a checkpoint and the server's public keys (as
`GET /api/v1/audit/checkpoint` and `/audit/keys` answer them), the checkpoint's Ed25519
signature (with the `cryptography` package) and that it names an entry of the trail.
Prints "verified up to #N" and exits 0, or names the first bad entry and exits 1.
"""

import hashlib
import json
import struct
import sys


def encode(entry):
    """The canonical encoding: each field as a 4-byte big-endian length and its UTF-8."""
    at = entry["at"].replace("+00:00", "Z")
    seconds, _, rest = at.rstrip("Z").partition(".")
    at = f"{seconds}.{(rest + '000000')[:6]}Z"
    actor = entry["actor"]
    fields = [
        "sportello-audit-v1", str(entry["seq"]), at,
        actor["id"], actor["username"], actor["name"], actor["role"],
        entry["action"], entry["outcome"], entry.get("problem") or "",
        entry["shipment_id"], entry["order_id"], entry.get("ticket_id") or "",
        str(entry["generation"]), entry["reason"], entry["identity_check"],
        entry["channel"], entry["destination"], entry["prev_hash"],
    ]
    out = b""
    for field in fields:
        data = field.encode("utf-8")
        out += struct.pack(">I", len(data)) + data
    return out


def verify(lines):
    prev, expected, hashes = "0" * 64, 1, {}
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        seq = entry["seq"]
        if seq != expected:
            return f"entry #{expected} is missing", hashes
        if entry["prev_hash"] != prev:
            return f"entry #{seq} does not follow the entry before", hashes
        digest = hashlib.sha256(encode(entry)).hexdigest()
        if digest != entry["hash"]:
            return f"entry #{seq} was changed", hashes
        prev, expected, hashes[seq] = digest, seq + 1, digest
    return None, hashes


def check_checkpoint(checkpoint, keys, hashes):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = next((k for k in keys if k["key_id"] == checkpoint["key_id"]), None)
    if key is None:
        return f"the checkpoint at #{checkpoint['seq']} names an unknown key"
    at = checkpoint["at"].replace("+00:00", "Z")
    seconds, _, rest = at.rstrip("Z").partition(".")
    at = f"{seconds}.{(rest + '000000')[:6]}Z"
    message = f"sportello audit checkpoint v1\n{checkpoint['seq']}\n{checkpoint['hash']}\n{at}\n"
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(key["public_key"])).verify(
            bytes.fromhex(checkpoint["signature"]), message.encode()
        )
    except Exception:
        return f"the checkpoint at #{checkpoint['seq']} has a bad signature"
    if hashes.get(checkpoint["seq"]) != checkpoint["hash"]:
        return f"entry #{checkpoint['seq']} is not the entry that was signed"
    return None


def main(args):
    with open(args[0], encoding="utf-8") as f:
        broken, hashes = verify(f)
    if broken is None and len(args) == 3:
        with open(args[1], encoding="utf-8") as c, open(args[2], encoding="utf-8") as k:
            broken = check_checkpoint(json.load(c), json.load(k), hashes)
    if broken:
        print(f"broken: {broken}")
        return 1
    print(f"verified up to #{max(hashes, default=0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
