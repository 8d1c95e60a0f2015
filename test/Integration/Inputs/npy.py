"""Reading the .npy files fx-run writes, without numpy (for the checkers
of test/Integration; older checkers still carry their own copy)."""
import struct

FMT = {"<f2": "e", "<f4": "f", "<f8": "d", "<i4": "i", "<i8": "q", "|u1": "B"}


def read(path):
    """(descr, shape, values) of the .npy file at path, values as Python
    numbers in C order."""
    raw = open(path, "rb").read()
    n = struct.unpack("<H", raw[8:10])[0]
    header = raw[10:10 + n].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape = tuple(int(x) for x in
                  header.split("'shape': (")[1].split(")")[0].split(",")
                  if x.strip())
    fmt = FMT[descr]
    body = raw[10 + n:]
    count = len(body) // struct.calcsize(fmt)
    return descr, shape, list(struct.unpack("<%d%s" % (count, fmt), body))


def f32(x):
    """x rounded to the nearest float32 (ties to even)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]
