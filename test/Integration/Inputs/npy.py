"""Reading the .npy files fx-run writes, without numpy (for the checkers
of test/Integration; older checkers still carry their own copy)."""
import struct

FMT = {"<f2": "e", "<f4": "f", "<f8": "d", "<i4": "i", "<i8": "q", "|u1": "B", "<u2": "H"}


def read_raw(path):
    """(descr, shape, body bytes) of the .npy file at path."""
    raw = open(path, "rb").read()
    n = struct.unpack("<H", raw[8:10])[0]
    header = raw[10:10 + n].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape = tuple(int(x) for x in
                  header.split("'shape': (")[1].split(")")[0].split(",")
                  if x.strip())
    return descr, shape, raw[10 + n:]


def read(path):
    """(descr, shape, values) of the .npy file at path, values as Python
    numbers in C order."""
    descr, shape, body = read_raw(path)
    fmt = FMT[descr]
    count = len(body) // struct.calcsize(fmt)
    return descr, shape, list(struct.unpack("<%d%s" % (count, fmt), body))


def write(path, descr, shape, body):
    """A version-1 .npy file of `body` (bytes, C order)."""
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % d for d in shape))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) +
                header.encode() + body)


def f32(x):
    """x rounded to the nearest float32 (ties to even)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]
