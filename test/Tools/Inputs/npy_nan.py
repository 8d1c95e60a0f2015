# Writes .npy files of raw bit patterns for fx-npy-diff.test's NaN checks:
# npy_nan.py DIR.  Each file: name, descr, element size, the patterns.
import struct
import sys

FILES = [
    ("f16_nan", "<f2", "<H", [0x7E00, 0x3C00]),   # NaN, 1.0
    ("f16_nan2", "<f2", "<H", [0xFE01, 0x3C00]),  # another NaN payload, sign
    ("f16_num", "<f2", "<H", [0x7C00, 0x3C00]),   # +inf (not a NaN), 1.0
    ("bf16_nan", "<u2", "<H", [0x7FC0, 0x3F80]),  # bf16 NaN, 1.0
    ("bf16_nan2", "<u2", "<H", [0xFF81, 0x3F80]),
    ("f8_nan", "|u1", "<B", [0x7F, 0x38]),        # f8E4M3FN NaN, 1.0
    ("f8_nan2", "|u1", "<B", [0xFF, 0x38]),
    ("f8_max", "|u1", "<B", [0x7E, 0x38]),        # 448, the largest finite
]

for name, descr, fmt, bits in FILES:
    header = ("{'descr': '%s', 'fortran_order': False, 'shape': (%d,), }"
              % (descr, len(bits))).encode()
    header += b" " * (127 - 10 - len(header)) + b"\n"
    with open("%s/%s.npy" % (sys.argv[1], name), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header)
        f.write(b"".join(struct.pack(fmt, b) for b in bits))
