#!/usr/bin/env python3
"""Lists the CUDA code embedded in a shared library, like
`cuobjdump --list-elf --list-ptx` (which a minimal toolkit may lack).

nvcc puts one fatbin container per .cu file into the `.nv_fatbin` section:
a header (magic 0xBA55ED50, version, header size, payload size) followed by
entries, each with its own header: kind (1 = PTX, 2 = ELF cubin, i.e.
SASS), header size, payload size, and at byte 28 the target architecture
(80 for sm_80).  Prints the number of containers ("modules"), then the
(kind, architecture) pairs every module has, then any that only some
modules have.
"""
import struct
import sys


def sections(data):
    """Name -> (offset, size) of an ELF64 little-endian file's sections."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit("not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    entsize, num, strndx = struct.unpack_from("<HHH", data, 0x3A)
    hdrs = [struct.unpack_from("<IIQQQQ", data, shoff + i * entsize) for i in range(num)]
    stroff = hdrs[strndx][4]

    def name(o):
        return data[stroff + o:data.index(b"\0", stroff + o)].decode()

    return {name(h[0]): (h[4], h[5]) for h in hdrs}


def modules(data, off, size):
    """One set of (kind, arch) per fatbin container in the section."""
    kinds = {1: "PTX", 2: "SASS"}
    pos, end, out = off, off + size, []
    while pos + 16 <= end:
        magic, _, hsize, fsize = struct.unpack_from("<IHHQ", data, pos)
        if magic != 0xBA55ED50:  # containers are 8-byte aligned
            pos += 8
            continue
        entry, stop, found = pos + hsize, pos + hsize + fsize, set()
        while entry < stop:
            kind, _, ehsize, esize = struct.unpack_from("<HHIQ", data, entry)
            arch = struct.unpack_from("<I", data, entry + 28)[0]
            found.add((kinds.get(kind, "kind%d" % kind), arch))
            entry += ehsize + esize
        out.append(found)
        pos = stop
    return out


def main():
    data = open(sys.argv[1], "rb").read()
    secs = sections(data)
    if ".nv_fatbin" not in secs:
        print("modules: 0")
        return
    mods = modules(data, *secs[".nv_fatbin"])
    every = set.intersection(*mods) if mods else set()
    some = set.union(*mods) - every if mods else set()

    def fmt(s):
        return ", ".join("%s sm_%d" % k for k in sorted(s, key=lambda k: (k[0], k[1]))) or "none"

    print("modules: %d" % len(mods))
    print("in every module: %s" % fmt(every))
    print("in some modules only: %s" % fmt(some))


main()
